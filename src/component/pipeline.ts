/**
 * The one pipeline both components run (`FlameRunnerPod`,
 * `FlameRunnerTemplate`): their arguments, by name → resolved values (secret
 * values noted) → the callback or the template object → the rules → the
 * component's outcome, from which it registers its children. Each component
 * gives only what is its own: how the resolved arguments become the rules'
 * input, and what it makes of the runner.
 *
 * What any step throws, or an argument's Output fails with, becomes the
 * component's error (named after it, without secret values); the outcome then
 * rejects with it, and so do the registrations of the children that wait for
 * it.
 */
import * as pulumi from "@pulumi/pulumi";
import type { FlameRunnerPodError, RunnerPodIssue } from "../errors";
import { formatIssue } from "../issues/issue";
import type { RunnerPodStart } from "../rules";
import type {
  PodManifest,
  RunnerPodOptions,
  RunnerPodStartingManifest,
  RunnerPodTemplate,
} from "../types";
import type { FlameRunnerPodCallback } from "./args";
import { warningLogger } from "./log-warning";
import { SecretRedactor } from "./redact";
import { resolveInputs, whenKnown, type Eventually, type Resolved } from "./resolve";
import { componentError, failingWith, runRules } from "./rules-wiring";

/** Arguments by name, before resolution: each may be an Input, or hold some. */
export type Unresolved<T> = { readonly [K in keyof T]: unknown };

/** What the rules run on, made by a component from its resolved arguments. */
export interface RulesInput {
  /** The parent as the rules see it; not modified. */
  parentPod: PodManifest;
  /** The template object or v0.7's pod manifest (ignored with a callback). */
  template: RunnerPodTemplate | RunnerPodStartingManifest | undefined;
  /** The runner's `FLAME_PARENT`. */
  encodedParent: string;
  /** The rules' options; `onWarning` is the pipeline's (the component's log). */
  options: Omit<RunnerPodOptions, "onWarning">;
  /**
   * Set when the component creates the runner itself, as the manifest says
   * (not FLAME at run time): whether its Secret holds the cookie. Default:
   * FLAME creates it.
   */
  createdAsIs?: { cookieInSecret: boolean };
}

/** What the rules made, with what the component needs to build its outcome. */
export interface RunnerRun<A, S> {
  /** The resolved arguments. */
  args: A;
  /** The resolved arguments taken apart (see {@link RunnerPipeline.apart}). */
  apart: S;
  /** What the rules ran on. */
  rules: RulesInput;
  /** Where step 1 started (a template object, a manifest, a callback's result). */
  start: RunnerPodStart;
  /** The runner manifest. */
  manifest: PodManifest;
  /** The secret values that flowed into the runner (the arguments', the callback result's). */
  secrets: readonly unknown[];
  /** Logs a warning of the component's own on it, as the rules' warnings are. */
  warn: (issue: RunnerPodIssue) => void;
}

/** What a component gives the pipeline. */
export interface RunnerPipeline<A, S, O> {
  /** The component: errors and warnings are reported on it. */
  component: pulumi.ComponentResource;
  /** Names the component in messages: `FlameRunnerPod "workers"`. */
  context: string;
  /**
   * The Output the pipeline starts from (a URN): so that a failure rejects
   * the outcome instead of throwing from the constructor.
   */
  gate: pulumi.Output<string>;
  /** The arguments the runner is built from, by name; their secret values flow into it. */
  args: Unresolved<A>;
  /**
   * Arguments resolved apart, by name: their secret values are kept out of
   * every message, but they do not make the runner secret (only their
   * presence reaches it). Default: none.
   */
  apart?: Unresolved<S>;
  /** The callback; `undefined` for a template object (then in {@link RulesInput.template}). */
  callback: FlameRunnerPodCallback | undefined;
  /** The rules' input, from the resolved arguments and the gate's value. */
  rules: (args: A, apart: S, gate: string) => RulesInput;
  /** The component's outcome, from what the rules made. */
  outcome: (run: RunnerRun<A, S>) => Eventually<O>;
}

/**
 * Runs a component's pipeline.
 *
 * @param pipeline - what the component gives; see {@link RunnerPipeline}.
 * @returns the outcome, an Output that rejects with the component's error
 *   when a step failed.
 */
export function runnerPipeline<A, S, O>(pipeline: RunnerPipeline<A, S, O>): pulumi.Output<O> {
  const { component, context, callback } = pipeline;
  // Every message the component prints or throws shows no secret value it met.
  const secrets = new SecretRedactor();
  const fail = (error: unknown): FlameRunnerPodError =>
    componentError(error, context, component, secrets);
  const onWarning = warningLogger(component, secrets);
  const args = resolveNamed<A>(pipeline.args, fail);
  const apart = resolveNamed<S>(pipeline.apart ?? ({} as Unresolved<S>), fail);
  return whenKnown(pipeline.gate, (gate) =>
    whenKnown(args, (a) =>
      whenKnown(apart, (s) => {
        secrets.note([...a.secrets, ...s.secrets]);
        const rules = failingWith(fail, () => pipeline.rules(a.value, s.value, gate));
        const options: RunnerPodOptions = { ...rules.options, onWarning };
        const ruled = runRules({ ...rules, options, callback, fail, secrets });
        return whenKnown(ruled, (r) =>
          failingWith(fail, () =>
            pipeline.outcome({
              args: a.value,
              apart: s.value,
              rules,
              start: r.value.start,
              manifest: r.value.manifest,
              secrets: [...a.secrets, ...r.secrets],
              warn: (issue) => onWarning(formatIssue(issue), issue),
            }),
          ),
        );
      }),
    ),
  );
}

/**
 * Arguments by name with every Input inside unwrapped, and the secret values
 * met. The component's argument checks vouch for their shapes; the rules
 * check their values once resolved.
 */
function resolveNamed<T>(
  args: Unresolved<T>,
  fail: (error: unknown) => Error,
): Eventually<Resolved<T>> {
  return resolveInputs(args, fail) as Eventually<Resolved<T>>;
}
