/**
 * Benchmark of validation at scale: a pod whose list has 100,000 entries
 * (volumes, env, ports, containers, volume mounts), validated once per run.
 * Every duplicate-name check is one pass with a map, so each case should take
 * well under a second (issue 10, item 8).
 */
import { validatePodManifest } from "../src/validation";
import { median, round } from "./stats";

/** One 100,000-entry case and its figure. */
export interface ScaleResult {
  case: string;
  entries: number;
  /** Median milliseconds of one validatePodManifest call. */
  ms: number;
  /** Issues found (all entries are valid and unique: 0). */
  issues: number;
}

/** How many entries each list has. */
const SCALE_ENTRIES = 100_000;

function pod(spec: Record<string, unknown>): unknown {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "scale" }, spec };
}

function container(extra: Record<string, unknown> = {}, name = "app"): Record<string, unknown> {
  return { name, image: "busybox:1.36", ...extra };
}

function cases(n: number): { name: string; manifest: unknown }[] {
  const range = Array.from({ length: n }, (_, i) => i);
  return [
    {
      name: "volumes",
      manifest: pod({
        containers: [container()],
        volumes: range.map((i) => ({ name: `v-${i}`, emptyDir: {} })),
      }),
    },
    {
      name: "env",
      manifest: pod({
        containers: [container({ env: range.map((i) => ({ name: `VAR_${i}`, value: `${i}` })) })],
      }),
    },
    {
      name: "ports",
      manifest: pod({
        containers: [
          container({
            ports: range.map((i) => ({ name: `p${i}`, containerPort: (i % 65535) + 1 })),
          }),
        ],
      }),
    },
    {
      name: "containers",
      manifest: pod({ containers: range.map((i) => container({}, `c-${i}`)) }),
    },
    {
      name: "volume mounts",
      manifest: pod({
        containers: [
          container({
            volumeMounts: range.map((i) => ({ name: `v-${i}`, mountPath: `/m/${i}` })),
          }),
        ],
        volumes: range.map((i) => ({ name: `v-${i}`, emptyDir: {} })),
      }),
    },
  ];
}

/** Validations of each 100,000-entry pod; the median time is reported. */
const RUNS = 3;

/** Validates each 100,000-entry pod {@link RUNS} times. */
export function benchScale(): ScaleResult[] {
  return cases(SCALE_ENTRIES).map((c) => {
    const times: number[] = [];
    let issues = 0;
    for (let r = 0; r < RUNS; r++) {
      const start = process.hrtime.bigint();
      issues = validatePodManifest(c.manifest).length;
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return { case: c.name, entries: SCALE_ENTRIES, ms: round(median(times), 1), issues };
  });
}
