/**
 * choreo's `BatchMatMul` for tfjs-backend-wasm 4.x. The stock kernel sends a product to XNNPACK only when
 * neither operand is transposed and both batches are 1; everything else (weight gradients Xᵀ·dY, input
 * gradients dY·Wᵀ, batched attention products) falls to a scalar triple loop ~40× slower. This kernel makes
 * every product an XNNPACK one: a transposed operand is first transposed inside wasm memory by the backend's
 * own C++ `Transpose`, and a batch is fed one matrix at a time through tensor views registered over the
 * operands' heap memory (no copies, unlike the stock Slice kernel, which copies its whole input per slice).
 * It calls the module's exported `_BatchMatMul`/`_Transpose` with pointers, so it depends on the 4.x
 * export signatures; on anything unexpected it defers to the stock kernel. Results equal the stock kernel's
 * to float rounding (a different summation order), and are deterministic.
 */
import * as tf from "@tensorflow/tfjs-core";

interface WasmExports {
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  _BatchMatMul(
    aId: number,
    aShape: number,
    aRank: number,
    bId: number,
    bShape: number,
    bRank: number,
    transposeA: number,
    transposeB: number,
    outId: number,
  ): void;
  _Transpose(
    xId: number,
    xShape: number,
    xRank: number,
    dtype: number,
    outId: number,
    perm: number,
    permRank: number,
  ): void;
  HEAP32: Int32Array;
  tfjs: { registerTensor(id: number, size: number, offset: number): void; disposeData(id: number): void };
}

/** What this kernel uses of tfjs-backend-wasm's `BackendWasm` (`dataIdNextNumber` is private there). */
interface Backend {
  readonly wasm: unknown;
  readonly dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: "float32"): tf.TensorInfo;
  dataIdNextNumber: number;
}
interface Args {
  inputs: { a: tf.TensorInfo; b: tf.TensorInfo };
  backend: Backend;
  attrs: { transposeA: boolean; transposeB: boolean };
}

const F32 = 4;
/** Scratch for shape and perm arguments: 12 int32 slots, allocated once per module. */
const scratch = new WeakMap<object, number>();

function exportsOf(backend: Backend): WasmExports | undefined {
  const w = backend.wasm as Partial<WasmExports>;
  return typeof w._BatchMatMul === "function" &&
    typeof w._Transpose === "function" &&
    typeof w._malloc === "function" &&
    w.tfjs !== undefined
    ? (w as WasmExports)
    : undefined;
}

/** A wasm-side tensor view over `size` floats at `offset`; the caller unregisters it. */
function view(backend: Backend, w: WasmExports, offset: number, size: number): number {
  const id = backend.dataIdNextNumber++;
  w.tfjs.registerTensor(id, size, offset);
  return id;
}

function setInts(w: WasmExports, ptr: number, values: readonly number[]): number {
  w.HEAP32.set(values, ptr / 4);
  return ptr;
}

/** out[M, N] ← a[M, K] · b[K, N] for one matrix; `bId` is a view of b (XNNPACK caches its packed weights by id). */
function xnnProduct(
  backend: Backend,
  w: WasmExports,
  ptrs: { a: number; out: number },
  dims: { m: number; k: number; n: number },
  bId: number,
): void {
  const args = scratch.get(w)!;
  const aId = view(backend, w, ptrs.a, dims.m * dims.k);
  const outId = view(backend, w, ptrs.out, dims.m * dims.n);
  w._BatchMatMul(
    aId,
    setInts(w, args, [1, dims.m, dims.k]),
    3,
    bId,
    setInts(w, args + 12, [1, dims.k, dims.n]),
    3,
    0,
    0,
    outId,
  );
  w.tfjs.disposeData(aId);
  w.tfjs.disposeData(outId);
}

/** dst[cols, rows] ← src[rows, cols]ᵀ through the backend's C++ Transpose. */
function transposeInto(
  backend: Backend,
  w: WasmExports,
  src: number,
  dst: number,
  rows: number,
  cols: number,
): void {
  const args = scratch.get(w)! + 24;
  const x = view(backend, w, src, rows * cols);
  const out = view(backend, w, dst, rows * cols);
  w._Transpose(x, setInts(w, args, [rows, cols]), 2, 0, out, setInts(w, args + 8, [1, 0]), 2);
  w.tfjs.disposeData(x);
  w.tfjs.disposeData(out);
}

