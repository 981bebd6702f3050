/**
 * One benchmark run of the component under the Pulumi mock engine, in a
 * process of its own: registers N FlameRunnerPods (or N plain Pods with the
 * same final spec) and prints one JSON line: wall time and heap growth.
 *
 * Usage: node --expose-gc -r ts-node/register/transpile-only bench/component-worker.ts <component|plain> <n>
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { FlameRunnerPod, runnerPodManifest, type PodManifest } from "../src";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../test/fixtures/parent-pod";

const [variant, nText] = process.argv.slice(2);
const n = Number(nText);
if (!["component", "plain", "floor"].includes(variant) || !Number.isInteger(n) || n < 1) {
  console.error("usage: component-worker.ts <component|plain|floor> <n>");
  process.exit(2);
}

let registered = 0;
let done: () => void = () => undefined;
const expected = variant === "plain" ? n : 2 * n;
const finished = new Promise<void>((resolve) => (done = resolve));

pulumi.runtime.setMocks(
  {
    newResource(args) {
      registered++;
      if (registered === expected) setImmediate(done);
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call(args) {
      return args.inputs;
    },
  },
  "bench",
  "bench",
  false,
);

/**
 * The floor of any component that declares one pod: an empty component
 * resource with one plain pod child and registerOutputs, no rules at all.
 */
class EmptyComponent extends pulumi.ComponentResource {
  constructor(name: string, manifest: PodManifest) {
    super("bench:index:EmptyComponent", name, {}, {});
    const pod = new k8s.core.v1.Pod(
      name,
      {
        metadata: manifest.metadata as k8s.types.input.meta.v1.ObjectMeta,
        spec: manifest.spec as k8s.types.input.core.v1.PodSpec,
      },
      { parent: this, deleteBeforeReplace: true },
    );
    this.registerOutputs({ podName: pod.metadata.name });
  }
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function main(): Promise<void> {
  const parent = parentPod();
  const template = seedTemplate();
  const manifest = runnerPodManifest(parent, template, ENCODED_PARENT, {
    runnerId: "0123456789abcdef0123",
  });
  const keep: pulumi.Resource[] = [];

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    if (variant === "component") {
      keep.push(
        new FlameRunnerPod(`runner-${i}`, {
          parentPod: parent,
          template,
          encodedParent: ENCODED_PARENT,
        }),
      );
    } else if (variant === "floor") {
      keep.push(new EmptyComponent(`floor-${i}`, structuredClone(manifest)));
    } else {
      // Each plain pod gets its own copy of the spec, as a program declaring
      // N pods builds N objects (sharing one would flatter the plain side).
      const own = structuredClone(manifest);
      keep.push(
        new k8s.core.v1.Pod(
          `plain-${i}`,
          {
            metadata: {
              ...(own.metadata as k8s.types.input.meta.v1.ObjectMeta),
              name: `${own.metadata?.name}-${i}`,
            },
            spec: own.spec as k8s.types.input.core.v1.PodSpec,
          },
          { deleteBeforeReplace: true },
        ),
      );
    }
  }
  await finished;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(
    JSON.stringify({
      variant,
      n,
      ms,
      cpuMs,
      heapBytes: heapAfter - heapBefore,
      resources: keep.length,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
