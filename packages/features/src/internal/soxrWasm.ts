/**
 * libsoxr 0.1.3 compiled to WebAssembly (`wasm/soxr.wasm`, built by `scripts/build-soxr-wasm.sh`; LGPL v2.1+, see
 * `wasm/NOTICE.md`): mono float32 resampling with python-soxr 0.3.7's call sequence (`soxr.resample(x, in, out,
 * "HQ")`: float32 I/O, chunks of int(48000·in/out) samples, one flush), bit-identical to Debian 12's libsoxr on x86-64.
 * The module is compiled once per process and instantiated once per thread; input and output live in its memory
 * only for the duration of a call. It does not stream, and only quality recipes up to HQ (20 bits) are built.
 */
import { readFileSync } from "node:fs";
import { InvalidParameter } from "../errors.js";

/** libsoxr's recipe numbers (soxr.h): every one of these runs the cr32s engine that the .wasm contains. */
export const SOXR_QUALITY = { QQ: 0, LQ: 1, MQ: 2, HQ: 4 } as const;

// The workspace's lib (ES2023 + node types) has no WebAssembly declarations: the little used here, typed locally.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { readonly exports: unknown };
};

interface SoxrExports {
  readonly memory: WasmMemory;
  readonly _initialize: () => void;
  readonly malloc: (bytes: number) => number;
  readonly free: (ptr: number) => void;
  readonly choreo_soxr_resample: (
    inRate: number,
    outRate: number,
    recipe: number,
    x: number,
    inLength: number,
    y: number,
    outLength: number,
  ) => number;
}

let compiled: object | undefined;
let instance: SoxrExports | undefined;

function soxr(): SoxrExports {
  if (instance !== undefined) return instance;
  compiled ??= new WebAssembly.Module(readFileSync(new URL("../../wasm/soxr.wasm", import.meta.url)));
  let memory: WasmMemory | undefined = undefined;
  const u32 = (ptr: number): Uint32Array => new Uint32Array(memory!.buffer, ptr, 2);
  // libsoxr reads a few tuning variables with getenv and seeds dither from time(); neither affects float output.
  const wasi = {
    environ_sizes_get: (count: number, size: number): number => ((u32(count)[0] = 0), (u32(size)[0] = 0), 0),
    environ_get: (): number => 0,
    clock_time_get: (_id: number, _precision: bigint, out: number): number => (u32(out).fill(0), 0),
  };
  const exports = new WebAssembly.Instance(compiled, {
    wasi_snapshot_preview1: wasi,
    env: { emscripten_notify_memory_growth: () => {} },
  }).exports as SoxrExports;
  memory = exports.memory;
  exports._initialize();
  instance = exports;
  return exports;
}

/**
 * python-soxr 0.3.7 `soxr.resample(x, inRate, outRate, quality)` for mono float32: ⌈n·out/in⌉ samples at most
 * (fewer only if libsoxr's flush falls short, as in python-soxr).
 */
export function soxrResample(
  x: Float32Array,
  inRate: number,
  outRate: number,
  recipe: number = SOXR_QUALITY.HQ,
): Float32Array {
  const lib = soxr();
  const outLength = Math.ceil((x.length * outRate) / inRate);
  const px = lib.malloc(Math.max(1, x.length) * 4);
  const py = lib.malloc(Math.max(1, outLength) * 4);
  if (px === 0 || py === 0)
    throw new InvalidParameter("y", `${x.length} samples do not fit in soxr's WebAssembly memory (2 GiB)`);
  try {
    new Float32Array(lib.memory.buffer, px, x.length).set(x);
    const done = lib.choreo_soxr_resample(inRate, outRate, recipe, px, x.length, py, outLength);
    if (done < 0)
      throw new InvalidParameter(
        "targetSampleRateHz",
        `libsoxr cannot resample ${inRate} Hz to ${outRate} Hz`,
      );
    // The memory may have grown during the call: take a fresh view of it.
    return new Float32Array(lib.memory.buffer, py, done).slice();
  } finally {
    lib.free(px);
    lib.free(py);
  }
}
