/**
 * The fake engine's gRPC server: Pulumi's `ResourceMonitor` and `Engine`
 * services on 127.0.0.1 (an ephemeral port), answering as the Pulumi engine
 * and pulumi-kubernetes would, and recording every request.
 */
import * as grpc from "@grpc/grpc-js";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engpb from "@pulumi/pulumi/proto/engine_pb";
import * as provpb from "@pulumi/pulumi/proto/provider_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as respb from "@pulumi/pulumi/proto/resource_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { randomUUID } from "node:crypto";
import { awaitsReady, checkPod, createPod, POD_TYPE, type PodPreviewMode } from "./kubernetes";
import { recordValue, stripSecrets, type RecordedValue, type WireObject } from "./wire";

/** The type of the root stack resource. */
export const STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The features the engine says it supports (`SupportsFeature`), as the
 * Pulumi CLI of @pulumi/pulumi 3.248's time answers; any other is refused.
 */
export const SUPPORTED_FEATURES: readonly string[] = [
  "secrets",
  "resourceReferences",
  "outputValues",
  "deletedWith",
  "replaceWith",
  "aliasSpecs",
  "transforms",
  "invokeTransforms",
  "parameterization",
  "resourceHooks",
  "errorHooks",
];

/** The options of a registration that reach the engine. */
export interface RegisteredOptions {
  protect: boolean | undefined;
  deleteBeforeReplace: boolean;
  /** Whether the program set deleteBeforeReplace at all. */
  deleteBeforeReplaceDefined: boolean;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  retainOnDelete: boolean | undefined;
  additionalSecretOutputs: string[];
  /** The custom timeouts; empty strings when not set. */
  customTimeouts: { create: string; update: string; delete: string };
  /** The provider reference (`<provider urn>::<id>`), `""` for the default provider. */
  provider: string;
  /** The URNs this resource depends on. */
  dependencies: string[];
}

/** A resource as the program registered it (`RegisterResource`). */
export interface RegisteredResource {
  type: string;
  name: string;
  /** The parent's URN (`""` for the stack itself). */
  parent: string;
  urn: string;
  custom: boolean;
  /** The inputs as sent on the wire (secret markers and unknowns kept). */
  inputs: RecordedValue;
  options: RegisteredOptions;
  /** The id answered (`""` in a preview). */
  id: string;
  /** The outputs answered. */
  outputs: RecordedValue;
  /** For a Pod in an update: whether pulumi-kubernetes would wait for it to become Ready. */
  awaitsReady?: boolean;
}

/** A resource read with `Resource.get` (`ReadResource`). */
export interface ReadRecord {
  type: string;
  name: string;
  id: string;
  parent: string;
  urn: string;
}

/** A message the program logged (`Engine.Log`). */
export interface LogRecord {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  /** The URN the message is about (`""` when none). */
  urn: string;
  ephemeral: boolean;
}

/** What the fake engine recorded during one run. */
export interface EngineRecord {
  /** Registrations that succeeded, in order. */
  resources: RegisteredResource[];
  /** Registrations the engine refused, with the reason. */
  refused: { type: string; name: string; reason: string }[];
  reads: ReadRecord[];
  /** `RegisterResourceOutputs` by URN (the last one wins): the stack's exports, a component's outputs. */
  outputs: Map<string, RecordedValue>;
  logs: LogRecord[];
  /** `Invoke` tokens, in order. */
  invokes: string[];
  /** The URN the program set as root (`SetRootResource`). */
  rootUrn: string;
}

/** How the fake engine answers. */
export interface FakeEngineOptions {
  project: string;
  stack: string;
  preview: boolean;
  /** How a Pod create is answered in a preview. Default `"echo"`. */
  podPreview?: PodPreviewMode;
  /** Live objects answered to `ReadResource` (e.g. `Pod.get`), keyed by id. */
  reads?: Record<string, WireObject>;
}

const SEVERITIES: Record<number, LogRecord["severity"]> = {
  [engpb.LogSeverity.DEBUG]: "debug",
  [engpb.LogSeverity.INFO]: "info",
  [engpb.LogSeverity.WARNING]: "warning",
  [engpb.LogSeverity.ERROR]: "error",
};

function wireOf(struct: Struct | undefined): WireObject {
  return (struct?.toJavaScript() ?? {}) as WireObject;
}

function failure(code: grpc.status, details: string): Partial<grpc.ServiceError> {
  return { code, details, message: details };
}

/** A running fake engine: its address, what it recorded, and how to stop it. */
export interface FakeEngine {
  /** `127.0.0.1:<port>`, for `--monitor` and `--engine`. */
  address: string;
  record: EngineRecord;
  stop(): void;
}

