/**
 * The dev server answers with vercel.json's headers, so what a deployment sends can be tested
 * locally, and refuses anything under a dot-folder (.data/ holds PGlite's files and the LINE
 * stand-in's private key; Vite would otherwise serve them from the project root).
 *
 * Two documented additions to the Content-Security-Policy, only here: connect-src also allows
 * the LIVEKIT_URL the dev server uses (livekit-server --dev on ws://localhost:7880, not an
 * origin a deployment talks to), and with Vite (not --prod) script-src allows inline scripts
 * and connect-src ws: for React Refresh's preamble and HMR.
 *
 * vercel.json and its CSP: see README, "Security headers" (LIFF runs as the top-level page of
 * LINE's in-app browser, never in a frame, so frame-ancestors is 'none'; LiveKit Cloud's
 * wss/https origins; LINE's API, login and LIFF SDK origins; profile pictures from
 * *.line-scdn.net).
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

interface HeaderRule {
  source: string;
  headers: { key: string; value: string }[];
}

const VERCEL_JSON = fileURLToPath(new URL('../vercel.json', import.meta.url));

let rules: { pattern: RegExp; headers: HeaderRule['headers'] }[] | undefined;

/** vercel.json's header rules; sources are path patterns where `(.*)` is any rest. */
function vercelHeaderRules() {
  rules ??= (JSON.parse(readFileSync(VERCEL_JSON, 'utf8')).headers as HeaderRule[]).map((rule) => ({
    pattern: new RegExp(
      `^${rule.source
        .split('(.*)')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    ),
    headers: rule.headers,
  }));
  return rules;
}

/** The headers vercel.json gives `path`, as the dev server sends them (see the header comment). */
function headersFor(
  path: string,
  options: { livekitUrl?: string; vite?: boolean } = {},
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of vercelHeaderRules()) {
    if (!rule.pattern.test(path)) continue;
    for (const { key, value } of rule.headers) headers[key.toLowerCase()] = value;
  }
  const csp = headers['content-security-policy'];
  if (csp) headers['content-security-policy'] = devCsp(csp, options);
  return headers;
}

function devCsp(csp: string, options: { livekitUrl?: string; vite?: boolean }): string {
  const extra: Record<string, string[]> = { 'connect-src': [], 'script-src': [] };
  if (options.livekitUrl) extra['connect-src']!.push(new URL(options.livekitUrl).origin);
  if (options.vite) {
    extra['script-src']!.push("'unsafe-inline'");
    extra['connect-src']!.push('ws:');
  }
  return csp
    .split(';')
    .map((directive) => {
      const [name = ''] = directive.trim().split(/\s+/);
      const added = extra[name]?.filter((source) => !directive.includes(source)) ?? [];
      return [directive.trim(), ...added].join(' ');
    })
    .join('; ');
}

/**
 * The dev server's hook: refuses dot-folders with 404 (true: answered), else sets the headers
 * on the response before anything writes it.
 */
export function secureDevResponse(
  res: ServerResponse,
  path: string,
  options: { vite: boolean },
): boolean {
  // Vite serves its pre-bundled dependencies from node_modules/.vite/: the one dot-folder allowed.
  const viteDeps = options.vite && path.startsWith('/node_modules/.vite/deps/');
  if (!viteDeps && inDotFolder(path)) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'not_found', message: 'Not found.' } }));
    return true;
  }
  const headers = headersFor(path, { livekitUrl: process.env.LIVEKIT_URL, vite: options.vite });
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  return false;
}

/** Any segment starting with '.', also when percent-encoded (Vite decodes before serving). */
function inDotFolder(path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape cannot name a file either way; check the raw path only.
  }
  return [path, decoded].some((p) => p.split(/[/\\]/).some((segment) => segment.startsWith('.')));
}
