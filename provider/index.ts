/**
 * The entry point of the `flame-k8s` plugin. The provider host serves every
 * component class exported here, so this module exports the plugin's
 * `FlameRunnerPod` and nothing else (the library's own `FlameRunnerPod` is
 * a TypeScript-only API).
 */
export { FlameRunnerPod } from "./flame-runner-pod";
