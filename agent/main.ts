/**
 * The agent worker: `npm run agent` (and `npm run dev`, whenever its real livekit-server is up).
 * One process registers with LiveKit under LIVEKIT_AGENT_NAME for explicit dispatch; each agent
 * call is a job the framework runs in a child process, which imports this file again for its
 * default export (so everything that starts the worker sits under the `isMain` check).
 */
import {
  cli,
  defineAgent,
  ServerOptions,
  type AgentServer,
  type JobContext,
} from '@livekit/agents';
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
 * When the worker says it is full. The framework's default in `start` mode is 70 % CPU of the
 * whole machine, and on a busy 2-core machine that is mostly other programs' load (the dev
 * server, Chromium, livekit-server, anything else running): measured in the tests, the machine
 * sat above 95 % while a second call was dispatched, and a worker that says it is full gets no
 * call at all, so the callee would ring into silence. A call here costs one job process and a
 * short eSpeak or pocketsphinx run per line or reply, so the worker counts its own calls instead:
 * full at MAX_CALLS at once. (LiveKit Cloud ignores both and uses its defaults.)
 */
const MAX_CALLS = 8;
const load = async (server: AgentServer) => server.activeJobs.length / MAX_CALLS;
const LOAD_THRESHOLD = 1;
/**
 * Job processes started ahead. In `start` mode the framework keeps min(cores, 4); in `dev` mode
 * none, so every call waited for a new process to import this file through tsx: 8–20 s on a
 * busy 2-core machine, past the app's 20 s wait for the agent (`no_agent`). One warm process
 * in dev answers the first call at once and the next is started behind it.
 */
const idleProcesses = process.argv[2] === 'dev' ? 1 : undefined;
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
      loadFunc: load,
      loadThreshold: LOAD_THRESHOLD,
      numIdleProcesses: idleProcesses,
    }),
  );
}
