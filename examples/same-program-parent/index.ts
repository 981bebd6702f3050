/**
 * same-program-parent: the parent pod and its FLAME runner declared in one
 * program. The runner is built from the parent resource's outputs, so it
 * follows the parent: same image, env and service account, and the parent as
 * owner (deleting the parent deletes the runner).
 *
 * The parent needs to create, watch and delete its runner pods: the program
 * gives it a service account with that role.
 *
 * Config: `namespace` (default flame-demo; must exist), `image` (default
 * ghcr.io/acme/counter:0.9.1), `encodedParent` (required).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPod } from "pulumi-flame-k8s";

const config = new pulumi.Config();
const namespace = config.get("namespace") ?? "flame-demo";
const image = config.get("image") ?? "ghcr.io/acme/counter:0.9.1";
const appName = "counter";

const serviceAccount = new k8s.core.v1.ServiceAccount("parent-sa", {
  metadata: { name: appName, namespace },
});

const role = new k8s.rbac.v1.Role("flame-runners", {
  metadata: { name: `${appName}-flame`, namespace },
  rules: [
    {
      apiGroups: [""],
      resources: ["pods"],
      verbs: ["create", "get", "list", "watch", "delete"],
    },
  ],
});

const roleBinding = new k8s.rbac.v1.RoleBinding("flame-runners", {
  metadata: { name: `${appName}-flame`, namespace },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name },
  subjects: [{ kind: "ServiceAccount", name: serviceAccount.metadata.name, namespace }],
});

const parent = new k8s.core.v1.Pod(
  "parent",
  {
    metadata: { name: appName, namespace, labels: { app: appName } },
    spec: {
      serviceAccountName: serviceAccount.metadata.name,
      containers: [
        {
          name: appName,
          image,
          ports: [{ name: "http", containerPort: 4000 }],
          env: [
            { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
            { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
            { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
            { name: "RELEASE_DISTRIBUTION", value: "name" },
            { name: "RELEASE_NODE", value: `${appName}@$(POD_IP)` },
            { name: "PHX_SERVER", value: "true" },
            { name: "FLAME_BACKEND", value: "FLAMEK8sBackend" },
          ],
          envFrom: [{ secretRef: { name: `${appName}-env` } }],
          resources: {
            requests: { cpu: "100m", memory: "256Mi" },
            limits: { memory: "512Mi" },
          },
        },
      ],
    },
  },
  { dependsOn: [roleBinding] },
);

const runner = new FlameRunnerPod("runner", {
  parentPod: parent,
  template: {
    resources: {
      requests: { cpu: "500m", memory: "512Mi" },
      limits: { memory: "1Gi" },
    },
  },
  encodedParent: config.require("encodedParent"),
});

/** The parent pod's name. */
export const parentPodName = parent.metadata.name;
/** The runner pod's name: the parent's name and an id derived from the component's URN (stable across runs). */
export const runnerPodName = runner.podName;
