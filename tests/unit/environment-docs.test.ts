import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ENVIRONMENT_VARIABLES } from '../../api/_lib/config';

/** The variables named in the first column of the README's "Environment" table. */
function documentedVariables(): Set<string> {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Environment'));
  const table = section.slice(0, section.indexOf('\n## '));
  const names = table
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)])
    .map((match) => match[1]!);
  return new Set(names);
}

test('the README environment table lists every variable the server reads', () => {
  const documented = documentedVariables();
  expect(ENVIRONMENT_VARIABLES.filter((name) => !documented.has(name))).toEqual([]);
});
