/**
 * Chooses the TF.js backend at run time: WebAssembly (SIMD, one thread; its .wasm files are read from the
 * installed `@tensorflow/tfjs-backend-wasm` package, never downloaded), else the plain CPU backend.
 * Native (`tfjs-node`) and WebGPU backends are not wired here: they cannot install on every machine, so
 * they would need an optional import; `auto` simply takes the best of what loads. One backend per thread.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { BackendUnavailable } from "./errors.js";

/** Backends this package can run on. */
export type PoseBackend = "wasm" | "cpu";
export type PoseBackendPreference = PoseBackend | "auto";

const require = createRequire(import.meta.url);
let ready: Promise<PoseBackend> | undefined;
let chosenPreference: PoseBackendPreference | undefined;

async function tryBackend(name: PoseBackend): Promise<boolean> {
  if (name === "wasm") setWasmPaths(`${dirname(require.resolve("@tensorflow/tfjs-backend-wasm"))}/`);
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

async function choose(preference: PoseBackendPreference): Promise<PoseBackend> {
  const order: PoseBackend[] = preference === "auto" ? ["wasm", "cpu"] : [preference];
  for (const name of order) {
    if (await tryBackend(name)) return name;
  }
  throw new BackendUnavailable(preference, `none of ${order.join(", ")} could be initialised`);
}

/** Initialises the backend once per thread and returns its name; a different preference later throws. */
export function initBackend(preference: PoseBackendPreference = "auto"): Promise<PoseBackend> {
  if (ready !== undefined) {
    if (preference !== chosenPreference && preference !== "auto" && chosenPreference !== "auto") {
      return Promise.reject(
        new BackendUnavailable(preference, `this thread already runs ${chosenPreference}`),
      );
    }
    return ready;
  }
  chosenPreference = preference;
  ready = choose(preference);
  return ready;
}
