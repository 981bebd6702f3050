/**
 * The issue codes: every problem the library reports, error or warning,
 * carries one of these stable kebab-case codes (as ESLint shows its rule
 * ids). `docs/codes.md` holds the same table for readers; a test keeps the
 * two equal, entry by entry. Imports nothing of the library.
 *
 * Validation's codes are the Kubernetes field error types
 * (`k8s.io/apimachinery/pkg/util/validation/field`), plus `unknown-field`
 * for a field the Pod schema does not have (strict field validation).
 */

/** Whether a code stops the run (`error`) or is reported and the run goes on (`warning`). */
export type IssueSeverity = "error" | "warning";

/** One entry of the codes table. */
export interface IssueCodeEntry {
  /** The code, stable kebab-case: `required`, `env-overwritten`... */
  readonly code: string;
  /** Whether it is an error or a warning. */
  readonly severity: IssueSeverity;
  /** What it reports. */
  readonly what: string;
  /** What to do about it. */
  readonly todo: string;
}

/**
 * Every issue code, in the order of `docs/codes.md`: validation's, then the
 * rules' errors, the arguments' errors, the rules' warnings, and the runtime
 * warnings.
 */
export const ISSUE_CODES = [
  // Validation: the Kubernetes field error types, and unknown-field.
  {
    code: "required",
    severity: "error",
    what: "A required value is missing or empty (Kubernetes' `Required value`).",
    todo: "Set the field.",
  },
  {
    code: "invalid",
    severity: "error",
    what: "A value has the wrong type, format or range (Kubernetes' `Invalid value`).",
    todo: "Correct the value as the message says.",
  },
  {
    code: "not-supported",
    severity: "error",
    what: "A value is not one of the values the field allows (Kubernetes' `Unsupported value`).",
    todo: "Use one of the values the message lists.",
  },
  {
    code: "duplicate",
    severity: "error",
    what: "A value that must be unique in its list appears twice (Kubernetes' `Duplicate value`).",
    todo: "Rename or remove one of them.",
  },
  {
    code: "forbidden",
    severity: "error",
    what: "A valid value that is not allowed here, alone or with another field (Kubernetes' `Forbidden`).",
    todo: "Remove the field, or the field it conflicts with.",
  },
  {
    code: "too-long",
    severity: "error",
    what: "A value is longer than its field allows (Kubernetes' `Too long`).",
    todo: "Shorten it.",
  },
  {
    code: "too-many",
    severity: "error",
    what: "A list has more items than its field allows (Kubernetes' `Too many`).",
    todo: "Remove items.",
  },
  {
    code: "not-found",
    severity: "error",
    what: "A value refers to something that does not exist (Kubernetes' `Not found`).",
    todo: "Refer to something that exists.",
  },
  {
    code: "unknown-field",
    severity: "error",
    what: "A field the Pod schema does not have: the API server refuses it under strict field validation.",
    todo: "Fix the spelling (the message suggests the nearest field), or remove it.",
  },
  // The rules' errors: the parent pod, the template, the callback, caller data.
  {
    code: "parent-pod-invalid",
    severity: "error",
    what: "The parent pod is not a pod manifest: not an object, no containers, or a first container that is not an object.",
    todo: "Pass the running application's pod as `kubectl get pod <name> -o yaml` prints it.",
  },
  {
    code: "parent-pod-unnamed",
    severity: "error",
    what: "The parent pod has no `metadata.name`, which the runner name is made of.",
    todo: "Pass a pod read from the cluster.",
  },
  {
    code: "parent-pod-uid-missing",
    severity: "error",
    what: "The parent pod has no `metadata.uid`, which the runner's owner reference needs.",
    todo: "Pass a pod read from the cluster, or `omitOwnerReference: true`.",
  },
  {
    code: "app-container-not-found",
    severity: "error",
    what: "`appContainerName` names no container of the parent pod.",
    todo: "Name one of the containers the message lists (init containers cannot be the app container).",
  },
  {
    code: "app-container-image-missing",
    severity: "error",
    what: "The app container has no image, which the runner runs.",
    todo: "Set the image, or pass `appContainerName`.",
  },
  {
    code: "runner-id-invalid",
    severity: "error",
    what: "The runner id does not make a valid runner name (a DNS-1123 label; under v0.7, the generateName suffix's alphabet and length).",
    todo: "Use lowercase letters and digits, or leave it out for a fresh random id.",
  },
  {
    code: "template-invalid",
    severity: "error",
    what: "The template (or the v0.7 manifest) is not a template object, or one of its fields has the wrong type.",
    todo: "Pass `{ env?, resources?, addParentEnv? }` (a manifest object under v0.7), or a callback.",
  },
  {
    code: "template-unknown-field",
    severity: "error",
    what: "A template object has a field other than `env`, `resources` and `addParentEnv`.",
    todo: "Fix the spelling, or use a callback to set anything else of the runner pod.",
  },
  {
    code: "env-entry-invalid",
    severity: "error",
    what: "An env list of the template or the callback is not a list of `{ name, value }` or `{ name, valueFrom }` entries.",
    todo: "Give each entry a non-empty name and one of value and valueFrom.",
  },
  {
    code: "callback-failed",
    severity: "error",
    what: "The callback threw, or its Promise rejected.",
    todo: "Fix the callback; the error is the `cause`.",
  },
  {
    code: "callback-returned-promise",
    severity: "error",
    what: "The callback returned a Promise to the synchronous `runnerPodManifest`.",
    todo: "Use `runnerPodManifestAsync` or the `FlameRunnerPod` component.",
  },
  {
    code: "callback-result-invalid",
    severity: "error",
    what: "The callback's result is not a pod manifest object (or its metadata, spec or containers have the wrong type, or reading it threw).",
    todo: "Return plain data shaped like a pod manifest.",
  },
  {
    code: "runner-namespace-invalid",
    severity: "error",
    what: "The callback's `metadata.namespace` is not a namespace name.",
    todo: "Leave it out for the parent's namespace.",
  },
  {
    code: "owner-reference-cross-namespace",
    severity: "error",
    what: "The runner's namespace is not the parent's, so its owner reference would cross namespaces and the garbage collector would delete it at once.",
    todo: "Run the runner in the parent's namespace, or pass `omitOwnerReference: true`.",
  },
  {
    code: "start-invalid",
    severity: "error",
    what: "The start of the rules (`start.kind`) is unknown or does not belong to the backend profile.",
    todo: "Start a v0.3.3 runner from a template, a v0.7 runner from a manifest, either from a callback.",
  },
  {
    code: "caller-data-unreadable",
    severity: "error",
    what: "Reading caller data threw (a getter, a proxy).",
    todo: "Pass plain data; the error is the `cause`.",
  },
  {
    code: "caller-data-cycle",
    severity: "error",
    what: "Caller data refers back to one of its own ancestors (a cycle).",
    todo: "Pass a tree of plain data.",
  },
  {
    code: "caller-data-too-deep",
    severity: "error",
    what: "Caller data nests deeper than 100 levels (a pod manifest nests about 12).",
    todo: "Pass plain manifest data.",
  },
  // The arguments of the functions, the component and the kit.
  {
    code: "argument-invalid",
    severity: "error",
    what: "An option of `runnerPodManifest`, or an argument of `FlameRunnerPod` or of the kit, has the wrong type or value.",
    todo: "Pass a value as the message says, or leave the argument out for its default.",
  },
  {
    code: "argument-missing",
    severity: "error",
    what: "A required argument is missing.",
    todo: "Pass it.",
  },
  {
    code: "argument-unknown",
    severity: "error",
    what: "An option or argument that does not exist.",
    todo: "Fix the spelling (the message suggests the nearest name), or remove it.",
  },
  {
    code: "argument-needs-v07",
    severity: "error",
    what: "An option only the v0.7 backend has (`env`, `secretEnv`, `releaseCookie`), under v0.3.3, which would ignore it.",
    todo: 'Pass `backend: "v0.7"`, or put the variables in the template\'s env.',
  },
  {
    code: "argument-rejected",
    severity: "error",
    what: "A value of the component's arguments (an Output or a Promise) failed.",
    todo: "Fix what produces the value; the error is the `cause`.",
  },
  // The rules' warnings.
  // The deployment kit's file (FlameRunnerTemplate).
  {
    code: "secret-in-configmap",
    severity: "error",
    what: "A value from a Pulumi secret would be published in the runner template's ConfigMap, in plain text for anyone who may read ConfigMaps in the namespace.",
    todo: "Give the value through `valueFrom.secretKeyRef` (a Kubernetes Secret), or under v0.7 through the backend's `secret_env` option in the application.",
  },
  {
    code: "sidecar-as-app-container",
    severity: "warning",
    what: "Without `appContainerName`, the first container is a well-known sidecar: the runner gets its image and env.",
    todo: "Pass `appContainerName` with the container that runs the application.",
  },
  {
    code: "parent-pod-env-missing",
    severity: "warning",
    what: "The parent's app container has no `POD_NAME` or `POD_NAMESPACE`: the backend cannot find its own pod, so no runner starts.",
    todo: 'Add them from the downward API: `flameParentEnv("<node basename>")` gives the whole list.',
  },
  {
    code: "parent-cluster-env-missing",
    severity: "warning",
    what: "The parent's app container has no `POD_IP`, `RELEASE_DISTRIBUTION` or `RELEASE_NODE`: runners cannot join its Erlang cluster.",
    todo: 'Add them after `POD_NAME` and `POD_NAMESPACE`: `flameParentEnv("<node basename>")`.',
  },
  {
    code: "parent-release-node-unexpanded",
    severity: "warning",
    what: "The parent's `RELEASE_NODE` refers with `$(NAME)` to a variable defined after it or nowhere: the node name keeps the literal text.",
    todo: "Define the variable before `RELEASE_NODE`.",
  },
  {
    code: "parent-default-service-account",
    severity: "warning",
    what: 'The parent runs as the namespace\'s "default" service account, which may not manage pods: no runner starts.',
    todo: "Give the parent a service account allowed to manage pods: `FlameRbac` creates one.",
  },
  {
    code: "backend-value-overwritten",
    severity: "warning",
    what: "The callback (or manifest) set a value the backend controls (`apiVersion`, `kind`, `metadata.name`, owner references, `restartPolicy`, the service account, the runner container's image and name); the backend's value replaces it.",
    todo: "Leave the field out of the callback's result.",
  },
  {
    code: "service-account-mount-dropped",
    severity: "warning",
    what: "A container of the callback's result mounts the service-account token volume the admission controller injected into the parent, which is not in `spec.volumes`: the mount is dropped (the controller injects a fresh one into the runner).",
    todo: "Nothing to do; drop the mount in the callback to silence it.",
  },
  {
    code: "env-overwritten",
    severity: "warning",
    what: "The template or callback sets an env variable the backend controls; the backend's value replaces it.",
    todo: "Leave the variable out.",
  },
  {
    code: "env-removed",
    severity: "warning",
    what: "The template or callback sets `FLAME_BACKEND`, which the backend never passes to a runner; it is removed.",
    todo: "Leave the variable out.",
  },
  {
    code: "env-reference-unexpanded",
    severity: "warning",
    what: "A runner env value refers with `$(NAME)` to a variable defined later in the list or nowhere: Kubernetes keeps the literal text.",
    todo: "Define the variable before the entry that uses it, or write `$$(NAME)` for a literal.",
  },
  {
    code: "encoded-parent-placeholder",
    severity: "warning",
    what: "The CLI ran without `--encoded-parent`: `FLAME_PARENT` is a placeholder (FLAME sets the real value at run time).",
    todo: "Pass `--encoded-parent` for a manifest to apply as is.",
  },
  // The runtime warnings on the finished runner (issue 18, item 2).
  {
    code: "runner-container-name-refused",
    severity: "warning",
    what: "v0.3.3 names the runner container after the parent pod at run time; with a dot in the workload's name the API server refuses every runner.",
    todo: 'A workload name without `.`, or `backend: "v0.7"` (its container is named `runner`).',
  },
  {
    code: "runner-secret-unattached",
    severity: "warning",
    what: "v0.7.0 with `app_container_name` (the app container is not the first) attaches the runner's Secret, which holds the cookie, to no container.",
    todo: "Put the app container first in the pod template, or give `RELEASE_COOKIE` through `secretKeyRef` or `envFrom`.",
  },
  {
    code: "runner-cannot-cluster",
    severity: "warning",
    what: "The parent sets `RELEASE_DISTRIBUTION`/`RELEASE_NODE` and the runner lacks them, or the runner's `RELEASE_NODE` is the same for every runner: it cannot join the parent's cluster.",
    todo: "Keep the parent's env, with a per-pod `RELEASE_NODE` such as `<basename>@$(POD_IP)`.",
  },
  {
    code: "release-cookie-missing",
    severity: "warning",
    what: "The parent sets `RELEASE_COOKIE` and the runner has none (and no `envFrom` that might bring it): it cannot join the parent's cluster.",
    todo: "Keep `RELEASE_COOKIE` in the runner's env, or pass `releaseCookie` (v0.7).",
  },
  {
    code: "image-pull-secrets-dropped",
    severity: "warning",
    what: "The parent has `spec.imagePullSecrets` and the runner has none: the runner's image pull may fail.",
    todo: "Keep them with a callback, or a v0.7 manifest.",
  },
  {
    code: "image-pull-policy-changed",
    severity: "warning",
    what: "The parent's app container sets `imagePullPolicy`, the runner sets none, and the API server's default for the runner's image differs.",
    todo: "Set the same `imagePullPolicy` on the runner container.",
  },
  {
    code: "controller-adopts-runner",
    severity: "warning",
    what: "The runner's labels carry the parent's `pod-template-hash` or `controller-revision-hash`, or match the workload's selector: its ReplicaSet adopts and deletes it.",
    todo: "Drop those labels from the runner.",
  },
  {
    code: "ipv6-distribution-dropped",
    severity: "warning",
    what: "The parent's `ERL_AFLAGS`, `ERL_FLAGS` or `ELIXIR_ERL_OPTIONS` holds `inet6_tcp` and the runner's does not: it cannot reach the parent on an IPv6 cluster.",
    todo: "Keep the flag in the runner's env.",
  },
] as const satisfies readonly IssueCodeEntry[];

/** A code of the table {@link ISSUE_CODES}. */
export type IssueCode = (typeof ISSUE_CODES)[number]["code"];

const BY_CODE: ReadonlyMap<string, IssueCodeEntry> = new Map(
  ISSUE_CODES.map((entry) => [entry.code, entry]),
);

/**
 * The table entry of a code, or `undefined` for a code the table does not have.
 *
 * @param code - the code.
 */
export function issueCodeEntry(code: string): IssueCodeEntry | undefined {
  return BY_CODE.get(code);
}
