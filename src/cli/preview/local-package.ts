/**
 * Makes a package name resolve to a file of this repository while a program
 * runs in-process: the examples import `pulumi-flame-k8s`, which is not
 * installed in this repository's node_modules (it is this repository).
 */
import Module from "node:module";

/** Node's internal resolver, which `require` calls for every request. */
type ResolveFilename = (
  request: string,
  parent: unknown,
  isMain: boolean,
  options?: unknown,
) => string;

/** The `Module` constructor as seen through its internal resolver. */
interface ModuleWithResolver {
  _resolveFilename: ResolveFilename;
}

const resolver = Module as unknown as ModuleWithResolver;

/**
 * Makes `require(name)` resolve to `target` (an absolute path, for example the
 * repository's `src/index.ts`) until the returned function is called. Every
 * other request resolves as before. Calls nest: each undo restores the
 * resolver that was in place when its alias was installed, so undo in reverse
 * order.
 *
 * Under ts-node (`npm run preview`, mocha) `target` may be a `.ts` file; the
 * module is loaded once, so the example and the tests share one copy of the
 * library (one `FlameRunnerPodError` class for `instanceof`).
 *
 * @param name - the package name to map, exactly as the program requires it.
 * @param target - the absolute path it resolves to.
 * @returns a function that removes the alias.
 */
export function aliasPackage(name: string, target: string): () => void {
  const previous = resolver._resolveFilename;
  const aliased: ResolveFilename = function (this: unknown, request, parent, isMain, options) {
    const mapped = request === name ? target : request;
    return previous.call(this, mapped, parent, isMain, options);
  };
  resolver._resolveFilename = aliased;
  return () => {
    if (resolver._resolveFilename === aliased) {
      resolver._resolveFilename = previous;
    }
  };
}
