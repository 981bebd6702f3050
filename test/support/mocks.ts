import * as pulumi from "@pulumi/pulumi";
import { drain, known } from "./outputs";

/** A resource registration as the mock engine saw it. */
export interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  id?: string;
}

/** Options for {@link installMocks}. */
export interface MockOptions {
  /** Run as `pulumi preview` (`true`) or `pulumi up` (`false`, the default). */
  preview?: boolean;
  /** Answers for `Resource.get` reads, keyed by the id passed to `get`. */
  reads?: Record<string, Record<string, unknown>>;
}

/** Every registration since the last {@link installMocks}. */
export const registrations: Registration[] = [];

/**
 * Installs the Pulumi mock engine. Outside preview mode a created resource
 * echoes its inputs as outputs with `<name>-id` as its id; a read resource
 * answers with `reads[id]`.
 */
export function installMocks(options: MockOptions = {}): void {
  registrations.length = 0;
  pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs, id: args.id });
        if (args.id !== undefined && args.id !== "" && options.reads?.[args.id]) {
          return { id: args.id, state: options.reads[args.id] };
        }
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        return args.inputs;
      },
    },
    "project",
    "stack",
    options.preview ?? false,
  );
}

/**
 * The type and name of every registration, once `output` is known and the
 * registrations it started have run.
 *
 * @param output - an output of the component under test; it must be known.
 */
export async function registeredAfter(output: pulumi.Output<unknown>): Promise<string[][]> {
  await known(output);
  await drain();
  return registrations.map((r) => [r.type, r.name]);
}