const size = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/** The kernel function; `stock` handles what it does not (non-float32, general broadcasting). */
export function createBatchMatMul(stock: tf.KernelFunc): tf.KernelFunc {
  return (raw) => {
    const { inputs, backend, attrs } = raw as unknown as Args;
    const { a, b } = inputs;
    const w = exportsOf(backend);
    const ra = a.shape.length;
    const rb = b.shape.length;
    const [batchA, batchB] = [size(a.shape.slice(0, -2)), size(b.shape.slice(0, -2))];
    const m = attrs.transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
    const k = attrs.transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
    const n = attrs.transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
    const kb = attrs.transposeB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
    const simple = batchA === batchB || batchA === 1 || batchB === 1;
    if (
      w === undefined ||
      a.dtype !== "float32" ||
      b.dtype !== "float32" ||
      !simple ||
      k !== kb ||
      m * n * k === 0
    )
      return stock(raw);
    if (!scratch.has(w)) scratch.set(w, w._malloc(64));
    const outerShape = tf.broadcast_util.assertAndGetBroadcastShape(
      a.shape.slice(0, -2),
      b.shape.slice(0, -2),
    );
    const batch = Math.max(batchA, batchB);
    const out = backend.makeOutput([...outerShape, m, n], "float32");
    const offsetOf = (t: tf.TensorInfo): number => backend.dataIdMap.get(t.dataId)!.memoryOffset;
    const [aBase, bBase, outBase] = [offsetOf(a), offsetOf(b), offsetOf(out)];
    // Operands in [K, N] / [M, K] layout: transposed ones go through scratch buffers (B once when shared).
    const tmpA = attrs.transposeA ? w._malloc(m * k * F32) >>> 0 : 0;
    const tmpB = attrs.transposeB ? w._malloc(k * n * F32) >>> 0 : 0;
    const dims = { m, k, n };
    try {
      if (batchB === 1) {
        // One B for the whole batch: one view, so XNNPACK packs it once.
        if (attrs.transposeB) transposeInto(backend, w, bBase, tmpB, n, k);
        const bId = view(backend, w, attrs.transposeB ? tmpB : bBase, k * n);
        if (!attrs.transposeA)
          xnnProduct(backend, w, { a: aBase, out: outBase }, { m: m * batchA, k, n }, bId); // [batch·M, K] at once
        for (let i = 0; attrs.transposeA && i < batchA; i++) {
          transposeInto(backend, w, aBase + i * m * k * F32, tmpA, k, m);
          xnnProduct(backend, w, { a: tmpA, out: outBase + i * m * n * F32 }, dims, bId);
        }
        w.tfjs.disposeData(bId);
        return out;
      }
      for (let i = 0; i < batch; i++) {
        const ai = aBase + (batchA === 1 ? 0 : i) * m * k * F32;
        const bi = bBase + i * k * n * F32;
        if (attrs.transposeA && (i === 0 || batchA > 1)) transposeInto(backend, w, ai, tmpA, k, m);
        if (attrs.transposeB) transposeInto(backend, w, bi, tmpB, n, k);
        const bId = view(backend, w, attrs.transposeB ? tmpB : bi, k * n);
        xnnProduct(
          backend,
          w,
          { a: attrs.transposeA ? tmpA : ai, out: outBase + i * m * n * F32 },
          dims,
          bId,
        );
        w.tfjs.disposeData(bId);
      }
      return out;
    } finally {
      if (tmpA !== 0) w._free(tmpA);
      if (tmpB !== 0) w._free(tmpB);
    }
  };
}

let stockKernel: tf.KernelConfig | undefined;

/**
 * Replaces the wasm backend's BatchMatMul with choreo's (`fast: true`) or restores the stock one (`false`,
 * for comparisons). Idempotent; takes effect for kernels run afterwards.
 */
export function useFastWasmMatMul(fast = true): void {
  const current = tf.getKernel("BatchMatMul", "wasm");
  if (current === undefined) return;
  stockKernel ??= current;
  tf.unregisterKernel("BatchMatMul", "wasm");
  // The stock setup (its cwrap) stays, for the cases the fast kernel hands back to it.
  const fastKernel: tf.KernelConfig = {
    ...stockKernel,
    kernelFunc: createBatchMatMul(stockKernel.kernelFunc),
  };
  tf.registerKernel(fast ? fastKernel : stockKernel);
}
