/**
 * phoenix-app: a FLAME-ready Phoenix application from one program.
 *
 * 1. A namespace.
 * 2. FlameRbac: the service account the application runs as, allowed to
 *    create, watch and delete its runner pods.
 * 3. The pod template: the app container with flameParentEnv (POD_NAME,
 *    POD_NAMESPACE, POD_IP, RELEASE_DISTRIBUTION, RELEASE_NODE, in order) and
 *    the service account.
 * 4. FlameRunnerTemplate: the runners' template (their own resources),
 *    checked now against the pod the Deployment will create (a `limimts`
 *    typo fails the preview), and published in a ConfigMap.
 * 5. The Deployment: the pod template plus the ConfigMap's volume, mounted
 *    at /etc/flame/runners; the application loads
 *    /etc/flame/runners/runner-template.json into flame_k8s_backend's
 *    options at boot, on the parent only (docs/deploying.md).
 * 6. A Service in front of it.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FlameRbac, FlameRunnerTemplate, flameParentEnv } from "pulumi-flame-k8s";

const config = new pulumi.Config();
const appName = "shop";
const image = config.get("image") ?? "ghcr.io/acme/shop:2.1.0";
const replicas = config.getNumber("replicas") ?? 2;
const runnerResources = config.getObject<k8s.types.input.core.v1.ResourceRequirements>(
  "runnerResources",
) ?? { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "2Gi" } };

const ns = new k8s.core.v1.Namespace("shop", {
  metadata: { name: config.get("namespace") ?? "shop" },
});
const namespace = ns.metadata.name;
const labels = { app: appName };

const rbac = new FlameRbac(appName, { namespace });

const appContainer: k8s.types.input.core.v1.Container = {
  name: "web",
  image,
  ports: [{ name: "http", containerPort: 4000 }],
  env: [
    // The node is shop@<pod IP>; runners copy this env and join as shop@<their IP>.
    ...flameParentEnv(appName),
    { name: "PHX_HOST", value: "shop.example.com" },
    { name: "PHX_SERVER", value: "true" },
  ],
  // SECRET_KEY_BASE, DATABASE_URL, RELEASE_COOKIE...
  envFrom: [{ secretRef: { name: `${appName}-env` } }],
  resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } },
};

/** The Deployment's pod template, as FlameRunnerTemplate checks it (without the template volume). */
const podTemplate = {
  metadata: { labels },
  spec: { serviceAccountName: rbac.serviceAccountName, containers: [appContainer] },
};

const runners = new FlameRunnerTemplate("runners", {
  podTemplate,
  workloadName: appName,
  namespace,
  selector: { matchLabels: labels },
  template: { resources: runnerResources },
});

const deployment = new k8s.apps.v1.Deployment(appName, {
  metadata: { name: appName, namespace },
  spec: {
    replicas,
    selector: { matchLabels: labels },
    template: {
      metadata: podTemplate.metadata,
      spec: {
        ...podTemplate.spec,
        volumes: [runners.volume],
        containers: [{ ...appContainer, volumeMounts: [runners.volumeMount] }],
      },
    },
  },
});

const service = new k8s.core.v1.Service(appName, {
  metadata: { name: appName, namespace },
  spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: "http" }] },
});

/** The service account the application runs as. */
export const serviceAccountName = rbac.serviceAccountName;
/** Where the application reads its runner template. */
export const runnerTemplatePath = runners.templatePath;
/** The runner pod as FLAME will create it (placeholder name id and FLAME_PARENT). */
export const runnerManifest = runners.manifest;
/** The Deployment's and the Service's names. */
export const deploymentName = deployment.metadata.name;
export const serviceName = service.metadata.name;
