/**
 * The app container: the parent container that runs the application, whose
 * image (and by default env and resources) the runner takes.
 */
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";
import type { Container, PodManifest } from "../types";
import { checkArgument } from "./options";
import { formatIssue, issue } from "../issues/issue";
import { show } from "../issues/message";
import { FieldPath } from "../issues/path";
import { isAbsent, isPlainObject } from "../plain";
import { copyPlain, own } from "./caller-data";

const PARENT_POD = FieldPath.root("parentPod");
const CONTAINERS = PARENT_POD.child("spec", "containers");
const APP_CONTAINER_NAME = FieldPath.root("options").child("appContainerName");

/**
 * Container names of well-known sidecars that mesh, proxy and secret injectors
 * add to a pod. When the parent's first container has one of these names and
 * no `appContainerName` is given, the rules warn: the runner would get the
 * sidecar's image.
 */
export const WELL_KNOWN_SIDECARS: readonly string[] = [
  "istio-proxy",
  "linkerd-proxy",
  "cloud-sql-proxy",
  "cloudsql-proxy",
  "vault-agent",
  "envoy",
  "envoy-sidecar",
  "consul-dataplane",
  "kuma-sidecar",
  "daprd",
  "oauth2-proxy",
  "datadog-agent",
  "otel-collector",
];

const SIDECARS = new Set(WELL_KNOWN_SIDECARS);

/**
 * Whether `name` is one of the {@link WELL_KNOWN_SIDECARS}.
 *
 * @param name - a container name.
 */
export function isWellKnownSidecar(name: unknown): boolean {
  return typeof name === "string" && SIDECARS.has(name);
}

/**
 * Where the app container is. Internal to the rules.
 *
 * @internal
 */
export interface AppContainerLocation {
  /** The parent's own container object (not a copy: never modify it). */
  container: Container;
  /** Its index in `parentPod.spec.containers`. */
  index: number;
  /** A warning to give when the app container looks like a sidecar. */
  warning?: RunnerPodIssue;
}

/**
 * Finds the app container, or records why there is none in `issues`.
 *
 * @internal
 */
export function locateAppContainer(
  parentPod: PodManifest,
  appContainerName: unknown,
  issues: RunnerPodIssue[],
): AppContainerLocation | undefined {
  const spec = own(parentPod, "spec");
  const containers = isPlainObject(spec) ? own(spec, "containers") : undefined;
  if (!Array.isArray(containers) || containers.length === 0) {
    issues.push(
      issue(
        "parent-pod-invalid",
        CONTAINERS,
        "the parent pod has no containers; pass the manifest of the running application's pod (kubectl get pod <name> -o yaml)",
      ),
    );
    return undefined;
  }
  if (isAbsent(appContainerName)) {
    const first: unknown = containers[0];
    if (!isPlainObject(first)) {
      issues.push(
        issue(
          "parent-pod-invalid",
          CONTAINERS.index(0),
          `must be a container object (got ${show(first)})`,
        ),
      );
      return undefined;
    }
    const container = first as unknown as Container;
    let warning: RunnerPodIssue | undefined;
    if (isWellKnownSidecar(own(container, "name"))) {
      warning = issue(
        "sidecar-as-app-container",
        CONTAINERS.index(0),
        `the first container "${container.name}" is a well-known sidecar, so the runner gets its image (${show(container.image)}) and its env; pass appContainerName with the name of the container that runs the application (the containers are: ${containerNames(containers)})`,
      );
    }
    return { container, index: 0, warning };
  }
  if (typeof appContainerName !== "string" || appContainerName === "") {
    // checkInputs has already reported a bad name with the other options.
    if (!issues.some((i) => i.path === APP_CONTAINER_NAME.toString())) {
      checkArgument("appContainerName", appContainerName, APP_CONTAINER_NAME, issues);
    }
    return undefined;
  }
  for (let i = 0; i < containers.length; i++) {
    const c: unknown = containers[i];
    if (isPlainObject(c) && own(c, "name") === appContainerName)
      return { container: c as unknown as Container, index: i };
  }
  issues.push(
    issue(
      "app-container-not-found",
      APP_CONTAINER_NAME,
      `no container of the parent pod is named "${appContainerName}"; the containers are: ${containerNames(containers)} (init containers cannot be the app container)`,
    ),
  );
  return undefined;
}

function containerNames(containers: readonly unknown[]): string {
  return containers
    .map((c) => {
      const name = isPlainObject(c) ? own(c, "name") : undefined;
      return typeof name === "string" ? `"${name}"` : "(unnamed)";
    })
    .join(", ");
}

/**
 * Finds the app container of a parent pod: the container named
 * `appContainerName`, or the first container when no name is given.
 *
 * @param parentPod - the parent pod manifest; not modified.
 * @param appContainerName - the name of the container that runs the
 *   application. Default: the first container.
 * @param onWarning - receives a warning when no name is given and the first
 *   container is one of the {@link WELL_KNOWN_SIDECARS}: its line
 *   (`path: message [code]`) and the issue. Default: none.
 * @returns a deep copy of the app container (`null` values removed).
 * @throws FlameRunnerPodError when the parent is not an object or has no
 *   containers, or when no container has that name (the message lists the
 *   names there are).
 */
export function findAppContainer(
  parentPod: PodManifest,
  appContainerName?: string,
  onWarning?: (message: string, issue: RunnerPodIssue) => void,
): Container {
  const issues: RunnerPodIssue[] = [];
  if (!isPlainObject(parentPod)) {
    throw new FlameRunnerPodError([
      issue(
        "parent-pod-invalid",
        PARENT_POD,
        `must be a pod manifest object (got ${show(parentPod)})`,
      ),
    ]);
  }
  const found = locateAppContainer(parentPod, appContainerName, issues);
  if (found === undefined) throw new FlameRunnerPodError(issues);
  if (found.warning !== undefined && onWarning !== undefined) {
    onWarning(formatIssue(found.warning), found.warning);
  }
  return copyPlain(found.container, CONTAINERS.index(found.index));
}
