export { InvalidFormat, InvalidParameter, isFeaturesError, NonFiniteAudio } from "./errors.js";
export type { FeaturesError } from "./errors.js";
export { hannWindow } from "./window.js";
export { assertFiniteAudio, frameCount, spectrogram, stft } from "./stft.js";
export type { ComplexSpectrogram, PadMode, Spectrogram, SpectrogramOptions, StftOptions } from "./stft.js";
export { amplitudeToDb, powerToDb } from "./db.js";
export type { DbOptions } from "./db.js";
export { applyMelFilterBank, hzToMel, melFilterBank, melSpectrogram, melToHz } from "./mel.js";
export type { MelFilterBank, MelOptions, MelSpectrogramOptions } from "./mel.js";
export { mfcc, mfccFromDb } from "./mfcc.js";
export type { MfccOptions } from "./mfcc.js";
export { delta } from "./delta.js";
export type { DeltaOptions } from "./delta.js";
export { onsetDetect, onsetStrength, onsetStrengthFromDb } from "./onset.js";
export type { OnsetDetectOptions, OnsetOptions, OnsetStrengthOptions } from "./onset.js";
export { peakPick } from "./peakPick.js";
export type { PeakPickOptions } from "./peakPick.js";
export { estimateTempo, tempoFrequencies, tempogram } from "./tempogram.js";
export type { Tempogram, TempoEstimate, TempogramOptions, TempoOptions } from "./tempogram.js";
export { beatTrack } from "./beat.js";
export type { BeatTrack, BeatTrackOptions } from "./beat.js";
export { hpss, hpssComplex, hpssMasks } from "./hpss.js";
export type { HpssOptions } from "./hpss.js";
export {
  computeGenericFeatureSet,
  GENERIC_FEATURE_SETS,
  isGenericFeatureSet,
} from "./featureSets/genericFeatureSets.js";
export type {
  GenericFeatureSet,
  GenericFeatureSetOptions,
  FeatureSetOutput,
} from "./featureSets/genericFeatureSets.js";
export {
  justlmdFeatures,
  JUSTLMD_HOP_LENGTH,
  JUSTLMD_N_MELS,
  JUSTLMD_SAMPLE_RATE_HZ,
} from "./featureSets/justlmd.js";
export type { FrameFeatures, JustlmdOptions } from "./featureSets/justlmd.js";
export { resample, resamplePoly } from "./resample.js";
export type { ResampleOptions, ResampleType } from "./resample.js";
export { audioFeatureTools } from "./audioFeatureTools.js";
export { estimateTuning, pitchTuning } from "./tuning.js";
export type { EstimateTuningOptions } from "./tuning.js";
export { chromaFilterBank, chromaStft } from "./chroma.js";
export type { ChromaStftOptions } from "./chroma.js";
export { cqt, cqtMagnitude } from "./cqt.js";
export type { CqtOptions } from "./cqt.js";
export { C1_HZ, cqtFrequencies } from "./cqtFilters.js";
export {
  chromaCens,
  chromaCensFromMagnitude,
  chromaCqt,
  chromaCqtFromMagnitude,
  cqToChroma,
} from "./chromaCqt.js";
export type { ChromaCensOptions, ChromaCqtOptions, ChromaFromCqtOptions } from "./chromaCqt.js";
export {
  CHROMA_FEATURE_SETS,
  computeChromaFeatureSet,
  isChromaFeatureSet,
} from "./featureSets/chromaFeatureSets.js";
export type { ChromaFeatureSet } from "./featureSets/chromaFeatureSets.js";
export { AIST_FEATURE_SETS, computeAistFeatureSet, isAistFeatureSet } from "./featureSets/aistFeatureSets.js";
export type { AistFeatureSet, AistFeatureSetOptions } from "./featureSets/aistFeatureSets.js";
export { EDGE35_FPS, EDGE35_SAMPLE_RATE_HZ, edge35Features } from "./featureSets/edge35.js";
export type { Edge35Options } from "./featureSets/edge35.js";
export { FACT35_FPS, FACT35_SAMPLE_RATE_HZ, fact35Features } from "./featureSets/fact35.js";
export { BASELINE35_COLUMNS } from "./featureSets/baseline35.js";
export type { Baseline35Options } from "./featureSets/baseline35.js";
export {
  BAILANDO438_BEAT_COLUMN,
  BAILANDO438_N_FEATURES,
  BAILANDO438_SAMPLE_RATE_HZ,
  bailando438Features,
} from "./featureSets/bailando438.js";
export type { Bailando438Options } from "./featureSets/bailando438.js";
export {
  computeFeatureSet,
  FEATURE_SETS,
  featureSetSampleRateHz,
  isFeatureSet,
} from "./featureSets/featureSet.js";
export type { FeatureSetName, FeatureSetOptions } from "./featureSets/featureSet.js";
export { ModelDownloadFailed, ModelLoadFailed, ModelNotFound } from "./errors.js";
export { meanPool } from "./textEmbedding.js";
export type { TextEmbedder, TokenEmbeddings } from "./textEmbedding.js";
export {
  BERT_MODEL_FILES,
  bertModelFolder,
  DEFAULT_BERT_MODEL_ID,
  loadBertModel,
  missingBertFile,
  transformersVersion,
} from "./bertModel.js";
export type { BertModel, BertModelOptions } from "./bertModel.js";
export { bertHubModelId, ensureBertModel } from "./bertDownload.js";
export { bertModelDigest } from "./bertDigest.js";
export { activeLyricLines, embedLyricSequence } from "./lyricsEmbedding.js";
export type {
  LyricEmbedding,
  LyricEmbeddingOptions,
  LyricFrameAlignment,
  LyricSequence,
  TimedLyricLine,
} from "./lyricsEmbedding.js";
export { createLyricEmbeddingStage, DEFAULT_MODELS_DIR, lyricEmbeddingStage } from "./stages.js";
export type { LyricEmbeddingStageConfig } from "./stages.js";
export { directogram, rhythmPeaks } from "./motionRhythm.js";
