/**
 * One agent call, from dispatch to the outcome:
 *
 *   join the room ──► wait for the callee (they join on answering) ──► wait until their side
 *   receives the agent's voice ──► the script's lines, each captioned, reported and spoken
 *   ──► listen ──► … ──► outcome reported ──► room deleted
 *        └─ callee never joins: leave quietly (the app's ring time-out calls it missed)
 *        └─ callee hangs up mid-call: outcome no_response (the room ends by itself)
 */
import { AutoSubscribe, type JobContext } from '@livekit/agents';
import { ParticipantKind, RoomEvent, type RemoteParticipant } from '@livekit/rtc-node';
import { readAgentCall, type AgentCall } from './call-metadata';
import { callTranscript } from './call-transcript';
import { beginConversation, hearReply } from './scripts/conversation';
import type { Outcome } from './scripts/script-types';
import { serverReports } from './server-reports';
import type { SpeechStack } from './voice/speech';
import { publishAgentVoice } from './voice/agent-voice';
import { listenToCallee } from './voice/reply-listener';
import type { WorkerSettings } from './worker-settings';

/** The app rings for 60 s; a callee who joins at all joins within it. */
const CALLEE_WAIT_MS = 75_000;
/** How long a reply may take to start after a question. */
const REPLY_WAIT_MS = 7_000;
/** How long the first line waits for the callee to receive the agent's voice. */
const HEARD_WAIT_MS = 10_000;
/** Time for the last words to reach the callee before the room is deleted. */
const LAST_WORDS_MS = 800;

export async function holdCall(ctx: JobContext, stack: SpeechStack, settings: WorkerSettings) {
  const call = readAgentCall(ctx.job.metadata, settings.serviceName);
  const reports = serverReports(settings.appUrl, settings.workerKey ?? '');
  await ctx.connect(undefined, AutoSubscribe.AUDIO_ONLY);
  const room = ctx.room;
  const callee = await waitForCallee(ctx);
  if (!callee) {
    console.log(`[agent] ${call.sid}: the callee never joined; leaving.`);
    return ctx.shutdown('callee never joined');
  }

  const hungUp = new AbortController();
  const onLeft = (participant: RemoteParticipant) => {
    if (participant.identity === callee.identity) hungUp.abort();
  };
  room.on(RoomEvent.ParticipantDisconnected, onLeft);
  room.on(RoomEvent.Disconnected, () => hungUp.abort());
  const voice = await publishAgentVoice(room, stack.sampleRate);
  const ears = listenToCallee(room, callee, stack, call.language);
  const transcript = callTranscript(room, call.sid, reports);

  let outcome: Outcome = 'no_response';
  try {
    await voice.untilHeard(HEARD_WAIT_MS, hungUp.signal);
    outcome = await converse(call, hungUp.signal, {
      say: async (line) => {
        const speech = await stack.speak(line, call.language);
        await transcript.add('agent', line);
        await voice.say(speech, hungUp.signal);
      },
      hear: async () => {
        const heard = await ears.listen(REPLY_WAIT_MS, hungUp.signal);
        if (heard.text && !hungUp.signal.aborted) await transcript.add('callee', heard.text);
        return heard.reply;
      },
    });
  } catch (error) {
    console.error(`[agent] ${call.sid}: the conversation failed:`, error);
  } finally {
    room.off(RoomEvent.ParticipantDisconnected, onLeft);
    ears.close();
  }

  await transcript.settled();
  const answer = await reports.send({
    type: 'outcome',
    sid: call.sid,
    outcome,
    at: new Date().toISOString(),
  });
  console.log(
    `[agent] ${call.sid}: ${outcome}`,
    answer ? JSON.stringify(answer) : '(not reported)',
  );
  if (!hungUp.signal.aborted) {
    await new Promise((resolve) => setTimeout(resolve, LAST_WORDS_MS));
    await ctx.deleteRoom().catch((error: unknown) => console.error('[agent] delete room:', error));
  }
  await voice.close();
  ctx.shutdown(`call ended: ${outcome}`);
}

interface Mouth {
  say(line: string): Promise<void>;
  hear(): Promise<'yes' | 'no' | 'later' | 'silence' | 'unclear'>;
}

/** The script's turns until it ends; a hang-up ends it as no_response. */
async function converse(call: AgentCall, hungUp: AbortSignal, io: Mouth) {
  let { conversation, turn } = beginConversation(call.script, call.language, call.facts);
  for (;;) {
    for (const line of turn.lines) {
      if (hungUp.aborted) return 'no_response';
      await io.say(line);
    }
    if (!turn.listen) return turn.outcome;
    const reply = await io.hear();
    if (hungUp.aborted) return 'no_response';
    ({ conversation, turn } = hearReply(conversation, reply));
  }
}

/**
 * The callee, once answered: a LINE callee's page joins on answering; a phone's SIP participant
 * joins while it still rings and is answered when its `sip.callStatus` turns `active`.
 */
async function waitForCallee(ctx: JobContext): Promise<RemoteParticipant | undefined> {
  let stop = () => {};
  const timeout = new Promise<undefined>((resolve) => {
    const timer = setTimeout(resolve, CALLEE_WAIT_MS);
    stop = () => clearTimeout(timer);
  });
  try {
    const callee = await Promise.race([ctx.waitForParticipant(), timeout]);
    if (!callee || callee.kind !== ParticipantKind.SIP) return callee;
    return await Promise.race([answered(ctx, callee), timeout]);
  } finally {
    stop();
  }
}

function answered(ctx: JobContext, phone: RemoteParticipant): Promise<RemoteParticipant> {
  return new Promise((resolve) => {
    const check = () => {
      if (phone.attributes['sip.callStatus'] !== 'active') return;
      ctx.room.off(RoomEvent.ParticipantAttributesChanged, check);
      resolve(phone);
    };
    ctx.room.on(RoomEvent.ParticipantAttributesChanged, check);
    check();
  });
}
