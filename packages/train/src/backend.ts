/**
 * Chooses the TF.js backend once per process: `tensorflow` (`@tensorflow/tfjs-node-gpu`, else
 * `@tensorflow/tfjs-node`, when the user installed one: never a dependency, they download libtensorflow),
 * `webgpu` (Dawn, when a GPU adapter exists), `wasm` (SIMD, one thread; its .wasm files come from the
 * installed package, never the network; choreo's XNNPACK BatchMatMul replaces the stock one), `cpu`. `auto` takes the first that starts, in that order; the result
 * names the backend and why it was chosen (and why the better ones were not), for the run log.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { BackendUnavailable, isTrainError } from "./errors.js";
import { useFastWasmMatMul } from "./wasmMatMul.js";
import { checkGpu, probeGpu, startWebGpu, stopWebGpu, type GpuInfo } from "./webgpu.js";

export const BACKENDS = ["tensorflow", "webgpu", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendPreference = BackendName | "auto";

/** The running backend and how it was chosen. */
export interface BackendChoice {
  readonly name: BackendName;
  /** One line for the run log: why this backend runs. */
  readonly reason: string;
  /** Why each better candidate was passed over (auto only). */
  readonly skipped: Readonly<Record<string, string>>;
  readonly gpu?: GpuInfo;
  /** The native package that provides `tensorflow`, when that runs. */
  readonly nativePackage?: string;
}

export interface BackendOptions {
  /** Dawn toggles, e.g. `["backend=vulkan"]` or `["adapter=NVIDIA"]`. */
  readonly dawnOptions?: readonly string[];
  /** The wasm backend's BatchMatMul: choreo's (`xnnpack`, default) or tfjs's own (`stock`, for comparisons). */
  readonly wasmMatMul?: "xnnpack" | "stock";
}

const require = createRequire(import.meta.url);

async function startTensorflow(): Promise<string> {
  for (const pkg of ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"]) {
    try {
      await import(/* @vite-ignore */ pkg);
    } catch {
      continue;
    }
    if (await tf.setBackend("tensorflow")) return pkg;
  }
  throw new BackendUnavailable(
    "tensorflow",
    "neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed",
  );
}

async function startSimple(name: "wasm" | "cpu", options: BackendOptions): Promise<void> {
  if (name === "wasm") {
    setWasmPaths(`${dirname(require.resolve("@tensorflow/tfjs-backend-wasm"))}/`);
    useFastWasmMatMul(options.wasmMatMul !== "stock");
  }
  let ok = false;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch (cause) {
    throw new BackendUnavailable(name, "failed to initialise", { cause });
  }
  if (!ok || tf.getBackend() !== name) throw new BackendUnavailable(name, "setBackend returned false");
}

async function start(
  name: BackendName,
  options: BackendOptions,
): Promise<Omit<BackendChoice, "reason" | "skipped">> {
  switch (name) {
    case "tensorflow":
      return { name, nativePackage: await startTensorflow() };
    case "webgpu":
      return { name, gpu: await startWebGpu(options.dawnOptions ?? []) };
    case "wasm":
    case "cpu":
      await startSimple(name, options);
      return { name };
  }
}

let current: Promise<BackendChoice> | undefined;

async function choose(preference: BackendPreference, options: BackendOptions): Promise<BackendChoice> {
  if (preference !== "auto") {
    const started = await start(preference, options);
    return { ...started, reason: `asked for with --backend ${preference}`, skipped: {} };
  }
  const skipped: Record<string, string> = {};
  for (const name of BACKENDS) {
    try {
      if (name === "webgpu") {
        // A CPU-emulated adapter (Mesa's lavapipe, SwiftShader) is slower than wasm: auto takes only real GPUs.
        const gpu = await probeGpu(options.dawnOptions ?? []);
        if (isSoftwareAdapter(gpu)) {
          skipped[name] = `only a software adapter (${describeGpu(gpu)}); use --backend webgpu to run on it`;
          continue;
        }
      }
      const started = await start(name, options);
      const why =
        name === "tensorflow"
          ? `${started.nativePackage} is installed`
          : name === "webgpu"
            ? `a GPU adapter was found (${describeGpu(started.gpu)})`
            : name === "wasm"
              ? "no native TensorFlow and no GPU adapter"
              : "the wasm backend did not start";
      return { ...started, reason: `auto: ${why}`, skipped };
    } catch (error) {
      skipped[name] = isTrainError(error) ? error.message : String(error);
    }
  }
  throw new BackendUnavailable("auto", `no backend could be initialised: ${JSON.stringify(skipped)}`);
}

/** Starts the backend once per process; later calls return the same choice (a different explicit one throws). */
export function initBackend(
  preference: BackendPreference = "auto",
  options: BackendOptions = {},
): Promise<BackendChoice> {
  if (current !== undefined) {
    return current.then((c) => {
      if (preference !== "auto" && preference !== c.name)
        throw new BackendUnavailable(preference, `this process already runs ${c.name}`);
      return c;
    });
  }
  current = choose(preference, options);
  current.catch(() => (current = undefined));
  return current;
}

/** True for CPU-emulated adapters (lavapipe/llvmpipe, SwiftShader). */
export function isSoftwareAdapter(gpu: GpuInfo): boolean {
  return /llvmpipe|lavapipe|swiftshader|software/i.test(
    `${gpu.vendor} ${gpu.architecture} ${gpu.device} ${gpu.description}`,
  );
}

/** One line describing a GPU adapter. */
export function describeGpu(gpu: GpuInfo | undefined): string {
  if (gpu === undefined) return "none";
  return (
    [gpu.vendor, gpu.architecture, gpu.device, gpu.description].filter((s) => s !== "").join(" / ") ||
    "unnamed adapter"
  );
}

/** Throws GpuDeviceError if the WebGPU device reported an error; a no-op on other backends. */
export function checkBackend(): void {
  checkGpu();
}

/** Releases backend resources (the WebGPU device) so the process can exit. */
export function shutdownBackend(): void {
  stopWebGpu();
}
