/**
 * The entry point of the `flame-k8s` plugin. The provider host serves every
 * component class exported here: the plugin's `FlameRunnerPod` (the
 * library's own `FlameRunnerPod` takes callbacks and unions, a TypeScript-only
 * API) and the library's `FlameRbac`, whose arguments and outputs cross
 * languages as they are. (`FlameRunnerTemplate` takes a callback and has
 * manifest outputs: TypeScript only for now.)
 */
export { FlameRunnerPod } from "./flame-runner-pod";
export { FlameRbac } from "../src/kit/rbac";
