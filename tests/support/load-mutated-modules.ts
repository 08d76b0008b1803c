/**
 * Setup file of `npm run mutate` (vitest.mutation.config.ts): loads the group's mutated modules
 * before the test file's tests, so Stryker sees the code that runs at load (a constant, a table
 * such as who may accept a call) as static. Without it the handlers load those modules lazily,
 * during whichever test first sends a request, and Stryker charges that code to that test alone:
 * it runs only that test for such a mutant, and reports it survived when the test that would
 * notice never ran. Static mutants are ignored in the handler groups (stryker.config.mjs).
 */
import groups from '../../mutation-groups.json';

const group = groups[process.env.MUTATION_GROUP as keyof typeof groups] as
  { mutate: string[] } | undefined;
const modules = import.meta.glob<unknown>('../../api/_lib/**/*.ts');

const pattern = (glob: string) =>
  new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
const mutated = (group?.mutate ?? []).map(pattern);

for (const [path, load] of Object.entries(modules)) {
  if (mutated.some((glob) => glob.test(path.replace(/^(\.\.\/)+/, '')))) await load();
}
