/**
 * The checks the Kubernetes API server runs on a pod beyond its OpenAPI
 * schema (`ValidatePodCreate` in `pkg/apis/core/validation/validation.go` and
 * what it calls), one function per object type of the field table, grouped
 * by area in the modules of this folder. Each runs after the walker has
 * checked the object's fields, so it only looks at values of the right type
 * and reports nothing twice.
 */
import type { ObjectCheck } from "../schema";
import {
  checkContainer,
  checkContainerPort,
  checkExecAction,
  checkGrpcAction,
  checkLifecycleHandler,
  checkPortAction,
  checkProbe,
  checkVolumeMount,
} from "./containers";
import {
  checkEnvFromSource,
  checkEnvSourceName,
  checkEnvVar,
  checkEnvVarSource,
  checkKeySelector,
  checkResourceFieldSelector,
} from "./env";
import { checkObjectMeta, checkPod } from "./metadata";
import { checkPodDnsConfig, checkPodSpec } from "./pod-spec";
import { checkResourceRequirements } from "./resources";
import {
  checkLabelSelector,
  checkNodeAffinity,
  checkPodAffinityTerm,
  checkTopologySpreadConstraint,
  checkToleration,
  checkWeightedPodAffinityTerm,
} from "./scheduling";
import {
  checkAppArmorProfile,
  checkPodSecurityContext,
  checkSeccompProfile,
  checkSecurityContext,
} from "./security";
import {
  checkConfigMapVolumeSource,
  checkDefaultMode,
  checkDownwardApiVolumeFile,
  checkEmptyDirVolumeSource,
  checkKeyToPath,
  checkPersistentVolumeClaimVolumeSource,
  checkProjectionName,
  checkSecretVolumeSource,
  checkVolume,
} from "./volumes";

/** The API server's checks by type name of the field table. */
export const API_CHECKS: Readonly<Record<string, ObjectCheck>> = {
  // metadata.ts
  Pod: checkPod,
  ObjectMeta: checkObjectMeta,
  // pod-spec.ts
  PodSpec: checkPodSpec,
  PodDNSConfig: checkPodDnsConfig,
  // containers.ts
  Container: checkContainer,
  ContainerPort: checkContainerPort,
  VolumeMount: checkVolumeMount,
  Probe: checkProbe,
  LifecycleHandler: checkLifecycleHandler,
  ExecAction: checkExecAction,
  HTTPGetAction: checkPortAction,
  TCPSocketAction: checkPortAction,
  GRPCAction: checkGrpcAction,
  // env.ts
  EnvVar: checkEnvVar,
  EnvVarSource: checkEnvVarSource,
  EnvFromSource: checkEnvFromSource,
  ConfigMapKeySelector: checkKeySelector("config map"),
  SecretKeySelector: checkKeySelector("secret"),
  ConfigMapEnvSource: checkEnvSourceName("config map"),
  SecretEnvSource: checkEnvSourceName("secret"),
  ResourceFieldSelector: checkResourceFieldSelector,
  // resources.ts
  ResourceRequirements: checkResourceRequirements,
  // volumes.ts
  Volume: checkVolume,
  ConfigMapVolumeSource: checkConfigMapVolumeSource,
  SecretVolumeSource: checkSecretVolumeSource,
  ProjectedVolumeSource: checkDefaultMode,
  DownwardAPIVolumeSource: checkDefaultMode,
  ConfigMapProjection: checkProjectionName("config map"),
  SecretProjection: checkProjectionName("secret"),
  KeyToPath: checkKeyToPath,
  EmptyDirVolumeSource: checkEmptyDirVolumeSource,
  PersistentVolumeClaimVolumeSource: checkPersistentVolumeClaimVolumeSource,
  DownwardAPIVolumeFile: checkDownwardApiVolumeFile,
  // scheduling.ts
  NodeAffinity: checkNodeAffinity,
  LabelSelector: checkLabelSelector,
  PodAffinityTerm: checkPodAffinityTerm,
  WeightedPodAffinityTerm: checkWeightedPodAffinityTerm,
  TopologySpreadConstraint: checkTopologySpreadConstraint,
  Toleration: checkToleration,
  // security.ts
  PodSecurityContext: checkPodSecurityContext,
  SecurityContext: checkSecurityContext,
  SeccompProfile: checkSeccompProfile,
  AppArmorProfile: checkAppArmorProfile,
};
