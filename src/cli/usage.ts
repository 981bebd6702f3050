/**
 * The help text of `flame-runner-pod`: every flag, the exit codes, examples.
 */
import { PLACEHOLDER_ENCODED_PARENT } from "./render";

/** The full `--help` text. */
export const USAGE = `flame-runner-pod: print the FLAME runner pod manifest that flame_k8s_backend
(v0.3.3 rules, or v0.7 with --backend v0.7) would create for a parent pod.
Offline: no cluster, no Pulumi CLI.

Usage:
  flame-runner-pod render --parent <file|-> [options]
  flame-runner-pod diff --parent <file|-> [--template <file|->] --from v0.3.3 --to v0.7
  flame-runner-pod check --parent <file|-> [--template <file|->] [--max-warnings N] [-o text|json]
  flame-runner-pod preview <program-dir> [--pods <file>] [--stack <name>] [--config key=value]
  flame-runner-pod --help

Options of render:
  -p, --parent <file|->        the parent pod, as kubectl get pod <name> -o yaml prints it
                               (YAML or JSON); - reads stdin. Required. Or a Deployment
                               or StatefulSet manifest: checked against the pod it will
                               create (named on stderr; placeholder uid).
  -t, --template <file|->      the runner template, decided by its shape:
                                 a template object  {env, resources, addParentEnv}
                                 a pod manifest     {apiVersion, kind, metadata, spec}:
                                   used as a callback's return value (the backend then
                                   overwrites names, image, restartPolicy, FLAME env...)
                               Default: the empty template (everything from the parent).
      --encoded-parent <s>     FLAME's encoded parent, the runner's FLAME_PARENT.
                               Default: the placeholder "${PLACEHOLDER_ENCODED_PARENT}"
                               (with a warning): FLAME sets the real value at runtime.
      --app-container <name>   the parent container that runs the app. Default: the first.
      --omit-owner-reference   no owner reference to the parent pod.
      --runner-id <id>         the id appended to the runner name (lowercase letters and
                               digits). Default: a random 20-character hex id; with
                               --backend v0.7 5 characters of bcdfghjklmnpqrstvwxz2456789.
      --backend v0.3.3|v0.7    the flame_k8s_backend release whose rules apply.
                               Default: v0.3.3. With v0.7 --template is the :manifest
                               (a pod manifest; nothing is copied from the parent), the
                               runner container is named "runner" and reads the runner's
                               Secret (envFrom), which v0.7.0 always creates (the cookie).
      --env NAME=value         v0.7 only, repeatable: the :env option, a variable of the
                               runner container.
  -o, --output yaml|json       output format. Default: yaml.
  -h, --help                   this help.

Options of diff (what the runner of the same parent and template loses or
gains when flame_k8s_backend is upgraded from v0.3.3 to v0.7):
  -p, --parent, --app-container   as for render.
  -t, --template <file|->      the v0.3.3 template (template object or pod manifest). A
                               pod manifest is the :manifest under v0.7; a template
                               object has no meaning there (v0.7 starts from {}).
      --from v0.3.3 --to v0.7  the upgrade (the only one; both may be left out).
      --env NAME=value         the v0.7 :env option, repeatable.
      --secret-env NAME        a name of the v0.7 :secret_env, repeatable (names only:
                               the values stay in your secret store). The runner reads
                               it, and RELEASE_COOKIE, from its Secret.
  -o, --output text|json       output format. Default: text.

Options of check (every problem of a parent and template: the rules, validation
and the FLAME runtime checks, each with severity, code and path; no manifest):
  -p, -t, --backend, --app-container, --env   as for render. --template also takes
                               FlameRunnerTemplate's runner-template.json (its v0.7
                               file with --backend v0.7).
      --max-warnings N         the most warnings that still exit 0. Default: any number.
  -o, --output text|json       default text; json: {"errors": [...], "warnings": [...]},
                               each {code, path, message}.

Options of preview (runs a Pulumi TypeScript program under Pulumi's mock engine
and prints what pulumi preview would, with the runner pod manifests):
  <program-dir>                the project directory (Pulumi.yaml); its node_modules
                               must hold @pulumi/pulumi, and ts-node or typescript.
      --pods <file>            the pods Pod.get reads (kubectl get pod -o yaml; several
                               as YAML documents). Default: <program-dir>/parent-pod.yaml.
      --stack <name>           the config of Pulumi.<name>.yaml. Default: preview.
  -c, --config key=value       a config value (repeatable), over the stack's.

Output: the manifest on stdout (diff: the changes); warnings (values the backend overwrites,
$(VAR) references that never expand...) on stderr.

Exit codes:
  0  the manifest (diff: the changes; preview: the report) was printed; check:
     no error, at most --max-warnings warnings
  1  the input was refused: not YAML/JSON, or a runner pod rule (each problem
     with its field path, e.g. spec.containers[0].resources.limimts); check:
     an error, or more warnings than --max-warnings; preview: the program failed
  2  bad command line: unknown command or flag, missing --parent, bad --output,
     unreadable file; preview: not a Pulumi project, no --pods file

Examples:
  kubectl get pod myapp-7d9c8b6f5d-x2x9k -o yaml | flame-runner-pod render --parent - \\
    --template runner-template.yaml --encoded-parent "$FLAME_PARENT"
  flame-runner-pod render -p parent-pod.yaml --runner-id 0123456789abcdef0123 -o json
  flame-runner-pod render -p deployment.yaml -t runner-template.json
  flame-runner-pod render -p parent-pod.yaml --backend v0.7 --env LOG_LEVEL=debug
  flame-runner-pod diff -p parent-pod.yaml -t runner-template.yaml --from v0.3.3 --to v0.7 \\
    --secret-env SECRET_KEY_BASE
  flame-runner-pod check -p deployment.yaml -t runner-template.json --max-warnings 0
  flame-runner-pod preview . --pods parent-pod.yaml
`;
