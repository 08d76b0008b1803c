/**
 * Unused files, exports and dependencies (`npm run knip`, part of `npm run lint`). The entries are
 * everything started from outside the import graph. Knip's plugins find most of them itself (and
 * call listing them again redundant): the package.json scripts (dev/server.ts, db/migrate.ts,
 * bench/run.ts, dev/livekit-install.ts, dev/sweep-schedule.ts), Vite's index.html
 * (src/main.tsx), vite.config.ts, vitest.config.ts, stryker.config.mjs and eslint.config.js.
 * Listed here is what no plugin sees.
 */
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    // Each file under api/ is a Vercel function; _lib/ is not (Vercel skips `_` folders).
    'api/**/*.ts',
    '!api/_lib/**',
    // Bundled by path with esbuild and run in a child process (dev/compiled-functions.ts).
    'dev/function-host.ts',
    // The other vitest configs (browser, deploy, real media, mutation) and every test they run.
    'vitest.*.config.ts',
    'tests/**/*.test.ts',
    // The setup file of the mutation runs, named in vitest.mutation.config.ts.
    'tests/support/load-mutated-modules.ts',
  ],
  project: [
    'agent/**/*.ts',
    'api/**/*.ts',
    'bench/**/*.ts',
    'db/**/*.ts',
    'dev/**/*.ts',
    'src/**/*.{ts,tsx}',
    'tests/**/*.ts',
  ],
  // A type named in an exported signature (a stand-in's QStashMessage, say) is part of what its
  // module offers, whether or not another file names it yet.
  ignoreExportsUsedInFile: { interface: true, type: true },
  // `node` pins the Node 22 that npm scripts run on (node_modules/.bin/node), not an import.
  ignoreDependencies: ['node'],
  // Debian's programs, not npm binaries: eSpeak NG (the agent worker's voice and the sipp
  // phone's recorded replies), sox (dev/sip-phone.ts) and the pkg-config livekit-sip's cgo build
  // needs (dev/sip-install.ts); README and .ci/run say how they are installed.
  ignoreBinaries: ['espeak-ng', 'sox', 'pkg-config'],
};

export default config;
