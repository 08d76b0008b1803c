/**
 * The agent worker: `npm run agent` (and `npm run dev`, whenever its real livekit-server is up).
 * One process registers with LiveKit under LIVEKIT_AGENT_NAME for explicit dispatch; each agent
 * call is a job the framework runs in a child process, which imports this file again for its
 * default export (so everything that starts the worker sits under the `isMain` check).
 */
import { cli, defineAgent, ServerOptions, type JobContext } from '@livekit/agents';
import { fileURLToPath } from 'node:url';
import { holdCall } from './hold-call';
import { serverReports } from './server-reports';
import { activeSpeech } from './speech-stacks';
import { workerSettings } from './worker-settings';

const settings = workerSettings();
const stack = activeSpeech();

export default defineAgent({
  entry: (ctx: JobContext) => holdCall(ctx, stack, settings),
});

/**
 * The framework's default in `start` mode marks the worker unavailable above 70 % CPU of the
 * whole machine, which a busy 2-core machine (the dev server, Chromium and livekit-server beside
 * it) reaches often, and then no call is dispatched at all. A call costs little here (an eSpeak
 * and a pocketsphinx process per line or reply, a few seconds each), so the worker takes calls
 * until the machine is all but saturated.
 */
const LOAD_THRESHOLD = 0.95;
/** How often the app hears that this worker is alive (it forgets one unheard for 3 minutes). */
const HELLO_EVERY_MS = 60_000;

const isMain = process.argv[1] === fileURLToPath(import.meta.url);
if (isMain) {
  console.log(
    [
      `[agent] ${settings.agentName}: speech ${stack.name.tts} (voice) + ${stack.name.stt} (replies)${stack.name.llm ? ` + ${stack.name.llm} (model)` : ''}`,
      `[agent] understands: ${stack.understands}`,
      `[agent] reports to ${settings.appUrl}/api/agent-worker${settings.workerKey ? '' : ' — AGENT_WORKER_KEY is unset, so the app will refuse them'}`,
    ].join('\n'),
  );
  const reports = serverReports(settings.appUrl, settings.workerKey ?? '');
  const hello = () =>
    void reports.send({ type: 'hello', agentName: settings.agentName, speech: stack.name });
  hello();
  setInterval(hello, HELLO_EVERY_MS).unref();
  cli.runApp(
    new ServerOptions({
      agent: fileURLToPath(import.meta.url),
      agentName: settings.agentName,
      loadThreshold: LOAD_THRESHOLD,
    }),
  );
}
