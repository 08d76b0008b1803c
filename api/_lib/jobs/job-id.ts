/**
 * The id of one run of a job, written once and used twice: as the QStash deduplication id when
 * the job is scheduled, and as the event id the run records, so a message in QStash's log and a
 * row in the audit table name each other. QStash refuses ':' in a deduplication id ("DeduplicationId
 * cannot contain ':'"), so the id keeps to letters, digits, '-' and '_'; job names are kebab-case,
 * so the first '_' ends the name.
 */
import type { JobName } from './registry.js';

/**
 * `postponed` counts how often the run was moved later: each move is a new message, since QStash
 * keeps a deduplication id for 90 days and would drop the later one as a duplicate.
 */
export function jobId(job: JobName, subject: string, postponed = 0): string {
  return postponed ? `${job}_${subject}_p${postponed}` : `${job}_${subject}`;
}
