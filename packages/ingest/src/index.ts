export { InvalidFormat, isIngestError } from "./errors.js";
export type { IngestError } from "./errors.js";
export { decodeWav, downmix, encodeWav, readWav, readWavInfo } from "./wav.js";
export type { EncodeWavOptions, ReadWavOptions, WavAudio, WavSampleFormat } from "./wav.js";
export {
  DecodeFailed,
  DownloadFailed,
  MissingFrames,
  NoAudioStream,
  NoVideoStream,
  ToolMissing,
} from "./errors.js";
export { firstLineSyncOffsetSec, formatLrcTimestamp, lrcSeconds, parseLrc, readLrc } from "./lrc.js";
export type { LrcLine, ParseLrcOptions } from "./lrc.js";
export { autoSlice, formatSlicedJson, lmdSequences, parseSlicedJson } from "./autoSlice.js";
export type { AutoSliceOptions, LmdSequence, SequenceOptions, SliceEntry } from "./autoSlice.js";
export { findFfmpeg, findOnPath } from "./ffmpeg.js";
export type { FfmpegTools } from "./ffmpeg.js";
export { decodeAudio, parseRate, probeMedia } from "./media.js";
export { loadAudio } from "./loadAudio.js";
export type { LoadAudioOptions, MonoAudio } from "./loadAudio.js";
export { arrayJson, readArrayValues, writeArrayFile } from "./arrayFile.js";
export type { NumericArray } from "./arrayFile.js";
export type {
  AudioStreamInfo,
  DecodeAudioOptions,
  MediaInfo,
  PcmAudio,
  StreamInfo,
  VideoStreamInfo,
} from "./media.js";
export { decodeVideoFrames, forEachVideoFrame, videoFrameSize } from "./videoFrames.js";
export type { CropMode, DecodeVideoOptions, VideoFrame } from "./videoFrames.js";
export {
  formatSmplFull,
  frameKey,
  fullPoses,
  lmdDance,
  missingFrames,
  parseSmplFull,
  readEasyMocapFolder,
  readSmplFull,
  smplMotion,
  writeSmplFull,
} from "./easymocap.js";
export type { EasyMocapFrame, EasyMocapPerson, SmplFull, SmplMotion } from "./easymocap.js";
export { fetchTitle, fetchVideo, isRemote, localPath } from "./download.js";
export type { FetchVideoOptions } from "./download.js";
export {
  listReleaseSongs,
  parseSongManifest,
  parseUrlManifest,
  readManifest,
  RELEASE_FILES,
  songFolderName,
} from "./justlmd.js";
export type { ManifestSong, ManifestVideo, ReleaseSong } from "./justlmd.js";
export { MissingSource, ShapeMismatch, UnsafePickle } from "./errors.js";
export { createNdArray, isNdArray, sizeOfShape, toFloat32, toFloat64, toNumbers } from "./ndarray.js";
export type { DType, DTypeArrays, NdArray } from "./ndarray.js";
export { parsePickle, PickleDtype, readPickle } from "./pickle.js";
export type { ObjectArray, PickleDict, PickleOptions, PickleValue } from "./pickle.js";
export { encodeNpy, parseNpy, readNpy, writeNpy } from "./npy.js";
export type { NpyReadOptions } from "./npy.js";
export { attemptRead } from "./readResult.js";
export type { ReadResult } from "./readResult.js";
export {
  aistppGenres,
  aistppMusicId,
  aistppMusicIdIn,
  aistppMusicPath,
  aistppSequenceOfVideo,
  aistppTempoBpm,
  aistppVideoName,
  aistppViews,
  findAistppMusic,
  parseAistppName,
} from "./aistppName.js";
export type { AistppGenre, AistppName } from "./aistppName.js";
export {
  aistppFps,
  AistppCameraSchema,
  parseAistppKeypoints2d,
  parseAistppKeypoints3d,
  parseAistppMotion,
  readAistppCameraMapping,
  readAistppCameras,
  readAistppCamerasOf,
  readAistppIgnoreList,
  readAistppKeypoints2d,
  readAistppKeypoints3d,
  readAistppMotion,
  readAistppSplit,
} from "./aistpp.js";
export type { AistppCamera, AistppKeypoints2d, AistppKeypoints3d, AistppMotion } from "./aistpp.js";
export {
  genreCodeOfFileName,
  genreOfClip,
  keypointsPathOf,
  listIndvClips,
  parseKeypointsClip,
  readGenreLabels,
  readIndvGenreManifest,
  readIndvVideoList,
  readKeypointsClip,
} from "./indv.js";
export type { IndvClip, GenreLabels, IndvVideo } from "./indv.js";
export {
  aistppKeypoints2dStage,
  aistppKeypoints3dStage,
  aistppMotionStage,
  indvKeypointsStage,
  decodeAudioStage,
  lrcSliceStage,
  readWavStage,
  smplFullStage,
} from "./stages.js";
