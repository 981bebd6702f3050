/**
 * Where the pod may run: node affinity (`validateNodeAffinity`,
 * `ValidateNodeSelector`, `ValidatePreferredSchedulingTerms`), pod
 * (anti-)affinity (`validatePodAffinityTerm`, `validateWeightedPodAffinityTerms`),
 * label selectors (`ValidateLabelSelector` of apimachinery), topology spread
 * constraints (`validateTopologySpreadConstraints`) and tolerations
 * (`ValidateTolerations`).
 */
import { isLabelValue } from "../formats";
import type { IssueCollector } from "../issues";
import { isPlainObject } from "../../plain";
import {
  checkDnsLabel,
  checkLabels,
  checkLabelValue,
  checkQualifiedName,
  listOf,
  type Obj,
} from "./common";

/**
 * Node affinity: a required node selector has at least one term; preferred
 * terms weigh 1 to 100. Values of required match expressions must be label
 * values; the API server allows any value in preferred terms.
 */
export function checkNodeAffinity(affinity: Obj, issues: IssueCollector): void {
  const required = affinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (isPlainObject(required)) {
    const terms = listOf(required.nodeSelectorTerms);
    const field = "requiredDuringSchedulingIgnoredDuringExecution";
    if (Array.isArray(required.nodeSelectorTerms) && terms.length === 0) {
      issues.report(
        "required",
        "must have at least one node selector term",
        field,
        "nodeSelectorTerms",
      );
    }
    for (let i = 0; i < terms.length; i++) {
      checkNodeSelectorTerm(terms[i], true, issues, field, "nodeSelectorTerms", i);
    }
  }
  const preferred = listOf(affinity.preferredDuringSchedulingIgnoredDuringExecution);
  for (let i = 0; i < preferred.length; i++) {
    const term = preferred[i];
    if (!isPlainObject(term)) continue;
    const at = ["preferredDuringSchedulingIgnoredDuringExecution", i] as const;
    checkWeight(term.weight, issues, ...at);
    checkNodeSelectorTerm(term.preference, false, issues, ...at, "preference");
  }
}

function checkWeight(weight: unknown, issues: IssueCollector, ...at: (string | number)[]): void {
  if (typeof weight === "number" && (weight < 1 || weight > 100)) {
    issues.report("invalid", `must be between 1 and 100 (got ${weight})`, ...at, "weight");
  }
}

/**
 * A node selector term (`ValidateNodeSelectorTerm`): match expressions on
 * node labels, match fields on `metadata.name` only, with `In` or `NotIn`
 * and exactly one value (`ValidateNodeFieldSelectorRequirement`).
 */
function checkNodeSelectorTerm(
  term: unknown,
  labelValues: boolean,
  issues: IssueCollector,
  ...at: (string | number)[]
): void {
  if (!isPlainObject(term)) return;
  const expressions = listOf(term.matchExpressions);
  for (let j = 0; j < expressions.length; j++) {
    const req = expressions[j];
    if (!isPlainObject(req)) continue;
    const here = [...at, "matchExpressions", j];
    checkRequirement(req, NODE_OPERATORS, issues, here);
    checkQualifiedName(req.key, "label key", issues, ...here, "key");
    if (labelValues) checkValuesAreLabelValues(req.values, issues, here);
  }
  const fields = listOf(term.matchFields);
  for (let j = 0; j < fields.length; j++) {
    const req = fields[j];
    if (!isPlainObject(req)) continue;
    const here = [...at, "matchFields", j];
    if (req.operator !== "In" && req.operator !== "NotIn") {
      issues.report(
        "not-supported",
        'must be "In" or "NotIn" for a node field selector',
        ...here,
        "operator",
      );
    } else if (listOf(req.values).length !== 1) {
      issues.report(
        "invalid",
        "must have exactly one value for a node field selector",
        ...here,
        "values",
      );
    }
    if (typeof req.key === "string" && req.key !== "metadata.name") {
      issues.report(
        "not-supported",
        `"${req.key}" is not a node field; the only one is "metadata.name"`,
        ...here,
        "key",
      );
    }
  }
}

/** How many values each operator takes: at least one, none, exactly one. */
type Arity = "some" | "none" | "one";
const NODE_OPERATORS: Readonly<Record<string, Arity>> = {
  In: "some",
  NotIn: "some",
  Exists: "none",
  DoesNotExist: "none",
  Gt: "one",
  Lt: "one",
};
const LABEL_OPERATORS: Readonly<Record<string, Arity>> = {
  In: "some",
  NotIn: "some",
  Exists: "none",
  DoesNotExist: "none",
};

/**
 * The operator and the number of values of a requirement
 * (`ValidateNodeSelectorRequirement`, `ValidateLabelSelectorRequirement`).
 */
