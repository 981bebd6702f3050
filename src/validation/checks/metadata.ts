/**
 * The pod object and its metadata (`ValidatePodCreate` → `ValidateObjectMeta`
 * with `ValidatePodName`, `ValidateLabels`, `ValidateAnnotations` in
 * `k8s.io/apimachinery/pkg/api/validation/objectmeta.go`).
 */
import { isQualifiedName, utf8Length } from "../formats";
import type { IssueCollector } from "../issues";
import { isPlainObject } from "../../plain";
import {
  checkDnsLabel,
  checkDnsSubdomain,
  checkLabels,
  listOf,
  qualifiedNameMessage,
  type Obj,
} from "./common";

/** `TotalAnnotationSizeLimitB`: keys and values of all annotations together, 256 KiB. */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** The pod itself: it needs metadata with a name (`ValidateObjectMeta`), and a spec. */
export function checkPod(pod: Obj, issues: IssueCollector): void {
  const metadata = pod.metadata;
  if (metadata === undefined) {
    issues.report("required", "is required (with a name)", "metadata");
  } else if (
    isPlainObject(metadata) &&
    metadata.name === undefined &&
    metadata.generateName === undefined
  ) {
    issues.report("required", "is required", "metadata", "name");
  }
  if (pod.spec === undefined) issues.report("required", "is required", "spec");
}

/** Name (`ValidatePodName`: a DNS subdomain), namespace, labels, annotations, owner references. */
export function checkObjectMeta(meta: Obj, issues: IssueCollector): void {
  checkDnsSubdomain(meta.name, "pod", issues, "name");
  // ValidateNamespaceName: a DNS-1123 label.
  checkDnsLabel(meta.namespace, issues, "namespace");
  checkLabels(meta.labels, issues, "labels");
  checkAnnotations(meta.annotations, issues);
  // ValidateOwnerReferences: at most one controller.
  const owners = listOf(meta.ownerReferences);
  let controllers = 0;
  for (let i = 0; i < owners.length; i++) {
    const owner = owners[i];
    if (isPlainObject(owner) && owner.controller === true && ++controllers === 2) {
      issues.report(
        "duplicate",
        "only one owner reference may have controller: true",
        "ownerReferences",
        i,
      );
    }
  }
}

/**
 * `ValidateAnnotations`: each key is a qualified name once lowercased (the
 * API server ignores case here, in the prefix too), and all keys and values
 * together take at most {@link ANNOTATIONS_MAX_BYTES} bytes
 * (`ValidateAnnotationsSize`).
 */
function checkAnnotations(annotations: unknown, issues: IssueCollector): void {
  if (!isPlainObject(annotations)) return;
  let bytes = 0;
  for (const key in annotations) {
    if (!isQualifiedName(key.toLowerCase())) {
      issues.report("invalid", qualifiedNameMessage("annotation key", key), "annotations", key);
    }
    const value = annotations[key];
    bytes += utf8Length(key) + (typeof value === "string" ? utf8Length(value) : 0);
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    issues.report(
      "too-long",
      `take ${bytes} bytes (keys and values together); the limit is ${ANNOTATIONS_MAX_BYTES} (256 KiB): move large data to a ConfigMap`,
      "annotations",
    );
  }
}
