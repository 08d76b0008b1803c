// Opened on a link from LINE's call messages (Accept opens it with ?autoAccept=1), the page's
// first requests go out the moment LIFF has signed in, all at once, instead of one after another
// once its code has loaded and it has rendered; the page's own requests then get their answers
// (api-client.ts). Its code, with livekit-client, downloads meanwhile: over HTTP/2 or 3 while
// LIFF signs in, as the files share one connection with everything else; over HTTP/1.1, where a
// browser opens at most six connections to a host, only once those requests have gone out, so
// that its dozen files do not hold them up.
import { currentPath, matchPath, type Params } from '../lib/router';
import { signIn } from './boot';
import { loadAgentCallPage, loadCallPage } from './pages';

// A failed sign-in or chunk shows on the boot gate or on the page itself.
const ignore = () => {};

const DEEP_LINKS = [
  deepLink('/call/:id', loadCallPage, () =>
    import('../features/call/api/preload-call').then((m) => m.preloadCall),
  ),
  deepLink('/agent-call/:sid', loadAgentCallPage, () =>
    import('../features/agent-call/api/preload-agent-call').then((m) => m.preloadAgentCall),
  ),
];

/**
 * Called once, before React renders. Before liff.init, LINE's links carry the path in liff.state.
 */
export function preloadDeepLink(): void {
  const opened = new URLSearchParams(location.search).get('liff.state') ?? location.pathname;
  for (const preload of DEEP_LINKS) preload(opened.split('?')[0]!);
}

function deepLink<Pattern extends string>(
  path: Pattern,
  page: () => Promise<unknown>,
  requests: () => Promise<(params: Params<Pattern>) => void>,
) {
  return (openedPath: string) => {
    if (!matchPath(path, openedPath)) return;
    const pageNow = multiplexed();
    if (pageNow) void page();
    void Promise.all([requests(), signIn()]).then(([start]) => {
      const params = matchPath(path, currentPath());
      if (params) start(params);
      // A task later, when their fetch() calls have been made.
      if (!pageNow) setTimeout(() => void page());
    }, ignore);
  };
}

function multiplexed(): boolean {
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return /^h[23]/.test(navigation?.nextHopProtocol ?? '');
}
