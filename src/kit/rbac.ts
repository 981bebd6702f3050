/**
 * `FlameRbac`: what a FLAME parent needs to manage its runner pods through
 * the Kubernetes API: a ServiceAccount, a Role and the RoleBinding between
 * them, in the parent's namespace.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";
import { backendOf, checkArgument } from "../rules/options";
import { profileOf } from "../rules/profiles";
import { issue } from "../issues/issue";
import { show } from "../issues/message";
import { FieldPath } from "../issues/path";
import { DNS1123_SUBDOMAIN_FORMAT, isDns1123Subdomain } from "../validation/formats";

/** The type token of {@link FlameRbac}. */
export const FLAME_RBAC_TYPE = "flame-k8s:index:FlameRbac";

/**
 * The verbs the Role grants on `pods` (and on `secrets` with
 * {@link FlameRbacArgs.manageSecrets}): what flame_k8s_backend does with its
 * runner pods (create them, read and watch them, delete them) and with its
 * own pod.
 */
export const FLAME_RBAC_VERBS: readonly string[] = [
  "create",
  "get",
  "list",
  "watch",
  "delete",
  "patch",
];

/**
 * The verbs the Role grants on `secrets` with `backend: "v0.7"`: flame_k8s_backend
 * v0.7.0 creates a Secret per runner (its `RELEASE_COOKIE` and `:secret_env`),
 * and the Role lets it create, read, list and delete them.
 */
export const FLAME_RBAC_V07_SECRET_VERBS: readonly string[] = ["create", "get", "list", "delete"];

/**
 * The arguments of a {@link FlameRbac}. The plugin's schema carries each
 * comment's text but not its tags, so the properties state their default in
 * the text too, for other languages, besides the `@default` tag.
 */
export interface FlameRbacArgs {
  /** The namespace of the parent and of its runners (it must exist). */
  namespace: pulumi.Input<string>;
  /**
   * The service account's name. Default: the component's name.
   * With `createServiceAccount` `false`, the name of an existing
   * service account (required then).
   * @default the component's name
   */
  serviceAccountName?: pulumi.Input<string>;
  /**
   * Whether to create the ServiceAccount. Default: `true`. `false` binds the
   * Role to the existing account named `serviceAccountName`.
   * @default true
   */
  createServiceAccount?: boolean;
  /**
   * Grant the same verbs on `secrets` too, which later flame_k8s_backend
   * versions need (they pass the runner its config through a secret).
   * flame_k8s_backend v0.3.3 needs only `pods`. Default: `false`.
   * @default false
   */
  manageSecrets?: boolean;
  /**
   * The flame_k8s_backend release the parent runs: `"v0.3.3"` or `"v0.7"`.
   * With `"v0.7"` the Role also lets the backend create, get, list and delete
   * `secrets` (`FLAME_RBAC_V07_SECRET_VERBS`): v0.7.0 creates one per runner.
   * Any other value is refused. (A `string`, not the `RunnerPodBackend` union,
   * so that the plugin's schema can carry it to other languages.)
   * Default: `"v0.3.3"`.
   * @default "v0.3.3"
   */
  backend?: string;
}

/** The suffix of the Role's and the RoleBinding's names. */
const ROLE_SUFFIX = "-flame";

/**
 * The RBAC of a FLAME parent, as child resources of this component:
 *
 * - a `ServiceAccount` named `serviceAccountName` (default:
 *   the component's name), unless `createServiceAccount` is `false`;
 * - a `Role` named `<component name>-flame` allowing the verbs of `FLAME_RBAC_VERBS`
 *   on `pods` (and `secrets` with `manageSecrets`), and with `backend: "v0.7"`
 *   those of `FLAME_RBAC_V07_SECRET_VERBS` on `secrets`;
 * - a `RoleBinding` of the same name whose role and subject are the names
 *   the Role and the ServiceAccount report (their outputs), so they cannot
 *   disagree.
 *
 * Put `serviceAccountName` in the parent's pod template
 * (`spec.serviceAccountName`).
 */
