/**
 * The stand-in parent pod: the pod a Deployment or a StatefulSet will create
 * from its pod template, built before the workload exists, so the runner pod
 * rules can check a runner template against it. Pure: no Pulumi.
 */
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import type { ObjectMeta, OwnerReference } from "kubernetes-types/meta/v1";
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";
import { issue } from "../issues/issue";
import { kindOf, show } from "../issues/message";
import { FieldPath } from "../issues/path";
import { isPlainObject, type PlainObject } from "../plain";
import { copyPlain } from "../rules/caller-data";
import type { PodManifest } from "../types";
import { DNS1123_SUBDOMAIN_FORMAT, isDns1123Subdomain } from "../validation/formats";

/** The workload kinds whose pods can stand in for a parent. */
export const WORKLOAD_KINDS = ["Deployment", "StatefulSet"] as const;

/** A workload kind whose pods can stand in for a parent. */
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/**
 * Whether `value` is one of the {@link WORKLOAD_KINDS}.
 *
 * @param value - any value.
 */
export function isWorkloadKind(value: unknown): value is WorkloadKind {
  return (WORKLOAD_KINDS as readonly unknown[]).includes(value);
}

/**
 * The problem with a workload kind, for an issue: `undefined` for one of the
 * {@link WORKLOAD_KINDS}, else what it must be.
 *
 * @param value - the kind given (`undefined` is a problem too).
 */
export function workloadKindProblem(value: unknown): string | undefined {
  if (isWorkloadKind(value)) return undefined;
  return `must be ${WORKLOAD_KINDS.map((k) => `"${k}"`).join(" or ")} (got ${show(value)})`;
}

/**
 * The placeholder `pod-template-hash` of a Deployment's pods: 10 characters,
 * the longest hash the ReplicaSet controller writes, from its alphabet.
 */
export const PLACEHOLDER_POD_TEMPLATE_HASH = "5c7d9f8b6b";

/** The placeholder random suffix of a Deployment's pod name (5 characters, as the API server generates). */
export const PLACEHOLDER_POD_SUFFIX = "x2x9k";

/** The placeholder ordinal of a StatefulSet's pod. */
export const PLACEHOLDER_ORDINAL = 0;

/** The stand-in's uid (and its owner's): a placeholder, no object has it. */
export const PLACEHOLDER_UID = "00000000-0000-4000-8000-000000000000";

/** The longest prefix the API server keeps of a `generateName` (63 minus the 5-character suffix). */
const MAX_GENERATE_NAME_LENGTH = 58;

/** A workload as the stand-in is built from it. */
export interface WorkloadPodSource {
  /** `Deployment` or `StatefulSet`. */
  kind: WorkloadKind;
  /** The workload's name (`metadata.name`). */
  name: string;
  /** The workload's namespace; unknown when `undefined`. */
  namespace?: string;
  /** The workload's pod template (`spec.template`); not modified. */
  podTemplate: PodTemplateSpec;
}

/**
 * The name of a pod the workload creates, in the longest form its kind
 * produces:
 *
 * - Deployment: `<name>-<pod-template-hash>-<5 characters>`, the hash 10
 *   characters long ({@link PLACEHOLDER_POD_TEMPLATE_HASH}), the part before the
 *   suffix cut to 58 characters as the API server does;
 * - StatefulSet: `<name>-<ordinal>`, ordinal {@link PLACEHOLDER_ORDINAL}.
 *
 * @param kind - the workload's kind.
 * @param name - the workload's name.
 */
export function workloadPodName(kind: WorkloadKind, name: string): string {
  if (kind === "StatefulSet") return `${name}-${PLACEHOLDER_ORDINAL}`;
  return `${replicaSetName(name)}-`.slice(0, MAX_GENERATE_NAME_LENGTH) + PLACEHOLDER_POD_SUFFIX;
}

function replicaSetName(deployment: string): string {
  return `${deployment}-${PLACEHOLDER_POD_TEMPLATE_HASH}`;
}

/** The labels the workload's controller adds to each pod. */
function controllerLabels(
  kind: WorkloadKind,
  name: string,
  podName: string,
): Record<string, string> {
  return kind === "Deployment"
    ? { "pod-template-hash": PLACEHOLDER_POD_TEMPLATE_HASH }
    : {
        "controller-revision-hash": `${name}-${PLACEHOLDER_POD_TEMPLATE_HASH}`,
        "statefulset.kubernetes.io/pod-name": podName,
        "apps.kubernetes.io/pod-index": String(PLACEHOLDER_ORDINAL),
      };
}

