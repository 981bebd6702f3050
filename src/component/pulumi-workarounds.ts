/**
 * Where this library works around Pulumi internals, each with the condition
 * under which it can go. The tests that fail when Pulumi changes stay
 * (named with each workaround); when one fails after an upgrade of
 * `@pulumi/pulumi`, look here first.
 *
 * - {@link ComponentFailure}: an error that the Node.js language host reports
 *   as a `pulumi.ResourceError` on the component, once, without stack.
 *   - The marks copied from `pulumi.ResourceError` (`RESOURCE_ERROR_MARKS`):
 *     `ResourceError.isInstance` recognises its errors by own `true` fields,
 *     not by class, and the error must stay a `FlameRunnerPodError`. Remove
 *     when `@pulumi/pulumi` offers a way to report a custom error class on a
 *     resource (test: test/component/errors.test.ts, "the host would not take
 *     it for a ResourceError").
 *   - No stack: on Node 20 with source maps, formatting the stack of an error
 *     whose frames are in `@pulumi/pulumi/output.ts` takes over a minute
 *     (nodejs/node#64011). Remove when the project requires a Node.js release
 *     with that fix (Node 22 or later; `engines` says `>=20.19` today).
 *   - The fixed message: Pulumi's serializer prefixes the message of an error
 *     it meets (`error serializing property "outputs": ...`), and one error is
 *     shared by every Output of the component. Remove when the serializer
 *     stops rewriting messages.
 * - {@link urnWithoutDependency}: a component's URN as an Output that
 *   depends on no resource. In `@pulumi/pulumi` 3.x an Output of a
 *   component's `urn` waits for every child of the component, so two
 *   children built from it (the runner's Secret and Pod) would wait for each
 *   other. Remove when `Resource.urn` no longer carries the component's
 *   children as dependencies (test: test/component/v07.test.ts, "the runner's Secret": the Secret
 *   and the pod both registered).
 */
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";

/**
 * A {@link FlameRunnerPodError} that the language host reports as a
 * `pulumi.ResourceError` on the component, without stack: its message, once,
 * on the component, and a non-zero exit. It carries the fields by which
 * Pulumi recognises a ResourceError (`pulumi.ResourceError.isInstance`).
 *
 * It has no stack: the language host formats the stack of every uncaught
 * error it reports (for its tracing span, even with `hideStack`), and with
 * source maps, on Node 20, formatting one whose frames are in
 * `@pulumi/pulumi/output.ts` loops for over a minute (nodejs/node#64011).
 * The message says where the problem is; the stack never did.
 *
 * Its message stays as made: Pulumi's serializer prefixes the message of an
 * error it meets (`error serializing property "outputs": ...`), and this one
 * error is shared by every Output of the component and the user's exports of
 * them.
 */
export class ComponentFailure extends FlameRunnerPodError {
  /** The component the host reports the error on. */
  readonly resource: pulumi.Resource;
  /** Tells the host to print the message alone. */
  readonly hideStack = true;

  constructor(
    issues: readonly RunnerPodIssue[],
    context: string,
    component: pulumi.Resource,
    cause: unknown,
  ) {
    super(issues, context);
    this.resource = component;
    Object.assign(this, RESOURCE_ERROR_MARKS);
    const message = this.message;
    Object.defineProperty(this, "message", {
      get: () => message,
      set: () => undefined,
      enumerable: false,
      configurable: true,
    });
    Object.defineProperty(this, "stack", {
      value: undefined,
      writable: true,
      enumerable: false,
      configurable: true,
    });
    if (cause !== undefined) this.cause = cause;
  }
}

/** The own `true` fields by which `pulumi.ResourceError.isInstance` recognises its errors. */
const RESOURCE_ERROR_MARKS = Object.fromEntries(
  Object.entries(
    new pulumi.ResourceError("", undefined as unknown as pulumi.Resource, true),
  ).filter(([key, value]) => value === true && key !== "hideStack"),
);

/**
 * The component's URN as an Output that depends on no resource. What a child
 * gets from an Output that depends on its parent component waits for every
 * other child of that component to be registered: the pod and the Secret,
 * both built from the URN, would wait for each other.
 */
export function urnWithoutDependency(component: pulumi.ComponentResource): pulumi.Output<string> {
  return pulumi.output(
    new Promise<string>((resolve) => {
      component.urn.apply((urn) => {
        resolve(urn);
        return urn;
      });
    }),
  );
}
