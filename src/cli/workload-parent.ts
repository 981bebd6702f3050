/**
 * The `--parent` document as a parent pod: a pod as it is, or, for a
 * Deployment or a StatefulSet, the stand-in for the pod it will create (see
 * `standInParentPod`), so a runner template can be checked before the
 * workload runs.
 */
import { FlameRunnerPodError } from "../errors";
import { FieldPath } from "../issues/path";
import type * as StandInPod from "../kit/stand-in-pod";
import type { WorkloadSourcePaths } from "../kit/stand-in-pod";
import { show } from "../issues/message";
import { isPlainObject } from "../plain";
import type { PodManifest } from "../types";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { InputError } from "./io";

/** The parent pod the rules get, and what to tell the user about it. */
export interface ParentFromDocument {
  /** The parent pod: the document, or the stand-in built from it. */
  pod: PodManifest;
  /** For a workload: a line naming the pod it stands in for. */
  note?: string;
  /** For a workload: its `spec.selector`, when it is an object. */
  selector?: LabelSelector;
}

/** Where the stand-in's source fields are in a workload manifest. */
const WORKLOAD_PATHS: WorkloadSourcePaths = {
  kind: FieldPath.root("kind"),
  name: FieldPath.root().child("metadata", "name"),
  podTemplate: FieldPath.root().child("spec", "template"),
};

/**
 * Takes the parsed `--parent` document as a parent pod.
 *
 * - A `Deployment` or `StatefulSet`: the stand-in pod built from
 *   `spec.template`, `metadata.name` and `metadata.namespace`, with a note
 *   naming it;
 * - another `kind` than `Pod`: refused;
 * - anything else: the document itself (the rules check it).
 *
 * @param doc - the parsed document; not modified.
 * @param label - names the input in messages (`--parent deploy.yaml`).
 * @throws InputError for a kind that is neither a pod nor such a workload;
 *   FlameRunnerPodError (context `label`, paths in the workload manifest)
 *   for a workload without a usable name or pod template.
 */
export function parentFromDocument(doc: unknown, label: string): ParentFromDocument {
  if (!isPlainObject(doc) || doc.kind === undefined || doc.kind === "Pod") {
    return { pod: doc as PodManifest };
  }
  const { isWorkloadKind, PLACEHOLDER_UID, standInParentPod } = standInPod();
  const kind = doc.kind;
  if (!isWorkloadKind(kind)) {
    throw new InputError(
      `${label}: is a ${typeof kind === "string" ? kind : show(kind)}; give a Pod (kubectl get pod <name> -o yaml), a Deployment or a StatefulSet`,
    );
  }
  const metadata = isPlainObject(doc.metadata) ? doc.metadata : {};
  const spec = isPlainObject(doc.spec) ? doc.spec : {};
  let pod: PodManifest;
  try {
    pod = standInParentPod(
      {
        kind,
        name: metadata.name as string,
        namespace: typeof metadata.namespace === "string" ? metadata.namespace : undefined,
        podTemplate: spec.template as PodTemplateSpec,
      },
      WORKLOAD_PATHS,
    );
  } catch (error) {
    if (!(error instanceof FlameRunnerPodError)) throw error;
    throw error.withContext(label);
  }
  return {
    pod,
    ...(isPlainObject(spec.selector) ? { selector: spec.selector as LabelSelector } : {}),
    note: `${label} is ${kind} "${String(metadata.name)}": checking against the pod it will create, "${pod.metadata!.name}" (a stand-in; its uid and its owner's are the placeholder ${PLACEHOLDER_UID})`,
  };
}

/**
 * `../kit/stand-in-pod`, required on first use: only a parent of another kind
 * than `Pod` needs it, so `check` of a pod starts without it (bench/README.md,
 * "check's start time").
 */
function standInPod(): typeof StandInPod {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../kit/stand-in-pod") as typeof StandInPod;
}
