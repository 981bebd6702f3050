/**
 * The fields of a manifest that only the Kubernetes API server writes: a
 * callback's result is copied without them, so a callback may start from a
 * copy of the parent pod.
 */
import type { FieldPath } from "../issues/path";
import type { PlainObject } from "../plain";
import { copyPlainOmitting, type Omissions } from "./caller-data";
import { copyPod } from "./generated/pod-copy";

/**
 * The `metadata` fields that only the Kubernetes API server writes, and that it
 * refuses or ignores on create. They are dropped from a callback's result, so a
 * callback may start from a copy of the parent pod.
 */
export const SERVER_WRITTEN_METADATA_FIELDS: readonly string[] = [
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "managedFields",
  "selfLink",
  "generateName",
];

/** `status` dropped, `metadata` copied without the server-written fields. */
const SERVER_WRITTEN: Omissions = new Map<string, true | ReadonlySet<string>>([
  ["status", true],
  ["metadata", new Set(SERVER_WRITTEN_METADATA_FIELDS)],
]);

/**
 * A deep copy of a callback's result (as `copyPlain`) without `status`
 * and without the {@link SERVER_WRITTEN_METADATA_FIELDS} of `metadata`.
 *
 * @param manifest - the callback's result; not modified.
 * @param path - its path, for errors: `callback`.
 * @throws FlameRunnerPodError as `copyPlain`.
 */
export function copyWithoutServerFields(manifest: PlainObject, path: FieldPath): PlainObject {
  return copyPlainOmitting(manifest, SERVER_WRITTEN, path, copyPod);
}
