/**
 * The deployment kit: what one Pulumi program needs to deploy a FLAME-ready
 * application ({@link FlameRbac}, {@link flameParentEnv}) whose runner
 * template is checked at preview time ({@link FlameRunnerTemplate}).
 */
export {
  FlameRbac,
  FLAME_RBAC_TYPE,
  FLAME_RBAC_VERBS,
  FLAME_RBAC_V07_SECRET_VERBS,
  type FlameRbacArgs,
} from "./rbac";
export { flameParentEnv } from "./parent-env";
export {
  FlameRunnerTemplate,
  FLAME_RUNNER_TEMPLATE_TYPE,
  RUNNER_TEMPLATE_MOUNT_PATH,
  RUNNER_TEMPLATE_VOLUME_PREFIX,
  RUNTIME_ENCODED_PARENT,
  RUNTIME_RUNNER_ID,
  RUNTIME_RUNNER_ID_V07,
  runnerTemplateMountPath,
  runnerTemplateVolumeName,
  type FlameRunnerTemplateArgs,
} from "./runner-template";
export {
  runnerTemplateDocument,
  runnerTemplateV07Document,
  RUNNER_TEMPLATE_FILE,
  POD_FIELD_ALIASES,
  type RunnerTemplateDocument,
  type RunnerTemplateV07Document,
} from "./runner-template-document";
export {
  standInParentPod,
  workloadPodName,
  WORKLOAD_KINDS,
  PLACEHOLDER_ORDINAL,
  PLACEHOLDER_POD_SUFFIX,
  PLACEHOLDER_POD_TEMPLATE_HASH,
  PLACEHOLDER_UID,
  type WorkloadKind,
  type WorkloadPodSource,
} from "./stand-in-pod";
