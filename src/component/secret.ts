/**
 * The runner's Secret, child of {@link FlameRunnerPod} under the v0.7
 * profile when `secretEnv` or `releaseCookie` is given: what v0.7 puts in a
 * Secret beside the runner pod, which the pod reads through `envFrom`.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import type { PodOutcome } from "./pod";

/** The variable of the runner's Secret that holds the release's Erlang cookie. */
export const RELEASE_COOKIE_ENV = "RELEASE_COOKIE";

/**
 * The Secret's `stringData`: `secretEnv`, and `RELEASE_COOKIE` when a cookie
 * is given (it overwrites an entry of that name). A new object.
 *
 * @param secretEnv - the resolved `secretEnv`; not modified. Absent: none.
 * @param releaseCookie - the resolved cookie. Absent: no `RELEASE_COOKIE`.
 */
export function secretStringData(
  secretEnv: Readonly<Record<string, string>> | undefined | null,
  releaseCookie: string | undefined | null,
): Record<string, string> {
  const data: Record<string, string> = { ...secretEnv };
  if (releaseCookie !== undefined && releaseCookie !== null) {
    data[RELEASE_COOKIE_ENV] = releaseCookie;
  }
  return data;
}

/**
 * The Secret's inputs: `metadata.name`, `metadata.namespace` and
 * `metadata.ownerReferences` those of the runner pod (so it is named like
 * the pod, and owned by the same parent, or by none), `stringData` secret.
 *
 * @param built - the rules' outcome: the pod's inputs and the Secret's data.
 */
export function secretArgs(
  built: pulumi.Output<PodOutcome & { secretData: Record<string, string> }>,
): k8s.core.v1.SecretArgs {
  const metadata = built.apply((b) => {
    const pod = b.inputs.metadata;
    const meta: k8s.types.input.meta.v1.ObjectMeta = { name: pod.name };
    if (pod.namespace !== undefined) meta.namespace = pod.namespace;
    if (pod.ownerReferences !== undefined) meta.ownerReferences = pod.ownerReferences;
    return meta;
  });
  return {
    apiVersion: "v1",
    kind: "Secret",
    type: "Opaque",
    metadata,
    stringData: pulumi.secret(built.apply((b) => b.secretData)),
  };
}
