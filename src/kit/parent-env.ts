/**
 * `flameParentEnv`: the environment a FLAME parent's app container needs, in
 * the order Kubernetes needs it.
 */
import { issue } from "../issues/issue";
import type * as k8s from "@pulumi/kubernetes";
import { FlameRunnerPodError } from "../errors";
import { show } from "../issues/message";
import { FieldPath } from "../issues/path";

/**
 * What an Erlang node's basename may hold here: letters, digits, `_` and `-`
 * (no `@`, which separates it from the host, and no `$(...)`).
 */
const NODE_BASENAME = /^[A-Za-z0-9_-]+$/;

/**
 * The env entries the parent's app container needs for flame_k8s_backend and
 * for Erlang clustering, in this order:
 *
 * 1. `POD_NAME` (downward API `metadata.name`) and
 * 2. `POD_NAMESPACE` (`metadata.namespace`): the backend reads them to find
 *    its own pod, whose manifest the runners are built from;
 * 3. `POD_IP` (`status.podIP`);
 * 4. `RELEASE_DISTRIBUTION=name` (long node names, by IP);
 * 5. `RELEASE_NODE=<nodeBasename>@$(POD_IP)`: after `POD_IP`, because
 *    Kubernetes expands `$(VAR)` only from variables defined earlier.
 *
 * Runners copy the parent's env, so each runner names itself
 * `<nodeBasename>@<its own IP>`; the backend takes the basename from the
 * parent's node name. Put these entries first in the container's `env` (or
 * at least before any entry that refers to them).
 *
 * @param nodeBasename - the node name's part before `@`, usually the
 *   release's name (`my_app`): letters, digits, `_` and `-`.
 * @returns five new entries, typed for a `k8s.types.input.core.v1.Container`.
 * @throws FlameRunnerPodError (path `nodeBasename`) for an empty basename or
 *   one with other characters.
 */
export function flameParentEnv(nodeBasename: string): k8s.types.input.core.v1.EnvVar[] {
  if (typeof nodeBasename !== "string" || !NODE_BASENAME.test(nodeBasename)) {
    throw new FlameRunnerPodError(
      [
        issue(
          "argument-invalid",
          FieldPath.root("nodeBasename"),
          `must be an Erlang node basename, the part of RELEASE_NODE before "@" (letters, digits, "_" and "-"), usually the release name such as "my_app" (got ${show(nodeBasename)})`,
        ),
      ],
      "flameParentEnv",
    );
  }
  return [
    { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
    { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
    { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
    { name: "RELEASE_DISTRIBUTION", value: "name" },
    { name: "RELEASE_NODE", value: `${nodeBasename}@$(POD_IP)` },
  ];
}