function checkRequirement(
  req: Obj,
  operators: Readonly<Record<string, Arity>>,
  issues: IssueCollector,
  here: readonly (string | number)[],
): void {
  const operator = req.operator;
  if (typeof operator !== "string") return;
  const arity = Object.hasOwn(operators, operator) ? operators[operator] : undefined;
  const count = listOf(req.values).length;
  if (arity === undefined) {
    const list = Object.keys(operators).map((o) => `"${o}"`);
    issues.report(
      "not-supported",
      `"${operator}" is not a selector operator: use one of ${list.join(", ")}`,
      ...here,
      "operator",
    );
  } else if (arity === "some" && count === 0) {
    issues.report(
      "required",
      `must have at least one value when operator is "${operator}"`,
      ...here,
      "values",
    );
  } else if (arity === "none" && count > 0) {
    issues.report(
      "forbidden",
      `must have no values when operator is "${operator}"`,
      ...here,
      "values",
    );
  } else if (arity === "one" && count !== 1) {
    issues.report(
      "invalid",
      `must have exactly one value when operator is "${operator}"`,
      ...here,
      "values",
    );
  }
}

function checkValuesAreLabelValues(
  values: unknown,
  issues: IssueCollector,
  here: readonly (string | number)[],
): void {
  const list = listOf(values);
  for (let k = 0; k < list.length; k++) {
    const value = list[k];
    if (typeof value === "string" && !isLabelValue(value))
      checkLabelValue(value, issues, ...here, "values", k);
  }
}

/**
 * A label selector (`ValidateLabelSelector`): `matchLabels` as labels; each
 * match expression with a label key, an operator `In`, `NotIn`, `Exists` or
 * `DoesNotExist` and the values it takes, each a label value.
 */
export function checkLabelSelector(selector: Obj, issues: IssueCollector): void {
  checkLabels(selector.matchLabels, issues, "matchLabels");
  const expressions = listOf(selector.matchExpressions);
  for (let j = 0; j < expressions.length; j++) {
    const req = expressions[j];
    if (!isPlainObject(req)) continue;
    const here = ["matchExpressions", j];
    checkRequirement(req, LABEL_OPERATORS, issues, here);
    checkQualifiedName(req.key, "label key", issues, ...here, "key");
    checkValuesAreLabelValues(req.values, issues, here);
  }
}

/**
 * A pod affinity term (`validatePodAffinityTerm`): a topology key that is a
 * label key, namespaces that are namespace names (DNS-1123 labels).
 */
export function checkPodAffinityTerm(term: Obj, issues: IssueCollector): void {
  checkQualifiedName(term.topologyKey, "topology key (a node label key)", issues, "topologyKey");
  const namespaces = listOf(term.namespaces);
  for (let i = 0; i < namespaces.length; i++) checkDnsLabel(namespaces[i], issues, "namespaces", i);
}

/** A weighted pod affinity term (`validateWeightedPodAffinityTerms`): weight 1 to 100. */
export function checkWeightedPodAffinityTerm(term: Obj, issues: IssueCollector): void {
  checkWeight(term.weight, issues);
}

/**
 * A topology spread constraint (`validateTopologySpreadConstraints`):
 * `maxSkew` at least 1, a topology key that is a label key, `minDomains`
 * at least 1 and only with `whenUnsatisfiable: DoNotSchedule`.
 */
export function checkTopologySpreadConstraint(constraint: Obj, issues: IssueCollector): void {
  const maxSkew = constraint.maxSkew;
  if (typeof maxSkew === "number" && maxSkew < 1) {
    issues.report("invalid", `must be at least 1 (got ${maxSkew})`, "maxSkew");
  }
  checkQualifiedName(
    constraint.topologyKey,
    "topology key (a node label key)",
    issues,
    "topologyKey",
  );
  const minDomains = constraint.minDomains;
  if (typeof minDomains === "number") {
    if (minDomains < 1)
      issues.report("invalid", `must be at least 1 (got ${minDomains})`, "minDomains");
    if (constraint.whenUnsatisfiable !== "DoNotSchedule") {
      issues.report(
        "forbidden",
        'can only be set with whenUnsatisfiable: "DoNotSchedule"',
        "minDomains",
      );
    }
  }
}

/**
 * A toleration (`ValidateTolerations`): a key, when given, that is a label
 * key; an empty key only with `operator: Exists` (which tolerates every
 * taint); `tolerationSeconds` only with `effect: NoExecute`; operator
 * `Equal` (or empty, meaning `Equal`) with a label value, or `Exists` with
 * no value. An empty effect means every effect.
 */
export function checkToleration(toleration: Obj, issues: IssueCollector): void {
  const key = toleration.key;
  const operator = toleration.operator;
  if (typeof key === "string" && key !== "") checkQualifiedName(key, "label key", issues, "key");
  if ((key === undefined || key === "") && operator !== "Exists") {
    issues.report(
      "forbidden",
      'must be "Exists" when the key is empty (which matches every taint)',
      "operator",
    );
  }
  if (toleration.tolerationSeconds !== undefined && toleration.effect !== "NoExecute") {
    issues.report("forbidden", 'must be "NoExecute" when tolerationSeconds is set', "effect");
  }
  const value = toleration.value;
  if (operator === "Exists") {
    if (typeof value === "string" && value !== "") {
      issues.report("forbidden", 'must be empty when operator is "Exists"', "value");
    }
  } else if (operator === undefined || operator === "" || operator === "Equal") {
    checkLabelValue(value, issues, "value");
  } else if (typeof operator === "string") {
    issues.report(
      "not-supported",
      `"${operator}" is not supported: use "Equal" or "Exists"`,
      "operator",
    );
  }
}
