/**
 * The runner pod rules as pure functions (no Pulumi import). The package's
 * public API (`src/index.ts`) re-exports only some of these; the rest is for
 * the component and the command line.
 */
export {
  runnerPodManifest,
  runnerPodManifestAsync,
  runnerPodManifestFromStart,
  runnerPodCallbackArguments,
  objectStart,
  type RunnerPodStart,
} from "./manifest";
export { callbackError, callbackResultError, isThenableResult } from "./callback";
export { findAppContainer, WELL_KNOWN_SIDECARS } from "./app-container";
export {
  DNS1123_LABEL_MAX_LENGTH,
  RUNNER_ID_LENGTH,
  V07_RUNNER_ID_ALPHABET,
  V07_RUNNER_ID_LENGTH,
  isDns1123Label,
  newRunnerId,
  runnerName,
  runnerNamePrefix,
} from "./names";
export { PREDEFINED_ENV_NAMES, REMOVED_ENV_NAMES, envReferences } from "./env";
export { SERVER_WRITTEN_METADATA_FIELDS } from "./server-fields";
export {
  BACKEND_UPGRADE_CHANGE_KINDS,
  backendUpgradeChanges,
  type BackendUpgradeChange,
  type BackendUpgradeChangeKind,
  type BackendUpgradeOptions,
} from "./upgrade";
