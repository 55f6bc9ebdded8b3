"""librosa twin of bench/audioRows.ts for `pnpm bench audio --compare [--python PATH]` (issue 15's table).

A line protocol on stdin/stdout so that the TypeScript bench can alternate choreo and librosa runs in one session:
`setup ROW` builds the row's audio and runs it once (numba JIT, caches) and answers `ok`; `run ROW` answers the
milliseconds of one warm run. Audio: fixture b (22.05 kHz) or c (44.1 kHz) from the fixtures folder given as the
first argument, loaded with librosa.load(sr=None), resampled with soxr_hq, tiled to the row's length.
Needs librosa 0.10/0.11 with soxr. It does not compare outputs (the vitest goldens do that).
"""
import sys
import time

import librosa
import numpy as np

FIXTURES = sys.argv[1]


def audio(seconds, rate):
    y, sr = librosa.load(f"{FIXTURES}/{'c' if rate == 44100 else 'b'}.wav", sr=None)
    if sr != rate:
        y = librosa.resample(y, orig_sr=sr, target_sr=rate, res_type="soxr_hq")
    return np.resize(y, seconds * rate)


def mel_chain(y, sr):
    db = librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=sr))
    librosa.feature.mfcc(S=db, n_mfcc=20)
    librosa.onset.onset_detect(onset_envelope=librosa.onset.onset_strength(S=db, sr=sr), sr=sr)
    librosa.beat.beat_track(onset_envelope=librosa.onset.onset_strength(S=db, sr=sr, aggregate=np.median), sr=sr)


def justlmd(y, sr):
    for start in range(0, 175, 6):
        clip = y[start * sr : (start + 6) * sr]
        db = librosa.power_to_db(
            librosa.feature.melspectrogram(y=clip, sr=sr, n_fft=2048, hop_length=601, n_mels=128), ref=np.max
        )
        ((db - db.mean()) / db.std()).T


def baseline35(y, sr, chop):
    """Stanford-TML/EDGE baseline_features.extract (FACT's recipe at 60 fps), start_bpm 100."""
    envelope = librosa.onset.onset_strength(y=y, sr=sr)
    mfcc = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=20).T
    chroma = librosa.feature.chroma_cens(y=y, sr=sr, hop_length=512, n_chroma=12).T
    peak_idxs = librosa.onset.onset_detect(onset_envelope=envelope.flatten(), sr=sr, hop_length=512)
    peak_onehot = np.zeros_like(envelope, dtype=np.float32)
    peak_onehot[peak_idxs] = 1.0
    _, beat_idxs = librosa.beat.beat_track(
        onset_envelope=envelope, sr=sr, hop_length=512, start_bpm=100, tightness=100
    )
    beat_onehot = np.zeros_like(envelope, dtype=np.float32)
    beat_onehot[beat_idxs] = 1.0
    feat = np.concatenate([envelope[:, None], mfcc, chroma, peak_onehot[:, None], beat_onehot[:, None]], axis=-1)
    return feat[: 5 * 30] if chop else feat


def bailando438(y, sr):
    """lisiyao21/Bailando extract_acoustic_feature with librosa 0.11 defaults (as bailando438.ts)."""
    mfcc = librosa.feature.mfcc(S=librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=sr), ref=np.max), n_mfcc=20)
    mfcc_delta = librosa.feature.delta(mfcc, width=3)
    harmonic, percussive = librosa.effects.hpss(y)
    chroma = librosa.feature.chroma_cqt(y=harmonic, sr=sr, n_octaves=7)
    envelope = librosa.onset.onset_strength(y=percussive, sr=sr, aggregate=np.median)
    tempogram = librosa.feature.tempogram(onset_envelope=envelope, sr=sr)
    _, beats = librosa.beat.beat_track(onset_envelope=envelope, sr=sr)
    onehot = np.zeros_like(envelope)
    onehot[beats] = 1.0
    return np.concatenate([mfcc, mfcc_delta, chroma, envelope[None], onehot[None], tempogram], axis=0).T


ROWS = {
    "mel60": (60, 22050, mel_chain),
    "mel180": (180, 22050, mel_chain),
    "mel180x44": (180, 44100, mel_chain),
    "chromaStft": (60, 22050, lambda y, sr: librosa.feature.chroma_stft(y=y, sr=sr)),
    "chromaCens": (60, 22050, lambda y, sr: librosa.feature.chroma_cens(y=y, sr=sr)),
    "chromaCqt": (60, 22050, lambda y, sr: librosa.feature.chroma_cqt(y=y, sr=sr)),
    "tempogram": (180, 22050, lambda y, sr: librosa.feature.tempogram(y=y, sr=sr)),
    "justlmd": (180, 18000, justlmd),
    "edge35": (180, 15360, lambda y, sr: baseline35(y, sr, chop=True)),
    "fact35": (180, 30720, lambda y, sr: baseline35(y, sr, chop=False)),
    "bailando438": (180, 30720, bailando438),
    "resample": (180, 22050, lambda y, sr: librosa.resample(y, orig_sr=sr, target_sr=15360, res_type="soxr_hq")),
}

signals = {}
for line in sys.stdin:
    command, row = line.split()
    seconds, rate, fn = ROWS[row]
    if command == "setup":
        signals[row] = audio(seconds, rate)
        fn(signals[row], rate)
        print("ok", flush=True)
    else:
        t0 = time.perf_counter()
        fn(signals[row], rate)
        print(f"{(time.perf_counter() - t0) * 1000:.3f}", flush=True)
