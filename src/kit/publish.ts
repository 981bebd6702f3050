/**
 * What `FlameRunnerTemplate` publishes: the runner template file for the
 * checked runner, the runner the backend creates from it at run time, the
 * warnings for what the file cannot carry, and the refusal of a file that
 * would hold a secret value (a ConfigMap is plain text in the cluster).
 */
import type { RunnerPodIssue } from "../errors";
import { issue } from "../issues/issue";
import { FieldPath } from "../issues/path";
import { runnerPodManifestFromStart } from "../rules";
import { locateAppContainer } from "../rules/app-container";
import { profileOf } from "../rules/profiles";
import type { PodManifest, RunnerPodOptions } from "../types";
import { isDns1123Label } from "../validation/formats";
import { secretLeaves } from "../component/redact";
import {
  runnerTemplateDocument,
  runnerTemplateV07Document,
  type RunnerTemplateDocument,
  type RunnerTemplateV07Document,
} from "./runner-template-document";

/** The runner container, in the runner manifest. */
const RUNNER_CONTAINER = FieldPath.root("spec").child("containers").index(0);

/** The app container of the stand-in: its index and name (the first when it names none). */
export function appContainerOf(
  parent: PodManifest,
  appContainerName: string | undefined,
): { index: number; name: string; image: string | undefined } {
  // (A name that matches no container: the rules report it.)
  const found = locateAppContainer(parent, appContainerName, []);
  return {
    index: found?.index ?? 0,
    name: found?.container.name ?? appContainerName ?? "",
    image: found?.container.image,
  };
}

/** The file, the runner it makes the backend create, and what it cannot carry. */
export interface Published {
  /** The content of `runner-template.json`, before JSON. */
  document: RunnerTemplateDocument | RunnerTemplateV07Document;
  /** The runner the backend creates from it (the `manifest` output). */
  manifest: PodManifest;
  /** What the file cannot carry to the run time. */
  warnings: RunnerPodIssue[];
}

/**
 * The file for the checked runner, and the runner the backend creates from
 * it: under v0.3.3 the checked runner itself (v0.3.3 applies only its step-2
 * values to the file's manifest); under v0.7 the rules run again on the
 * file's manifest, which defines the pod's own fields under aliases for the
 * entries that refer to them (v0.7.0 lists its fixed entries last).
 */
export function publish(
  parent: PodManifest,
  runner: PodManifest,
  app: { index: number; name: string; image: string | undefined },
  options: Omit<RunnerPodOptions, "onWarning">,
  encodedParent: string,
): Published {
  const warnings: RunnerPodIssue[] = [];
  // The file's manifest is what the backend starts from: a callback's result
  // (v0.3.3's step 2 applies to it) or the :manifest (v0.7 runs its rules).
  if (profileOf(options.backend).start !== "manifest") {
    const parentName = parent.metadata!.name!;
    const atRunTime = `${parentName.slice(0, 41)}${options.runnerId!}`;
    if (!isDns1123Label(atRunTime)) {
      warnings.push(
        issue(
          "runner-container-name-refused",
          RUNNER_CONTAINER.child("name"),
          `v0.3.3 names the runner container after the parent pod at run time ("${atRunTime}"), not a DNS-1123 label (the workload's name holds a dot): the API server refuses every runner, and the file cannot change a name the backend sets. Name the workload without ".", or use backend "v0.7" (its runner container is named "runner")`,
        ),
      );
    }
    return { document: runnerTemplateDocument(runner, app.name), manifest: runner, warnings };
  }
  const document = runnerTemplateV07Document(
    runner,
    app.image,
    options.env,
    app.index === 0 ? undefined : app.name,
  );
  const manifest = runnerPodManifestFromStart(
    parent,
    { kind: "manifest", manifest: document.manifest },
    encodedParent,
    { ...options, env: document.env, onWarning: undefined },
  );
  const container = manifest.spec!.containers[0];
  const hasCookie = (container.env ?? []).some((e) => e.name === "RELEASE_COOKIE");
  if (app.index !== 0 && !hasCookie && (container.envFrom ?? []).length === 0) {
    warnings.push(
      issue(
        "runner-secret-unattached",
        RUNNER_CONTAINER.child("envFrom"),
        `the app container "${app.name}" is not the pod's first container, so the file passes app_container_name, with which v0.7.0 attaches the runner's Secret (its RELEASE_COOKIE and secret_env) to no container: the runner has no cookie and cannot join the parent's cluster. Put the app container first in the pod template, or give the runner RELEASE_COOKIE in the template (valueFrom.secretKeyRef, or envFrom)`,
      ),
    );
  }
  return { document, manifest, warnings };
}

/**
 * The problems of a file that holds a secret: each leaf of `document` that
 * holds a secret value (a string that contains a secret string, any other
 * value equal to a secret value, as the component keeps secrets on the pod),
 * at its path in `templateJson`.
 */
export function secretIssues(document: unknown, secrets: readonly unknown[]): RunnerPodIssue[] {
  const { texts, others } = secretLeaves(secrets);
  if (texts.length === 0 && others.size === 0) return [];
  const issues: RunnerPodIssue[] = [];
  const walk = (value: unknown, path: FieldPath, envName: string | undefined): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, path.index(i), undefined));
    } else if (typeof value === "object" && value !== null) {
      const entry = value as Record<string, unknown>;
      const name = typeof entry.name === "string" ? entry.name : undefined;
      for (const [key, v] of Object.entries(entry)) walk(v, path.key(key), name);
    } else if (
      typeof value === "string" ? texts.some((t) => value.includes(t)) : others.has(value)
    ) {
      const what =
        envName !== undefined && path.toString().endsWith(".value")
          ? `the value of ${envName}`
          : "this value";
      issues.push(
        issue(
          "secret-in-configmap",
          path,
          `${what} comes from a Pulumi secret, and runner-template.json is published in a ConfigMap, in plain text for anyone who may read ConfigMaps in the namespace. Give the runner the value through valueFrom.secretKeyRef (a Kubernetes Secret), or with backend "v0.7" through the backend's secret_env option in the application (the backend puts it in a Secret per runner)`,
        ),
      );
    }
  };
  walk(document, FieldPath.root("templateJson"), undefined);
  return issues;
}
