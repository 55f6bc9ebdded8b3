"""numpy/scipy twin of the audio bench's mel stage (librosa is not installed and PyPI is unreachable here).

Same work as librosa.feature.melspectrogram(n_fft=2048, hop 512, 128 mels) on 60 s at 22050 Hz: zero-padded
framing, periodic Hann, numpy rfft (float64, as librosa), |.|**2 in float32, float32 mel projection (BLAS).
The mel bank is a random sparse stand-in with librosa's shape: only the timing is meaningful.
Run: python3 packages/features/bench/librosa_like.py
"""
import time
import numpy as np
import scipy.signal

sr, n_fft, hop = 22050, 2048, 512
y = (np.random.default_rng(0).standard_normal(60 * sr) * 0.1).astype(np.float32)
window = scipy.signal.get_window("hann", n_fft, fftbins=True)
mel_basis = np.zeros((128, 1 + n_fft // 2), np.float32)
for m in range(128):
    mel_basis[m, m * 8 : m * 8 + 16] = 1.0


def mel():
    yp = np.pad(y, n_fft // 2)
    frames = np.lib.stride_tricks.sliding_window_view(yp, n_fft)[::hop].T
    stft = np.fft.rfft(window[:, None] * frames, axis=0).astype(np.complex64)
    power = np.abs(stft) ** 2
    return np.einsum("ft,mf->mt", power, mel_basis, optimize=True)


mel()
runs = []
for _ in range(5):
    t0 = time.perf_counter()
    mel()
    runs.append((time.perf_counter() - t0) * 1000)
ms = sorted(runs)[2]
print(f"numpy mel (60 s, 22050 Hz)  {ms:8.1f} ms  {60 / (ms / 1000):6.0f}x real time  (numpy {np.__version__})")
