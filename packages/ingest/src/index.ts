export { InvalidFormat, isIngestError } from "./errors.js";
export type { IngestError } from "./errors.js";
export { decodeWav, downmix, encodeWav, readWav, readWavInfo } from "./wav.js";
export type { EncodeWavOptions, ReadWavOptions, WavAudio, WavSampleFormat } from "./wav.js";
export { DecodeFailed, DownloadFailed, MissingFrames, NoAudioStream, NoVideoStream, ToolMissing } from "./errors.js";
export { firstLineSyncOffsetSec, formatLrcTimestamp, lrcSeconds, parseLrc, readLrc } from "./lrc.js";
export type { LrcLine, ParseLrcOptions } from "./lrc.js";
export { autoSlice, formatSlicedJson, lmdSequences, parseSlicedJson } from "./autoSlice.js";
export type { AutoSliceOptions, LmdSequence, SequenceOptions, SliceEntry } from "./autoSlice.js";
