/**
 * Containers (`validateContainerCommon`, `validateContainers`), their ports
 * (`validateContainerPorts`), mounts (`ValidateVolumeMounts`, the parts that
 * need no other container), probes (`validateProbe` and the liveness,
 * readiness and startup variants) and lifecycle handlers (`validateHandler`).
 */
import { PORT_NAME_FORMAT, isIanaSvcName, isPortNumber } from "../formats";
import type { IssueCollector } from "../issues";
import { isPlainObject } from "../../plain";
import {
  checkDnsLabel,
  checkNonEmpty,
  checkNotNegative,
  checkPortNumOrName,
  checkRange,
  countSet,
  forEachDuplicate,
  listOf,
  type Obj,
} from "./common";
import { checkRelativePath } from "./volumes";

/**
 * A container (`validateContainerCommon`): a DNS-1123 name, an image without
 * surrounding whitespace (`validateContainerOnlyForPod`), unique port names
 * (`validateContainerPorts`), liveness and startup probes with a success
 * threshold of 1, a readiness probe without its own grace period
 * (`validateLivenessProbe`, `validateStartupProbe`, `validateReadinessProbe`).
 */
export function checkContainer(container: Obj, issues: IssueCollector): void {
  checkDnsLabel(container.name, issues, "name");
  const image = container.image;
  if (image === undefined || image === "") issues.report("required", "is required", "image");
  else if (typeof image === "string" && image.trim() !== image) {
    issues.report("invalid", "must not have leading or trailing whitespace", "image");
  }
  const ports = listOf(container.ports);
  if (ports.length > 1) checkPortNames(ports, issues);
  checkSuccessOnce(container.livenessProbe, "livenessProbe", issues);
  checkSuccessOnce(container.startupProbe, "startupProbe", issues);
  const readiness = container.readinessProbe;
  if (isPlainObject(readiness) && readiness.terminationGracePeriodSeconds !== undefined) {
    issues.report(
      "forbidden",
      "must not be set for a readinessProbe",
      "readinessProbe",
      "terminationGracePeriodSeconds",
    );
  }
  const mounts = listOf(container.volumeMounts);
  if (mounts.length > 1) checkMountPaths(mounts, issues);
}

/** Port names are unique in a container (`validateContainerPorts`). */
function checkPortNames(ports: readonly unknown[], issues: IssueCollector): void {
  forEachDuplicate(ports, portNameOf, (i, name) =>
    issues.report("duplicate", `duplicate port name "${name}"`, "ports", i, "name"),
  );
}

/** Liveness and startup probes succeed once (`validateLivenessProbe`, `validateStartupProbe`). */
function checkSuccessOnce(
  probe: unknown,
  field: "livenessProbe" | "startupProbe",
  issues: IssueCollector,
): void {
  if (
    isPlainObject(probe) &&
    probe.successThreshold !== undefined &&
    probe.successThreshold !== 1
  ) {
    issues.report("invalid", `must be 1 for a ${field}`, field, "successThreshold");
  }
}

/** Mount paths are unique in a container (`ValidateVolumeMounts`). */
function checkMountPaths(mounts: readonly unknown[], issues: IssueCollector): void {
  forEachDuplicate(mounts, mountPathOf, (i, path, first) =>
    issues.report(
      "duplicate",
      `"${path}" is mounted twice (also by volumeMounts[${first}]): each mountPath must be unique in a container`,
      "volumeMounts",
      i,
      "mountPath",
    ),
  );
}

/** The name of a port, when it has one (an empty name is none). */
function portNameOf(port: unknown): string | undefined {
  return isPlainObject(port) && typeof port.name === "string" && port.name !== ""
    ? port.name
    : undefined;
}

/** The path of a volume mount. */
function mountPathOf(mount: unknown): string | undefined {
  return isPlainObject(mount) && typeof mount.mountPath === "string" ? mount.mountPath : undefined;
}

/**
 * A container port (`validateContainerPorts`): `containerPort` from 1 to
 * 65535, `hostPort` 0 (none) or a port number, and a name, when given, that
 * is an IANA service name (`IsValidPortName`). An empty name is no name.
 */
