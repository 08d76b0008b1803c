import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { CLAIM_LEASE_SECONDS } from '../../api/_lib/db/agent-call-retries';

test('a retry claim outlasts the longest run of the jobs function that holds it', () => {
  const vercel = JSON.parse(readFileSync('vercel.json', 'utf8')) as {
    functions: Record<string, { maxDuration: number }>;
  };
  const jobs = vercel.functions['api/jobs/**'];
  expect(jobs?.maxDuration).toBeGreaterThan(0);
  expect(CLAIM_LEASE_SECONDS).toBeGreaterThan(jobs!.maxDuration);
});
