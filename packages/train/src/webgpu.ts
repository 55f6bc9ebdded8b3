/**
 * WebGPU in Node through Dawn (the `webgpu` npm package, over Vulkan; on Linux it needs a Vulkan loader and
 * an ICD: the GPU vendor's driver, or Mesa's lavapipe for a software device). Installs `navigator.gpu` before
 * TF.js's WebGPU backend is imported (the backend reads it at registration), probes for an adapter, and once
 * the backend runs, watches the device: any uncaptured error (a validation error, e.g. a buffer above the
 * storage-binding limit, which otherwise yields silently wrong numbers; out of memory) or a lost device is
 * recorded and turned into a GpuDeviceError at the next `check()`. Synchronous reads do not work here.
 */
import * as tf from "@tensorflow/tfjs-core";
import { BackendUnavailable, GpuDeviceError } from "./errors.js";

/** What the run log says about the GPU. */
export interface GpuInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
}

interface DawnModule {
  create(options: string[]): GPU;
  globals: object;
}

let gpu: GPU | undefined;
const errors: string[] = [];
let watched: GPUDevice | undefined;

async function loadDawn(dawnOptions: readonly string[]): Promise<GPU> {
  if (gpu !== undefined) return gpu;
  let dawn: DawnModule;
  try {
    dawn = await import("webgpu");
  } catch (cause) {
    throw new BackendUnavailable(
      "webgpu",
      "the `webgpu` package (Dawn for Node) does not load on this platform",
      { cause },
    );
  }
  Object.assign(globalThis, dawn.globals);
  gpu = dawn.create([...dawnOptions]);
  // Node 21+ has a read-only `navigator` getter: replace the property rather than assign to it.
  const nav = (globalThis as { navigator?: object }).navigator ?? {};
  Object.defineProperty(globalThis, "navigator", {
    value: Object.assign(Object.create(nav) as object, { gpu }),
    configurable: true,
    writable: true,
  });
  return gpu;
}

/** Finds a GPU adapter through Dawn; throws BackendUnavailable when there is none (no Vulkan driver). */
export async function probeGpu(dawnOptions: readonly string[] = []): Promise<GpuInfo> {
  const g = await loadDawn(dawnOptions);
  const adapter = await g.requestAdapter({ powerPreference: "high-performance" });
  if (adapter === null) {
    throw new BackendUnavailable(
      "webgpu",
      "no GPU adapter found (is a Vulkan loader and driver installed? see the @choreo/train README)",
    );
  }
  const info = adapter.info;
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
  };
}

/** Imports TF.js's WebGPU backend (after `navigator.gpu` exists) and switches to it; watches its device. */
export async function startWebGpu(dawnOptions: readonly string[] = []): Promise<GpuInfo> {
  const info = await probeGpu(dawnOptions);
  await import("@tensorflow/tfjs-backend-webgpu");
  let ok = false;
  try {
    ok = await tf.setBackend("webgpu");
    await tf.ready();
  } catch (cause) {
    throw new BackendUnavailable("webgpu", "the WebGPU backend failed to initialise", { cause });
  }
  // A failed setBackend returns false but leaves the backend name set: trust only the return value.
  if (!ok) throw new BackendUnavailable("webgpu", "setBackend('webgpu') returned false");
  const device = (tf.backend() as unknown as { device: GPUDevice }).device;
  watched = device;
  device.onuncapturederror = (event: GPUUncapturedErrorEvent) => {
    errors.push(event.error.message);
  };
  void device.lost.then((lost) => {
    if (watched === device) errors.push(`device lost (${lost.reason}): ${lost.message}`);
  });
  return info;
}

/** Throws GpuDeviceError if the device reported any error since the last call. */
export function checkGpu(): void {
  if (errors.length > 0) {
    const all = errors.splice(0, errors.length);
    throw new GpuDeviceError(all.join("; "));
  }
}

/** Releases the device so the process can exit (Dawn keeps it alive otherwise). */
export function stopWebGpu(): void {
  if (watched === undefined) return;
  const device = watched;
  watched = undefined;
  tf.engine().reset();
  device.destroy();
}
