/**
 * The agent worker and a phone's keypad, with the real livekit-server and no browser: a Korean
 * survey is dispatched straight to the worker, and the "phone" is an @livekit/rtc-node
 * participant that presses keys (DTMF, as livekit-sip forwards them): 1 yes, 2 no. It presses
 * each key while the question is still being asked, as people do on a phone menu. The worker's
 * reports are recorded on the way to the app (which does not know this session: the worker
 * carries on either way).
 */
import { Room } from '@livekit/rtc-node';
import { AccessToken, AgentDispatchClient, RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_AGENT_NAME } from '../../../api/_lib/config';
import { LINES } from '../../../agent/scripts/lines';
import type { Report } from '../../../agent/server-reports';
import { startDevServer, type DevServer } from '../../../dev/server';
import { startHttpTap, type HttpTap } from '../../support/http-tap';
import { canRunRealMedia } from '../../support/real-media';

const SID = 'ac_keypad_survey';
const ko = LINES.ko;

describe.skipIf(!canRunRealMedia)('the agent worker hears a phone keypad', () => {
  let tap: HttpTap;
  let app = '';
  let server: DevServer;
  beforeAll(async () => {
    tap = await startHttpTap(() => app);
    server = await startDevServer({
      port: 0,
      dataDir: null,
      quiet: true,
      functions: 'in-process',
      livekit: 'real',
      agentWorker: true,
      agentWorkerAppUrl: (origin) => ((app = origin), tap.url),
    });
  });
  afterAll(async () => {
    await server?.close();
    await tap?.close();
  });

  const reports = () =>
    tap
      .requests(/^\/api\/agent-worker$/)
      .map((request) => JSON.parse(request.body.toString('utf8')) as Report)
      .filter((report) => 'sid' in report && report.sid === SID);
  const agentSaid = (line: string) =>
    expect
      .poll(() => reports().some((r) => r.type === 'turn' && r.text === line), { timeout: 30_000 })
      .toBe(true);

  test('a Korean survey answered 1, 2, 1 on the keypad is completed', async () => {
    const env = process.env;
    const [key, secret] = [env.LIVEKIT_API_KEY!, env.LIVEKIT_API_SECRET!];
    const apiUrl = env.LIVEKIT_URL!.replace(/^ws/, 'http');
    const room = `agent-${SID}`;
    await new RoomServiceClient(apiUrl, key, secret).createRoom({ name: room });
    const metadata = {
      session_id: SID,
      room,
      callee: { type: 'phone', phone_number: '+821012345678' },
      language: 'ko',
      script: 'survey',
      callee_name: null,
      requested_by: 'backend',
      context: { company_name: 'Acme' },
    };
    await new AgentDispatchClient(apiUrl, key, secret).createDispatch(room, DEFAULT_AGENT_NAME, {
      metadata: JSON.stringify(metadata),
    });

    const token = new AccessToken(key, secret, { identity: 'phone-callee' });
    token.addGrant({ room, roomJoin: true, canPublish: true, canPublishData: true });
    const phone = new Room();
    await phone.connect(env.LIVEKIT_URL!, await token.toJwt(), {
      autoSubscribe: true,
      dynacast: false,
    });
    try {
      for (const [question, digit] of [
        [ko.surveyQ1, '1'],
        [ko.surveyQ2, '2'],
        [ko.surveyQ3, '1'],
      ] as const) {
        await agentSaid(question);
        await phone.localParticipant!.publishDtmf(Number(digit), digit);
      }
      await expect
        .poll(() => reports().find((r) => r.type === 'outcome'), { timeout: 30_000 })
        .toMatchObject({ outcome: 'completed' });
      const turns = reports().flatMap((r) => (r.type === 'turn' ? [[r.speaker, r.text]] : []));
      expect(turns).toEqual([
        ['agent', ko.greet],
        ['agent', ko.surveyIntro.replace('{company}', 'Acme')],
        ['agent', ko.surveyQ1],
        ['callee', '(keypad 1)'],
        ['agent', ko.surveyQ2],
        ['callee', '(keypad 2)'],
        ['agent', ko.surveyQ3],
        ['callee', '(keypad 1)'],
        ['agent', ko.surveyThanks],
      ]);
    } finally {
      await phone.disconnect();
    }
  });
});
