/**
 * The resource options of the custom children of {@link FlameRunnerPod}
 * (the runner pod and, under the v0.7 profile, its Secret), built from the
 * component's own options.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { FlameRunnerPodOptions } from "./args";

/**
 * The options every custom child gets: a child of the component, after
 * `dependsOn`, with those of the component's options that a child uses as
 * the pod does (`deleteBeforeReplace`, default `true`: the children's names
 * are fixed, so the old one must go before its replacement is created;
 * `customTimeouts`, `retainOnDelete`). `provider`, `providers` and `protect`
 * reach the children as they reach any child.
 *
 * @param component - the component (the child's parent).
 * @param opts - the component's options; not modified.
 * @param dependsOn - the resources the child waits for (the parent pod
 *   resource, the Secret).
 * @param outcome - the rules' outcome: the child waits for it too, so that
 *   when the rules failed its registration fails with their error, before
 *   any input is sent.
 */
export function childOptions(
  component: pulumi.ComponentResource,
  opts: FlameRunnerPodOptions,
  dependsOn: readonly pulumi.Resource[],
  outcome: pulumi.Output<unknown>,
): pulumi.CustomResourceOptions {
  return {
    parent: component,
    dependsOn: outcome.apply(() => [...dependsOn]),
    deleteBeforeReplace: opts.deleteBeforeReplace ?? true,
    customTimeouts: opts.customTimeouts,
    retainOnDelete: opts.retainOnDelete,
  };
}

/**
 * The component's options that name the runner pod's fields, and so go to
 * the pod alone (not to the Secret): `ignoreChanges`, `replaceOnChanges`,
 * `additionalSecretOutputs`.
 *
 * @param opts - the component's options; not modified.
 */
export function podFieldOptions(opts: FlameRunnerPodOptions): pulumi.CustomResourceOptions {
  return {
    ignoreChanges: opts.ignoreChanges,
    replaceOnChanges: opts.replaceOnChanges,
    additionalSecretOutputs: opts.additionalSecretOutputs,
  };
}
