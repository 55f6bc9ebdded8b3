/**
 * The result of reading one item of a dataset (a sequence, a clip): expected failures such as a missing
 * or garbled file come back as `{ ok: false, error }` so a build can record them and go on.
 */
import { isIngestError, type IngestError } from "./errors.js";

/** One item's outcome. */
export type ReadResult<TValue> =
  { readonly ok: true; readonly value: TValue } | { readonly ok: false; readonly error: IngestError };

/** Runs `read`, turning an ingest error into `{ ok: false }`; any other error is a bug and is rethrown. */
export async function attemptRead<TValue>(read: () => Promise<TValue> | TValue): Promise<ReadResult<TValue>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (isIngestError(error)) return { ok: false, error };
    throw error;
  }
}
