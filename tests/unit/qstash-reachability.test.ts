import { afterEach, expect, test } from 'vitest';
import { resetConfig } from '../../api/_lib/config';
import { scheduleJob } from '../../api/_lib/qstash/jobs';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetConfig();
});

test('real QStash with a localhost job URL (vercel dev, no PUBLIC_BASE_URL) is refused with what to set', async () => {
  for (const name of ['QSTASH_URL', 'PUBLIC_BASE_URL', 'VERCEL_URL', 'VERCEL_ENV']) {
    delete process.env[name];
  }
  Object.assign(process.env, {
    LINE_LOGIN_CHANNEL_ID: '1234567890',
    LIVEKIT_API_KEY: 'key',
    LIVEKIT_API_SECRET: 'secret-of-at-least-thirty-two-characters',
    QSTASH_TOKEN: 'token',
    QSTASH_CURRENT_SIGNING_KEY: 'sig_current',
    QSTASH_NEXT_SIGNING_KEY: 'sig_next',
  });
  resetConfig();
  const job = scheduleJob(
    'ring-timeout',
    { callId: '0f8fad5b-d9cb-469f-a165-70867728950e' },
    { delaySeconds: 60, deduplicationId: 'x' },
  );
  await expect(job).rejects.toMatchObject({ code: 'misconfigured', status: 503 });
  await expect(job).rejects.toThrow('Set PUBLIC_BASE_URL');
});
