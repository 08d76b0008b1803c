/**
 * The function host loads functions as Vercel's Node runtime does, so an import that tsx and
 * vitest forgive but Node's ESM loader refuses shows as a failure before deploy.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFunctionHost, type FunctionHost } from '../../dev/compiled-functions';

let output: string;
let host: FunctionHost;
beforeAll(async () => {
  // A made-up `vercel build` output: one function that names its import's file, one that doesn't.
  await mkdir('node_modules/.cache', { recursive: true });
  output = await mkdtemp(join(process.cwd(), 'node_modules/.cache/fake-output-'));
  for (const [name, specifier] of [
    ['good', './_lib/answer.js'],
    ['broken', './_lib/answer'],
  ]) {
    const dir = join(output, 'functions', 'api', `${name}.func`);
    await mkdir(join(dir, 'api', '_lib'), { recursive: true });
    await writeFile(join(dir, '.vc-config.json'), JSON.stringify({ handler: `api/${name}.js` }));
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
    await writeFile(join(dir, 'api', '_lib', 'answer.js'), 'export const answer = 42;');
    await writeFile(
      join(dir, 'api', `${name}.js`),
      `import { answer } from '${specifier}';\nexport const GET = () => Response.json({ answer });`,
    );
  }
  host = await startFunctionHost({ vercelOutput: output });
});
afterAll(async () => {
  await host?.close();
  await rm(output, { recursive: true, force: true });
});

test('a function whose imports name their files answers', async () => {
  const response = await host.forward('good.ts', new Request('http://localhost/api/good'));
  expect(await response.json()).toEqual({ answer: 42 });
});

test('an extensionless relative import fails to load, as it would once deployed', async () => {
  expect(host.failures).toEqual([
    { file: 'broken.ts', error: expect.stringContaining('Cannot find module') },
  ]);
  const response = await host.forward('broken.ts', new Request('http://localhost/api/broken'));
  expect(response.status).toBe(500);
  expect((await response.json()).error.code).toBe('function_failed_to_load');
});

test('a method the function does not export is 405 with Allow', async () => {
  const response = await host.forward(
    'good.ts',
    new Request('http://localhost/api/good', { method: 'POST', body: '{}' }),
  );
  expect(response.status).toBe(405);
  expect(response.headers.get('allow')).toBe('GET');
});
