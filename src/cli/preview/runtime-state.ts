/**
 * Saves and restores the Pulumi runtime's process-wide state (mocks, project,
 * stack, preview flag, config, root stack resource), so that running a program
 * in-process leaves the process as it found it: a mocha run keeps the mocks
 * its setup installed.
 */
import * as pulumi from "@pulumi/pulumi";

/** A mock monitor exposes the mocks it was installed with. */
interface MockMonitorLike {
  mocks: pulumi.runtime.Mocks;
}

function isMockMonitor(value: unknown): value is MockMonitorLike {
  return typeof value === "object" && value !== null && "mocks" in value;
}

/** The state {@link restoreRuntime} puts back. */
export interface RuntimeSnapshot {
  /** The installed mocks; `undefined` when the runtime had none. */
  readonly mocks: pulumi.runtime.Mocks | undefined;
  /** The project name. */
  readonly project: string;
  /** The stack name. */
  readonly stack: string;
  /** The organization, `""` for none. */
  readonly organization: string;
  /** Whether the runtime ran as a preview. */
  readonly preview: boolean;
  /** All config, keys in `<project>:<key>` form. */
  readonly config: Readonly<Record<string, string>>;
}

/** The organization, or "" when none is set (Pulumi throws then). */
function currentOrganization(): string {
  try {
    return pulumi.runtime.getOrganization();
  } catch {
    return "";
  }
}

/** Takes a snapshot of the Pulumi runtime state. */
export function snapshotRuntime(): RuntimeSnapshot {
  const monitor: unknown = pulumi.runtime.getMonitor();
  return {
    mocks: isMockMonitor(monitor) ? monitor.mocks : undefined,
    project: pulumi.runtime.getProject(),
    stack: pulumi.runtime.getStack(),
    organization: currentOrganization(),
    preview: pulumi.runtime.isDryRun(),
    config: pulumi.runtime.allConfig(),
  };
}

/**
 * Restores a snapshot: the same mocks object (so whoever installed it keeps
 * seeing registrations), project, stack and preview flag, the config, and no
 * root stack resource (with it its stack transformations).
 */
export async function restoreRuntime(snapshot: RuntimeSnapshot): Promise<void> {
  pulumi.runtime.setAllConfig({ ...snapshot.config });
  if (snapshot.mocks !== undefined) {
    await pulumi.runtime.setMocks(
      snapshot.mocks,
      snapshot.project,
      snapshot.stack,
      snapshot.preview,
      snapshot.organization,
    );
  } else {
    // No mocks before: back to an unconfigured runtime. This also forgets the
    // promises a failed program left pending, which Pulumi would report as
    // leaks when the process exits.
    pulumi.runtime.resetOptions(
      snapshot.project,
      snapshot.stack,
      -1,
      "",
      "",
      snapshot.preview,
      snapshot.organization,
    );
  }
}
