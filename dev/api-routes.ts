/**
 * Maps `api/` files to URL paths the way Vercel does: `api/health.ts` → /api/health,
 * `api/calls/index.ts` → /api/calls, `api/calls/[id].ts` → /api/calls/:id with `id` passed as a
 * query parameter. Folders starting with `_` are not functions.
 */
export interface ApiRoute {
  file: string;
  segments: string[];
}

export interface ApiMatch {
  file: string;
  params: Record<string, string>;
}

export function routesFromFiles(files: string[]): ApiRoute[] {
  return (
    files
      .filter((file) => /\.ts$/.test(file) && !file.endsWith('.d.ts'))
      .filter((file) => !file.split('/').some((part) => part.startsWith('_')))
      .map((file) => {
        const segments = file.replace(/\.ts$/, '').split('/');
        if (segments.at(-1) === 'index') segments.pop();
        return { file, segments };
      })
      // Static segments win over dynamic ones, as on Vercel.
      .sort((a, b) => dynamicCount(a) - dynamicCount(b))
  );
}

export function matchRoute(routes: ApiRoute[], pathname: string): ApiMatch | undefined {
  const parts = pathname
    .replace(/^\/api\/?/, '')
    .split('/')
    .filter(Boolean);
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = route.segments.every((segment, i) => {
      const dynamic = /^\[(\w+)\]$/.exec(segment);
      if (dynamic) params[dynamic[1]!] = decodeSegment(parts[i]!);
      return dynamic !== null || segment === parts[i];
    });
    if (matches) return { file: route.file, params };
  }
  return undefined;
}

function dynamicCount(route: ApiRoute): number {
  return route.segments.filter((segment) => segment.startsWith('[')).length;
}

/** A malformed escape (`%E0%A4%A`) stays as it came: the function then finds no such id (404). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * vercel.json rewrites into a function (`/api/console/:path+` → `/api/console?path=:path`),
 * applied before routing as Vercel applies them. Only `:name` (one segment), `:name+` (one or
 * more) and `:name*` (any number of segments) are understood; anything else is refused, so a rewrite the dev server would
 * route differently from Vercel cannot go unnoticed.
 */
export interface ApiRewrite {
  pattern: RegExp;
  names: string[];
  destination: string;
}

export function rewritesFrom(rewrites: { source: string; destination: string }[]): ApiRewrite[] {
  return rewrites
    .filter((rewrite) => rewrite.destination.startsWith('/api/'))
    .map(({ source, destination }) => {
      const names: string[] = [];
      const body = source.replace(
        /\/:(\w+)([*+]?)|([^:/]+|\/(?!:))/g,
        (part, name, star, literal) => {
          if (literal !== undefined) {
            if (/[()?+*[\]{}]/.test(literal))
              throw new Error(`Unsupported rewrite source ${source}`);
            return literal.replace(/[.\\^$|]/g, '\\$&');
          }
          names.push(name);
          return star === '*' ? '(?:/(.*))?' : star === '+' ? '/(.+)' : '/([^/]+)';
        },
      );
      return { pattern: new RegExp(`^${body}/?$`), names, destination };
    });
}

/** The URL a request is routed by after the first matching rewrite (itself when none matches). */
export function applyRewrites(rewrites: ApiRewrite[], url: URL): URL {
  for (const { pattern, names, destination } of rewrites) {
    const match = pattern.exec(url.pathname);
    if (!match) continue;
    const filled = destination.replace(/:(\w+)[*+]?/g, (_, name: string) =>
      encodeURIComponent(decodeSegment(match[names.indexOf(name) + 1] ?? '')),
    );
    const rewritten = new URL(filled, url);
    for (const [name, value] of url.searchParams) rewritten.searchParams.append(name, value);
    return rewritten;
  }
  return url;
}
