/**
 * The design a comment relies on is in the repository: code, tests and SQL say why in a few words
 * or point into docs/ (`docs/decisions.md#ring-time`), never at a document a reader cannot open
 * (the source documents the product came from, a design file kept elsewhere, an issue tracker's
 * number). Every docs/ link, from the code, the README or docs/ itself, names a file that exists
 * and a heading in it. Upstream links (`livekit/livekit#2399`) are fine: anyone can open them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_DIRS = ['agent', 'api', 'src', 'dev', 'db', 'bench', 'tests'];
const SOURCE_FILE = /\.(ts|tsx|js|mjs|cjs|sql|sh|css|html|json)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'results', 'dist', 'reports', 'test-results']);

/** Citations a reader of this repository cannot follow. */
const OUTSIDE_REFERENCES: { what: string; pattern: RegExp }[] = [
  { what: 'a seed document', pattern: /\bseeds?[ -]?\d{3}\b|\bseed['’]s\b/i },
  { what: 'an issue number', pattern: /\bissues?[ -]#?\d+\b/i },
  { what: 'the design file kept outside the repository', pattern: /\bDESIGN\.md\b|shared\/seeds/ },
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return name.startsWith('.') || SKIPPED_DIRS.has(name) ? [] : walk(path);
    }
    return SOURCE_FILE.test(name) ? [path] : [];
  });
}

/** Source, test and SQL files, the root's config files, and the README. */
function sourceFiles(): string[] {
  const rootFiles = readdirSync(ROOT)
    .filter((name) => SOURCE_FILE.test(name) && name !== 'package-lock.json')
    .map((name) => join(ROOT, name));
  return [
    ...SOURCE_DIRS.flatMap((dir) => walk(join(ROOT, dir))),
    ...rootFiles,
    join(ROOT, 'README.md'),
  ];
}

const docFiles = () =>
  readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(ROOT, 'docs', name));

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .map((text, index) => ({ where: `${relative(ROOT, file)}:${index + 1}`, text }));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as '-'. */
function slug(heading: string): string {
  return heading
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings (fenced code left out), repeats numbered as GitHub does. */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

interface Link {
  where: string;
  target: string;
  anchor: string | undefined;
}

/** `docs/<file>.md#anchor` as the code and the README write it. */
function docsReferences(file: string): Link[] {
  return lines(file).flatMap(({ where, text }) =>
    [...text.matchAll(/(?<![\w/.-])docs\/([\w./-]*\w)(?:#([\w-]+))?/g)].map((match) => ({
      where,
      target: join(ROOT, 'docs', match[1]!),
      anchor: match[2],
    })),
  );
}

/** Relative Markdown links inside docs/: `[text](decisions.md#ring-time)`, `(#flows)`, `(../api/…)`. */
function markdownLinks(file: string): Link[] {
  return lines(file).flatMap(({ where, text }) =>
    [...text.matchAll(/\]\(([^)\s#]*)(?:#([^)\s]*))?\)/g)]
      .filter((match) => !/^[a-z]+:/i.test(match[1]!))
      .map((match) => ({
        where,
        target: match[1] ? resolve(dirname(file), match[1]) : file,
        anchor: match[2],
      })),
  );
}

function brokenLinks(links: Link[]): string[] {
  return links.flatMap(({ where, target, anchor }) => {
    if (!existsSync(target)) return [`${where}: ${relative(ROOT, target)} does not exist`];
    if (anchor === undefined || !target.endsWith('.md')) return [];
    return anchorsOf(target).has(anchor)
      ? []
      : [`${where}: no heading in ${relative(ROOT, target)} has the anchor #${anchor}`];
  });
}

describe('design references', () => {
  test.each(OUTSIDE_REFERENCES)('no source, test or SQL file cites $what', ({ pattern }) => {
    const citing = sourceFiles()
      .flatMap(lines)
      .filter(({ text }) => pattern.test(text))
      .map(({ where, text }) => `${where}: ${text.trim()}`);
    expect(citing).toEqual([]);
  });

  test('every docs/ reference in the code and the README names a file and a heading that exist', () => {
    const links = sourceFiles().flatMap(docsReferences);
    expect(links.length).toBeGreaterThan(0);
    expect(brokenLinks(links)).toEqual([]);
  });

  test('every relative link in docs/ names a file and a heading that exist', () => {
    expect(brokenLinks(docFiles().flatMap(markdownLinks))).toEqual([]);
  });

  test.each([
    ['Ring time', 'ring-time'],
    ['1:1 call', '11-call'],
    ['"Call me now" closes the window', 'call-me-now-closes-the-window'],
    ['Missed-call notice on cancel', 'missed-call-notice-on-cancel'],
    [
      '`execute-retry` and the [busy window](#the-busy-window)',
      'execute-retry-and-the-busy-window',
    ],
    ['Café — ラウンジ', 'café--ラウンジ'],
  ])('the anchor of "%s" is #%s, as GitHub makes it', (heading, anchor) => {
    expect(slug(heading)).toBe(anchor);
  });
});
