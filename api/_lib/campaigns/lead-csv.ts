/**
 * Reads an uploaded CSV as it arrives: bytes are counted against the limit, decoded as strict
 * UTF-8 and handed to csv-parse, which yields one record at a time (quoted fields may hold
 * commas, quotes and newlines; a UTF-8 byte-order mark is dropped). A file that is too large,
 * not UTF-8 or not CSV is a clear 4xx with where it went wrong; nothing has been written then.
 */
import { Readable, pipeline } from 'node:stream';
import { AppError, badRequest } from '../errors.js';

/**
 * Under Vercel's 4.5 MB request body limit, which a function cannot raise (about 50,000 rows of
 * a phone number and a few fields). A larger file must be split (docs/campaigns.md).
 */
export const MAX_CSV_BYTES = 4 * 1024 * 1024;

export interface CsvRecord {
  /** The record's number in the file, the header being 1 (a spreadsheet's row number). */
  row: number;
  fields: string[];
}

export async function* readCsv(
  body: ReadableStream<Uint8Array> | null,
  maxBytes = MAX_CSV_BYTES,
): AsyncGenerator<CsvRecord> {
  const { parse, CsvError } = await import('csv-parse');
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  // The parser ends with the source's error (too large, not UTF-8) when the source fails.
  pipeline(Readable.from(decoded(body, maxBytes)), parser, () => {});
  let row = 0;
  try {
    for await (const { record } of parser as AsyncIterable<{ record: string[] }>) {
      row += 1;
      yield { row, fields: record };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as { lines?: number }).lines;
      throw badRequest(
        'invalid_csv',
        `The file is not valid CSV${line ? ` (line ${line})` : ''}: ${error.message}`,
      );
    }
    throw error;
  }
}

async function* decoded(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): AsyncGenerator<string> {
  if (!body) return;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw new AppError(
        'payload_too_large',
        413,
        `The file is larger than ${maxBytes / 1024 / 1024} MB: split it into several uploads.`,
      );
    }
    yield decode(() => decoder.decode(chunk, { stream: true }));
  }
  yield decode(() => decoder.decode());
}

function decode(step: () => string): string {
  try {
    return step();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_ENCODING_INVALID_ENCODED_DATA') throw error;
    throw badRequest(
      'invalid_encoding',
      'The file is not UTF-8 text. Save it as "CSV UTF-8" (Excel in Japanese, Korean, Chinese ' +
        'or Thai saves plain CSV in another encoding).',
    );
  }
}
