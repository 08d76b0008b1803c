import { describe, expect, test } from 'vitest';
import { jobId } from '../../api/_lib/jobs/job-id';
import { JOBS, type JobName } from '../../api/_lib/jobs/registry';

describe('jobId', () => {
  test.each([
    [
      'ring-timeout',
      '0f8fad5b-d9cb-469f-a165-70867728950e',
      0,
      'ring-timeout_0f8fad5b-d9cb-469f-a165-70867728950e',
    ],
    ['agent-ring-timeout', 'ac_Ab-9_xYz', 0, 'agent-ring-timeout_ac_Ab-9_xYz'],
    ['dial-out', 'ac_Ab-9_xYz', 0, 'dial-out_ac_Ab-9_xYz'],
    ['execute-retry', '42', 0, 'execute-retry_42'],
    ['execute-retry', '42', 2, 'execute-retry_42_p2'],
    [
      'sweep',
      '0f8fad5b-d9cb-469f-a165-70867728950e',
      0,
      'sweep_0f8fad5b-d9cb-469f-a165-70867728950e',
    ],
  ] as [JobName, string, number, string][])(
    '%s of %s (postponed %i) → %s',
    (job, subject, postponed, id) => {
      expect(jobId(job, subject, postponed)).toBe(id);
    },
  );

  // QStash answers 400 "DeduplicationId cannot contain ':'"; the rest keeps ids readable in logs.
  test.each(Object.keys(JOBS) as JobName[])('%s: letters, digits, "-" and "_" only', (job) => {
    expect(jobId(job, 'ac_Ab-9_xYz', 3)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  test.each(Object.keys(JOBS) as JobName[])('%s: the name ends at the first "_"', (job) => {
    expect(jobId(job, 'ac_Ab-9_xYz').split('_')[0]).toBe(job);
  });
});