/** Where the fields of a {@link WorkloadPodSource} are, for the issues about them. */
export interface WorkloadSourcePaths {
  /** The workload's kind. */
  kind: FieldPath;
  /** The workload's name. */
  name: FieldPath;
  /** The workload's pod template. */
  podTemplate: FieldPath;
}

/** The paths of the source's own fields: `workloadKind`, `workloadName`, `podTemplate`. */
const SOURCE_PATHS: WorkloadSourcePaths = {
  kind: FieldPath.root("workloadKind"),
  name: FieldPath.root("workloadName"),
  podTemplate: FieldPath.root("podTemplate"),
};

/** Checks a source's shape; every problem with its path. */
function checkSource(source: WorkloadPodSource, paths: WorkloadSourcePaths): RunnerPodIssue[] {
  const issues: RunnerPodIssue[] = [];
  const templatePath = paths.podTemplate;
  const kindProblem = workloadKindProblem(source.kind);
  if (kindProblem !== undefined) {
    issues.push(issue("argument-invalid", paths.kind, kindProblem));
  }
  if (typeof source.name !== "string" || !isDns1123Subdomain(source.name)) {
    issues.push(
      issue(
        "argument-invalid",
        paths.name,
        `must be the workload's name, a DNS-1123 subdomain: ${DNS1123_SUBDOMAIN_FORMAT} (got ${show(source.name)})`,
      ),
    );
  }
  const template: unknown = source.podTemplate;
  if (!isPlainObject(template)) {
    issues.push(
      issue(
        "argument-invalid",
        templatePath,
        `must be the workload's pod template { metadata, spec } (got ${kindOf(template)})`,
      ),
    );
  } else if (!isPlainObject(template.spec)) {
    issues.push(
      issue(
        "argument-invalid",
        templatePath.child("spec"),
        `must be a pod spec with the app container (got ${kindOf(template.spec)})`,
      ),
    );
  } else if (template.metadata != null && !isPlainObject(template.metadata)) {
    issues.push(
      issue(
        "argument-invalid",
        templatePath.child("metadata"),
        `must be an object (got ${kindOf(template.metadata)})`,
      ),
    );
  }
  return issues;
}

/**
 * The pod the workload will create from its pod template, as the API server
 * would return it (without status): the template's metadata and spec, with
 *
 * - `metadata.name` of the longest form for the kind ({@link workloadPodName});
 * - `metadata.namespace` the workload's (left out when unknown);
 * - `metadata.uid` {@link PLACEHOLDER_UID};
 * - the controller's labels added (`pod-template-hash`, or
 *   `controller-revision-hash`, `statefulset.kubernetes.io/pod-name` and
 *   `apps.kubernetes.io/pod-index`) and, for a Deployment, `generateName`;
 * - one owner reference, to the ReplicaSet or the StatefulSet (placeholder uid).
 *
 * What admission controllers add (the service account token volume, the
 * `default` service account) is not added.
 *
 * @param source - the workload; not modified.
 * @param paths - where the source's fields are, for the issues. Default:
 *   `workloadKind`, `workloadName`, `podTemplate`.
 * @returns a new manifest that shares no object with `source`.
 * @throws FlameRunnerPodError naming each bad field (`workloadKind`,
 *   `workloadName`, `podTemplate.spec`...).
 */
export function standInParentPod(
  source: WorkloadPodSource,
  paths: WorkloadSourcePaths = SOURCE_PATHS,
): PodManifest {
  const issues = checkSource(source, paths);
  if (issues.length > 0) throw new FlameRunnerPodError(issues);
  const { kind, name } = source;
  const template = copyPlain(source.podTemplate);
  const own: ObjectMeta = isPlainObject(template.metadata) ? template.metadata : {};
  const podName = workloadPodName(kind, name);
  const owner: OwnerReference = {
    apiVersion: "apps/v1",
    kind: kind === "Deployment" ? "ReplicaSet" : "StatefulSet",
    name: kind === "Deployment" ? replicaSetName(name) : name,
    uid: PLACEHOLDER_UID,
    controller: true,
    blockOwnerDeletion: true,
  };
  const metadata: ObjectMeta = {
    ...(own as PlainObject),
    name: podName,
    ...(kind === "Deployment" ? { generateName: `${replicaSetName(name)}-` } : {}),
    uid: PLACEHOLDER_UID,
    labels: { ...own.labels, ...controllerLabels(kind, name, podName) },
    ownerReferences: [owner],
  };
  delete metadata.namespace;
  if (typeof source.namespace === "string" && source.namespace !== "") {
    metadata.namespace = source.namespace;
  }
  return { apiVersion: "v1", kind: "Pod", metadata, spec: template.spec! };
}