export function checkContainerPort(port: Obj, issues: IssueCollector): void {
  checkRange(port.containerPort, 1, 65535, issues, "containerPort");
  const hostPort = port.hostPort;
  if (typeof hostPort === "number" && hostPort !== 0 && !isPortNumber(hostPort)) {
    issues.report(
      "invalid",
      `must be between 1 and 65535 (or 0 for none) (got ${hostPort})`,
      "hostPort",
    );
  }
  const name = port.name;
  if (typeof name === "string" && name !== "" && !isIanaSvcName(name)) {
    issues.report("invalid", `"${name}" is not a valid port name: ${PORT_NAME_FORMAT}`, "name");
  }
}

/**
 * A volume mount (`ValidateVolumeMounts`): a non-empty `mountPath`;
 * `subPath` and `subPathExpr` relative, without `..`, not both. Whether the
 * name refers to a volume and the path is unique are checked with the
 * container and the pod spec.
 */
export function checkVolumeMount(mount: Obj, issues: IssueCollector): void {
  checkNonEmpty(mount.name, issues, "name");
  checkNonEmpty(mount.mountPath, issues, "mountPath");
  if (mount.subPath !== undefined && mount.subPath !== "") {
    checkRelativePath(mount.subPath, issues, "subPath");
  }
  if (mount.subPathExpr !== undefined && mount.subPathExpr !== "") {
    checkRelativePath(mount.subPathExpr, issues, "subPathExpr");
    if (typeof mount.subPath === "string" && mount.subPath !== "") {
      issues.report(
        "forbidden",
        "subPath and subPathExpr are mutually exclusive: keep one",
        "subPathExpr",
      );
    }
  }
}

const PROBE_HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc"] as const;
const LIFECYCLE_HANDLERS = ["exec", "httpGet", "tcpSocket", "sleep"] as const;
const PROBE_COUNTS = [
  "initialDelaySeconds",
  "timeoutSeconds",
  "periodSeconds",
  "successThreshold",
  "failureThreshold",
] as const;

/** Reports a handler without exactly one action (`validateHandler`). */
function checkOneHandler(obj: Obj, handlers: readonly string[], issues: IssueCollector): void {
  const count = countSet(obj, handlers);
  if (count === 0)
    issues.report("required", `must specify a handler: one of ${handlers.join(", ")}`);
  else if (count > 1)
    issues.report("forbidden", `may specify only one handler of ${handlers.join(", ")}`);
}

/**
 * A probe (`validateProbe`): exactly one handler; counts and seconds not
 * negative (`ValidateNonnegativeField`); its own grace period, when set,
 * greater than 0.
 */
export function checkProbe(probe: Obj, issues: IssueCollector): void {
  checkOneHandler(probe, PROBE_HANDLERS, issues);
  for (const field of PROBE_COUNTS) checkNotNegative(probe[field], issues, field);
  const grace = probe.terminationGracePeriodSeconds;
  if (typeof grace === "number" && grace <= 0) {
    issues.report(
      "invalid",
      `must be greater than 0 (got ${grace})`,
      "terminationGracePeriodSeconds",
    );
  }
}

/**
 * A `postStart` or `preStop` handler (`validateLifecycle`, `validateHandler`):
 * exactly one action; a sleep not negative (`validateSleepAction`; its upper
 * bound, the pod's grace period, is left to the API server).
 */
export function checkLifecycleHandler(handler: Obj, issues: IssueCollector): void {
  checkOneHandler(handler, LIFECYCLE_HANDLERS, issues);
  const sleep = handler.sleep;
  if (isPlainObject(sleep)) checkNotNegative(sleep.seconds, issues, "sleep");
}

/** An exec action (`validateExecAction`): a command is required. */
export function checkExecAction(exec: Obj, issues: IssueCollector): void {
  if (listOf(exec.command).length === 0)
    issues.report("required", "is required: give the command", "command");
}

/** `httpGet` and `tcpSocket` (`validateHTTPGetAction`, `validateTCPSocketAction`): a valid port. */
export function checkPortAction(action: Obj, issues: IssueCollector): void {
  checkPortNumOrName(action.port, issues, "port");
}

/** `grpc` (`validateGRPCAction`): a port number from 1 to 65535. */
export function checkGrpcAction(action: Obj, issues: IssueCollector): void {
  checkRange(action.port, 1, 65535, issues, "port");
}