/** Starts a fake engine on 127.0.0.1 and an ephemeral port. */
export async function startFakeEngine(options: FakeEngineOptions): Promise<FakeEngine> {
  const { project, stack, preview } = options;
  const record: EngineRecord = {
    resources: [],
    refused: [],
    reads: [],
    outputs: new Map(),
    logs: [],
    invokes: [],
    rootUrn: "",
  };
  // The type chain of every URN handed out: a child's URN holds its parents'
  // types joined by `$`, the root stack's type excepted (as the engine does).
  const typeChains = new Map<string, string>();
  const chainOf = (type: string, parent: string): string => {
    const parentChain = typeChains.get(parent);
    return parentChain === undefined || parentChain === STACK_TYPE
      ? type
      : `${parentChain}$${type}`;
  };
  const urnOf = (type: string, name: string, parent: string): string =>
    `urn:pulumi:${stack}::${project}::${chainOf(type, parent)}::${name}`;

  const monitor: Partial<resrpc.IResourceMonitorServer> = {
    supportsFeature(call, callback) {
      const response = new respb.SupportsFeatureResponse();
      response.setHassupport(SUPPORTED_FEATURES.includes(call.request.getId()));
      callback(null, response);
    },

    registerResource(call, callback) {
      const req = call.request;
      const type = req.getType();
      const name = req.getName();
      const parent = req.getParent();
      if (type !== STACK_TYPE && parent === "") {
        const reason = `resource ${name} [${type}] has no parent; the stack must be registered first`;
        record.refused.push({ type, name, reason });
        return callback(failure(grpc.status.INVALID_ARGUMENT, reason), null);
      }
      const urn = urnOf(type, name, parent);
      if (typeChains.has(urn)) {
        const reason = `Duplicate resource URN '${urn}'; try giving it a unique name`;
        record.refused.push({ type, name, reason });
        return callback(failure(grpc.status.INVALID_ARGUMENT, reason), null);
      }
      typeChains.set(urn, chainOf(type, parent));
      let inputs = wireOf(req.getObject());
      let answer: { id: string; object: WireObject };
      if (req.getCustom() && type === POD_TYPE) {
        inputs = checkPod(name, inputs);
        try {
          answer = createPod(inputs, preview, options.podPreview ?? "echo");
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          record.refused.push({ type, name, reason });
          return callback(failure(grpc.status.INTERNAL, reason), null);
        }
      } else if (req.getCustom()) {
        const id = type.startsWith("pulumi:providers:")
          ? randomUUID()
          : preview
            ? ""
            : `${name}-id`;
        answer = { id, object: inputs };
      } else {
        answer = { id: "", object: inputs };
      }
      const timeouts = req.getCustomtimeouts();
      record.resources.push({
        type,
        name,
        parent,
        urn,
        custom: req.getCustom(),
        inputs: recordValue(inputs),
        options: {
          protect: req.hasProtect() ? req.getProtect() : undefined,
          deleteBeforeReplace: req.getDeletebeforereplace(),
          deleteBeforeReplaceDefined: req.getDeletebeforereplacedefined(),
          ignoreChanges: req.getIgnorechangesList(),
          replaceOnChanges: req.getReplaceonchangesList(),
          retainOnDelete: req.hasRetainondelete() ? req.getRetainondelete() : undefined,
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
          customTimeouts: {
            create: timeouts?.getCreate() ?? "",
            update: timeouts?.getUpdate() ?? "",
            delete: timeouts?.getDelete() ?? "",
          },
          provider: req.getProvider(),
          dependencies: req.getDependenciesList(),
        },
        id: answer.id,
        outputs: recordValue(answer.object),
        ...(req.getCustom() && type === POD_TYPE && !preview
          ? { awaitsReady: awaitsReady(stripSecrets(inputs) as WireObject) }
          : {}),
      });
      const response = new respb.RegisterResourceResponse();
      response.setUrn(urn);
      response.setId(answer.id);
      response.setObject(
        Struct.fromJavaScript(answer.object as Parameters<typeof Struct.fromJavaScript>[0]),
      );
      callback(null, response);
    },

    readResource(call, callback) {
      const req = call.request;
      const id = req.getId();
      const state = options.reads?.[id];
      if (state === undefined) {
        return callback(
          failure(
            grpc.status.NOT_FOUND,
            `no live object for ${req.getType()} "${id}" in the fake cluster`,
          ),
          null,
        );
      }
      const urn = urnOf(req.getType(), req.getName(), req.getParent());
      typeChains.set(urn, chainOf(req.getType(), req.getParent()));
      record.reads.push({
        type: req.getType(),
        name: req.getName(),
        id,
        parent: req.getParent(),
        urn,
      });
      const response = new respb.ReadResourceResponse();
      response.setUrn(urn);
      response.setProperties(
        Struct.fromJavaScript(state as Parameters<typeof Struct.fromJavaScript>[0]),
      );
      callback(null, response);
    },

    registerResourceOutputs(call, callback) {
      record.outputs.set(call.request.getUrn(), recordValue(wireOf(call.request.getOutputs())));
      callback(null, new Empty());
    },

    invoke(call, callback) {
      record.invokes.push(call.request.getTok());
      const response = new provpb.InvokeResponse();
      response.setReturn(Struct.fromJavaScript({}));
      callback(null, response);
    },

    signalAndWaitForShutdown(_call, callback) {
      callback(null, new Empty());
    },
  };

  const engine: Partial<engrpc.IEngineServer> = {
    log(call, callback) {
      const req = call.request;
      record.logs.push({
        severity: SEVERITIES[req.getSeverity()] ?? "info",
        message: req.getMessage(),
        urn: req.getUrn(),
        ephemeral: req.getEphemeral(),
      });
      callback(null, new Empty());
    },
    getRootResource(_call, callback) {
      const response = new engpb.GetRootResourceResponse();
      response.setUrn(record.rootUrn);
      callback(null, response);
    },
    setRootResource(call, callback) {
      record.rootUrn = call.request.getUrn();
      callback(null, new engpb.SetRootResourceResponse());
    },
  };

  const server = new grpc.Server();
  server.addService(resrpc.ResourceMonitorService, monitor as grpc.UntypedServiceImplementation);
  server.addService(engrpc.EngineService, engine as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, p) =>
      error ? reject(error) : resolve(p),
    ),
  );
  return { address: `127.0.0.1:${port}`, record, stop: () => server.forceShutdown() };
}
