export { InvalidFormat, InvalidParameter, isFeaturesError, NonFiniteAudio } from "./errors.js";
export type { FeaturesError } from "./errors.js";
export { hannWindow } from "./window.js";
export { assertFiniteAudio, frameCount, spectrogram, stft } from "./stft.js";
export type { ComplexSpectrogram, PadMode, Spectrogram, SpectrogramOptions, StftOptions } from "./stft.js";
