/**
 * The one place that may download a model: `ensureBertModel` returns the local BERT folder, fetching the
 * missing `BERT_MODEL_FILES` from the hub (`<hubUrl>/<hubModelId>/resolve/<revision>/<file>`) only when the
 * caller set `allowDownload: true`; otherwise a missing file is a `ModelNotFound` naming the folder. Files are
 * streamed to `<file>.tmp-<pid>` and renamed, so an interrupted download never leaves a truncated model file.
 * It does not verify checksums against the hub; the folder's digest (bertDigest.ts) keys whatever was fetched.
 */
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import {
  bertModelFolder,
  BERT_MODEL_FILES,
  DEFAULT_BERT_MODEL_ID,
  missingBertFile,
  type BertModelOptions,
} from "./bertModel.js";
import { ModelDownloadFailed, ModelNotFound } from "./errors.js";

/** The hub repository downloads come from: `Xenova/bert-base-uncased` has the ONNX export of the default. */
export function bertHubModelId(options: BertModelOptions): string {
  const modelId = options.modelId ?? DEFAULT_BERT_MODEL_ID;
  return options.hubModelId ?? (modelId === DEFAULT_BERT_MODEL_ID ? `Xenova/${modelId}` : modelId);
}

/**
 * The local model folder of `options`, complete. Downloads missing files only with `allowDownload: true`;
 * otherwise throws `ModelNotFound` (folder and first missing file named).
 */
export async function ensureBertModel(options: BertModelOptions): Promise<string> {
  const folder = bertModelFolder(options);
  const missing = missingBertFile(folder);
  if (missing === undefined) return folder;
  if (options.allowDownload !== true) throw new ModelNotFound(folder, missing);
  const base = `${(options.hubUrl ?? "https://huggingface.co").replace(/\/$/, "")}/${bertHubModelId(options)}`;
  for (const file of BERT_MODEL_FILES) {
    if (existsSync(join(folder, file))) continue;
    await downloadFile(`${base}/resolve/${options.revision ?? "main"}/${file}`, join(folder, file));
  }
  return folder;
}

async function downloadFile(url: string, path: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: "follow" });
  } catch (cause) {
    throw new ModelDownloadFailed(url, "request failed", { cause });
  }
  if (!response.ok || response.body === null) {
    throw new ModelDownloadFailed(url, `HTTP ${response.status} ${response.statusText}`);
  }
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await pipeline(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), createWriteStream(tmp));
    await rename(tmp, path);
  } catch (cause) {
    await rm(tmp, { force: true });
    throw new ModelDownloadFailed(url, "download interrupted", { cause });
  }
}
