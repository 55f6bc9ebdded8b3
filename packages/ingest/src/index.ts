export { InvalidFormat, isIngestError } from "./errors.js";
export type { IngestError } from "./errors.js";
export { decodeWav, downmix, encodeWav, readWav, readWavInfo } from "./wav.js";
export type { EncodeWavOptions, ReadWavOptions, WavAudio, WavSampleFormat } from "./wav.js";
