// Types for the emscripten module of @echogarden/pffft-wasm 0.4.2 (the package ships none): the calls used here.
declare module "@echogarden/pffft-wasm/simd" {
  export interface PffftModule {
    readonly HEAPF32: Float32Array;
    _pffft_new_setup(size: number, transform: number): number;
    _pffft_transform_ordered(
      setup: number,
      input: number,
      output: number,
      work: number,
      direction: number,
    ): void;
    _pffft_aligned_malloc(bytes: number): number;
  }
  const createPffft: () => Promise<PffftModule>;
  export default createPffft;
}
