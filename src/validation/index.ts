/**
 * Validation of a finished runner pod manifest against the Kubernetes Pod
 * schema and the API server's own checks. Pure: no Pulumi import.
 *
 * The schema is the field table generated from `kubernetes-models`
 * (`generated/pod-schema.json`), walked by functions generated from it, one
 * per object type (`generated/pod-walkers.ts`); the API server's extra
 * checks are in `checks/`. One pass over the manifest finds every problem.
 */
import type { RunnerPodIssue } from "../errors";
import { API_CHECKS } from "./checks";
import { PodChecks, walkPodManifest } from "./generated/pod-walkers";
import { IssueCollector } from "./issues";
import { mustBe } from "../issues/message";
import type { ObjectCheck } from "./schema";
import { isPlainObject } from "../plain";

/**
 * A Pod validator with the given checks of the API server beyond the schema.
 * The bench measures what those checks cost with `podValidator({})`.
 *
 * @param checks - the per-type checks. Default: all of them ({@link API_CHECKS}).
 * @returns a function that returns every problem of a manifest, as {@link validatePodManifest}.
 * @throws when a check names a type that the generated walkers run no check of
 *   (add it to {@link API_CHECKS}, then `npm run generate:walkers`).
 * @internal
 */
export function podValidator(
  checks: Readonly<Record<string, ObjectCheck>> = API_CHECKS,
): (manifest: unknown) => RunnerPodIssue[] {
  const podChecks = new PodChecks(checks);
  return (manifest) => {
    const issues = new IssueCollector();
    if (!isPlainObject(manifest)) {
      issues.report("invalid", mustBe("a pod manifest object", manifest));
    } else {
      walkPodManifest(manifest, issues, podChecks);
    }
    return issues.issues;
  };
}

const validate = podValidator();

/**
 * Checks a pod manifest the way the Kubernetes API server would on create,
 * with strict field validation: unknown fields (with a "did you mean" hint),
 * `null` values, wrong types, enum values, required fields, resource
 * quantities and their order (requests not above limits), DNS-1123 names,
 * duplicate container and volume names, env entries and their sources.
 *
 * @param manifest - the finished runner pod manifest (not modified).
 * @returns every problem found, each with its field path (for example
 *   `spec.containers[0].resources.limimts`); empty when valid.
 *
 * @example
 * ```ts
 * validatePodManifest({ apiVersion: "v1", kind: "Pod", metadata: { name: "a" },
 *   spec: { containers: [{ name: "a", image: "x", resources: { limimts: {} } }] } });
 * // [{ path: "spec.containers[0].resources.limimts",
 * //    message: 'unknown field "limimts"; did you mean "limits"?' }]
 * ```
 */
export function validatePodManifest(manifest: unknown): RunnerPodIssue[] {
  return validate(manifest);
}

export { compareQuantities, isQuantityError, parseQuantity } from "./quantity";
export type { Quantity, QuantityError } from "./quantity";
