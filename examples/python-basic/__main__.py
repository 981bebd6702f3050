"""python-basic: a FLAME runner pod from Python, through the flame-k8s package.

flame_k8s_backend's simple use case: the runner gets one extra variable
(FOO=bar) and its own resources; everything else (image, env, envFrom,
service account) comes from the running parent pod, read from the cluster
(pulumi config set parentPod production/myapp-7d9c8b6f5d-x2x9k).
"""

import pulumi
import pulumi_kubernetes as k8s
import pulumi_flame_k8s as flame

config = pulumi.Config()

parent = k8s.core.v1.Pod.get("parent", config.require("parentPod"))

runner = flame.FlameRunnerPod(
    "runner",
    parent_pod=parent,
    template=flame.FlameRunnerPodTemplateArgs(
        env=[flame.EnvVarArgs(name="FOO", value="bar")],
        resources=flame.ResourceRequirementsArgs(
            requests={"memory": "256Mi", "cpu": "100m"},
            limits={"memory": "256Mi", "cpu": "400m"},
        ),
    ),
    encoded_parent=config.require_secret("encodedParent"),
)

# The runner pod's name: the parent's name and an id derived from the
# component's URN (stable across runs).
pulumi.export("runnerPodName", runner.pod_name)
