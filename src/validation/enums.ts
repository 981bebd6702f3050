/**
 * Allowed values the API server enforces on fields that the OpenAPI schema
 * (and so the generated table) types as a plain string. Enums the schema does
 * carry (`restartPolicy`, `imagePullPolicy`, `dnsPolicy`, port `protocol`, ...)
 * come from the generated table; a test checks this table against it.
 *
 * Sources: the Kubernetes API reference for Pod v1
 * (https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/)
 * and `pkg/apis/core/validation/validation.go` (`validateContainerResizePolicy`,
 * `validateObjectFieldSelector`, `validateContainerResourceDivisor`).
 */

/** Extra enums, by `Type.field` of the generated table. */
export const EXTRA_ENUMS: Readonly<Record<string, readonly string[]>> = {
  // Container.restartPolicy: "Always" makes an init container a sidecar.
  "Container.restartPolicy": ["Always", "Never", "OnFailure"],
  // ContainerResizePolicy: in-place resize of cpu and memory only.
  "ContainerResizePolicy.resourceName": ["cpu", "memory"],
  "ContainerResizePolicy.restartPolicy": ["NotRequired", "RestartContainer"],
  // PodSecurityContext.seLinuxChangePolicy.
  "PodSecurityContext.seLinuxChangePolicy": ["MountOption", "Recursive"],
  // validateOS: the operating systems a pod can name.
  "PodOS.name": ["linux", "windows"],
};

/**
 * Enum fields, by `Type.field`, where the API server takes an empty string:
 * v1 defaulting fills it in before validation (`SetDefaults_Container`,
 * `SetDefaults_PodSpec`, `SetDefaults_ContainerPort`,
 * `SetDefaults_HTTPGetAction` in `pkg/apis/core/v1/defaults.go`), or
 * validation reads it as a value (`ValidateTolerations`: an empty operator is
 * `Equal`, an empty effect matches every effect).
 */
export const EMPTY_ENUM_VALUE_ALLOWED: readonly string[] = [
  "Container.imagePullPolicy",
  "Container.terminationMessagePolicy",
  "PodSpec.dnsPolicy",
  "PodSpec.restartPolicy",
  "ContainerPort.protocol",
  "HTTPGetAction.scheme",
  "Toleration.operator",
  "Toleration.effect",
];

/**
 * The pod fields an environment variable may read through
 * `valueFrom.fieldRef.fieldPath` (besides `metadata.labels['key']` and
 * `metadata.annotations['key']`).
 */
export const ENV_FIELD_PATHS: readonly string[] = [
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.serviceAccountName",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
];

/**
 * The container resources an environment variable may read through
 * `valueFrom.resourceFieldRef.resource` (besides `requests.hugepages-<size>`
 * and `limits.hugepages-<size>`).
 */
export const ENV_RESOURCE_FIELDS: readonly string[] = [
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.ephemeral-storage",
];

/** Resource names a container may request without a domain prefix (besides `hugepages-<size>`). */
export const STANDARD_CONTAINER_RESOURCES: readonly string[] = [
  "cpu",
  "memory",
  "ephemeral-storage",
];

/** The divisors a memory, ephemeral-storage or hugepages `resourceFieldRef` takes, in canonical form. */
const BYTE_DIVISORS: readonly string[] = [
  "1",
  "1k",
  "1M",
  "1G",
  "1T",
  "1P",
  "1E",
  "1Ki",
  "1Mi",
  "1Gi",
  "1Ti",
  "1Pi",
  "1Ei",
];

/**
 * The divisors a `resourceFieldRef` (of an env entry or a downward API
 * volume) takes for each resource, compared with the divisor's canonical form
 * (`validateContainerResourceDivisor`; `"1000m"` is `"1"`). The key is the
 * resource without its `requests.`/`limits.` prefix; `hugepages-` stands for
 * every hugepages size.
 */
export const RESOURCE_FIELD_DIVISORS: Readonly<Record<string, readonly string[]>> = {
  cpu: ["1m", "1"],
  memory: BYTE_DIVISORS,
  "ephemeral-storage": BYTE_DIVISORS,
  "hugepages-": BYTE_DIVISORS,
};
