/**
 * Test-only WAV reader for the golden fixtures (PCM16, PCM24, IEEE float32), decoding like librosa.load(sr=None):
 * int16/32768, int24/8388608, mono = channel mean in float32. Features must not import @choreo/ingest (same layer),
 * so tests carry this small reader. It does not handle WAVE_FORMAT_EXTENSIBLE or resampling.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

export interface TestAudio {
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
}

export function readTestWav(path: string): TestAudio {
  let bytes = readFileSync(path);
  if (path.endsWith(".gz")) bytes = gunzipSync(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  let format = 0,
    channels = 0,
    rate = 0,
    bits = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString("ascii", offset, offset + 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === "fmt ") {
      format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      rate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
    } else if (id === "data") {
      const width = bits / 8;
      const frames = Math.floor(size / (width * channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < channels; c++) {
          const at = body + (i * channels + c) * width;
          const v =
            format === 3
              ? view.getFloat32(at, true)
              : bits === 16
                ? view.getInt16(at, true) / 32768
                : (view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608;
          sum = Math.fround(sum + v);
        }
        samples[i] = Math.fround(sum / channels);
      }
      return { samples, sampleRateHz: rate };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`no data chunk in ${path}`);
}
