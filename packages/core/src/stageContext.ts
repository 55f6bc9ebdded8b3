/**
 * The context a stage runs with: reads and writes artifacts through the store, a scratch directory, the
 * cancel signal. The same object is built in the main thread and in worker threads (from the store root).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { canonicalJson } from "./canonicalJson.js";
import { decodeSafetensors, encodeSafetensors } from "./safetensors.js";
import type { StageContext } from "./stage.js";
import type { Store } from "./store.js";
import { parseArtifactJson, validateMeta, type Artifact, type ArtifactKind, type Json } from "./schema.js";

export interface OwnedStageContext extends StageContext {
  /** Removes scratch directories. */
  dispose(): void;
}

export function createStageContext(options: {
  store: Store;
  item: string;
  signal: AbortSignal;
  log?: (message: string) => void;
}): OwnedStageContext {
  const { store } = options;
  const scratch: string[] = [];
  const make = <TKind extends ArtifactKind>(
    kind: TKind,
    bytes: Uint8Array,
    meta: Record<string, Json> = {},
  ): Artifact<TKind> => {
    validateMeta(kind, meta, `${kind} of ${options.item}`);
    const { digest, size } = store.putBlob(bytes);
    return { kind, digest, size, meta };
  };
  const read = (artifact: Artifact): Buffer => store.readBlob(artifact.digest, artifact.size);
  return {
    signal: options.signal,
    item: options.item,
    read,
    readText: (artifact) => read(artifact).toString("utf8"),
    readJson: (artifact, schema) => parseArtifactJson(artifact, read(artifact), schema),
    readTensors: (artifact) => decodeSafetensors(read(artifact), store.blobPath(artifact.digest)).tensors,
    // Tools read the file themselves, so the check is a pass of its own (once per blob per store object).
    pathOf: (artifact) => store.verifiedPath(artifact.digest, artifact.size),
    write: make,
    writeText: (kind, text, meta) => make(kind, Buffer.from(text, "utf8"), meta),
    writeJson: (kind, value, meta) => make(kind, Buffer.from(canonicalJson(value), "utf8"), meta),
    writeTensors: (kind, tensors, meta) => make(kind, encodeSafetensors(tensors), meta),
    async importFile(kind, path, meta = {}) {
      validateMeta(kind, meta, `${kind} of ${options.item}`);
      const { digest, size } = await store.importFile(path, { remember: false });
      return { kind, digest, size, meta };
    },
    scratchDir() {
      const dir = mkdtempSync(join(store.root, "tmp", `scratch-${process.pid}-`));
      scratch.push(dir);
      return dir;
    },
    log: options.log ?? (() => {}),
    dispose() {
      for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    },
  };
}