export class FlameRbac extends pulumi.ComponentResource {
  /** The name of the service account the Role is bound to: set it on the parent's pod template. */
  readonly serviceAccountName: pulumi.Output<string>;
  /** The ServiceAccount; `undefined` when `createServiceAccount` is `false`. */
  readonly serviceAccount: k8s.core.v1.ServiceAccount | undefined;
  /** The Role. */
  readonly role: k8s.rbac.v1.Role;
  /** The RoleBinding. */
  readonly roleBinding: k8s.rbac.v1.RoleBinding;

  /**
   * Declares the RBAC of a FLAME parent.
   *
   * @param name - the component's name; also the default service account
   *   name and the prefix of the Role's and RoleBinding's names, so a
   *   DNS-1123 subdomain (lowercase letters, digits, `-`, `.`).
   * @param args - the namespace, the service account.
   * @param opts - options of the component; its provider applies to the children.
   * @throws FlameRunnerPodError when an argument has the wrong shape.
   */
  constructor(name: string, args: FlameRbacArgs, opts?: pulumi.ComponentResourceOptions) {
    checkFlameRbacArgs(name, args);
    super(FLAME_RBAC_TYPE, name, {}, opts);
    const namespace = args.namespace;
    const child = { parent: this };

    this.serviceAccount =
      args.createServiceAccount === false
        ? undefined
        : new k8s.core.v1.ServiceAccount(
            name,
            { metadata: { name: args.serviceAccountName ?? name, namespace } },
            child,
          );
    const subject = this.serviceAccount
      ? {
          name: this.serviceAccount.metadata.name,
          namespace: this.serviceAccount.metadata.namespace,
        }
      : { name: pulumi.output(args.serviceAccountName as pulumi.Input<string>), namespace };

    this.role = new k8s.rbac.v1.Role(
      name,
      {
        metadata: { name: `${name}${ROLE_SUFFIX}`, namespace },
        rules: [
          {
            apiGroups: [""],
            resources: args.manageSecrets === true ? ["pods", "secrets"] : ["pods"],
            verbs: [...FLAME_RBAC_VERBS],
          },
          // (manageSecrets grants these already.)
          ...(profileOf(backendOf(args)).createsRunnerSecret && args.manageSecrets !== true
            ? [{ apiGroups: [""], resources: ["secrets"], verbs: [...FLAME_RBAC_V07_SECRET_VERBS] }]
            : []),
        ],
      },
      child,
    );
    this.roleBinding = new k8s.rbac.v1.RoleBinding(
      name,
      {
        metadata: { name: `${name}${ROLE_SUFFIX}`, namespace: this.role.metadata.namespace },
        roleRef: {
          apiGroup: "rbac.authorization.k8s.io",
          kind: "Role",
          name: this.role.metadata.name,
        },
        subjects: [{ kind: "ServiceAccount", name: subject.name, namespace: subject.namespace }],
      },
      child,
    );
    this.serviceAccountName = pulumi.output(subject.name);
    this.registerOutputs({ serviceAccountName: this.serviceAccountName });
  }
}

const ARGS = FieldPath.root("args");

/** Checks what can be checked before any value is known. */
function checkFlameRbacArgs(name: string, args: FlameRbacArgs): void {
  const issues: RunnerPodIssue[] = [];
  const a: Partial<FlameRbacArgs> =
    typeof args === "object" && args !== null ? args : ({} as Partial<FlameRbacArgs>);
  if (a.namespace === undefined || a.namespace === null || a.namespace === "") {
    issues.push(
      issue(
        "argument-missing",
        ARGS.child("namespace"),
        "missing: the namespace of the parent and its runners",
      ),
    );
  }
  if (a.createServiceAccount === false && (a.serviceAccountName ?? "") === "") {
    issues.push(
      issue(
        "argument-missing",
        ARGS.child("serviceAccountName"),
        "missing: with createServiceAccount false, name the existing service account to bind",
      ),
    );
  }
  checkArgument("backend", a.backend, ARGS.child("backend"), issues);
  if (!isDns1123Subdomain(`${name}${ROLE_SUFFIX}`)) {
    issues.push(
      issue(
        "argument-invalid",
        FieldPath.root("name"),
        `names the Role and RoleBinding (<name>${ROLE_SUFFIX}), so it must be a DNS-1123 subdomain: ${DNS1123_SUBDOMAIN_FORMAT} (got ${show(name)})`,
      ),
    );
  }
  if (issues.length > 0) throw new FlameRunnerPodError(issues, `FlameRbac "${String(name)}"`);
}
