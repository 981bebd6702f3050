/**
 * The runner's Secret on the command line. flame_k8s_backend v0.7.0 creates a
 * Secret for every runner at boot, always (it holds the release cookie, plus
 * `:secret_env`), and the runner container reads it through `envFrom`. So the
 * commands show the v0.7 runner with that reference, as it runs
 * (docs/rules-v0.7.md, "Step 2: secret env").
 */

/**
 * The `secretEnv` option the commands pass to the rules under v0.7: the
 * `--secret-env` names, each with an empty value (only the names matter to
 * the pod; the values never reach the command line). Present even without
 * names, so the rules add the Secret reference.
 *
 * @param names - the `:secret_env` names. Default: none.
 * @returns a new map of name → `""`.
 */
export function v07SecretEnv(names: readonly string[] = []): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, ""]));
}
