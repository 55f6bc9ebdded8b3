/*
 * choreo's entry point into libsoxr 0.1.3 (LGPL v2.1+): mono float32 resampling with exactly the call sequence of
 * python-soxr 0.3.7 `soxr.resample(x, in_rate, out_rate, quality)` (cysoxr_divide_proc): soxr_create with
 * float32 interleaved I/O, soxr_quality_spec(recipe, 0) and default runtime spec; the input fed in chunks of
 * int(48000·in_rate/out_rate) samples; one flush call (NULL input). Built both natively (goldens, against Debian's
 * libsoxr) and to WebAssembly (scripts/build-soxr-wasm.sh). Returns the number of samples written, or -1.
 */
#include <stddef.h>
#include <soxr.h>

long choreo_soxr_resample(double in_rate, double out_rate, unsigned long recipe, const float *x, size_t ilen,
                          float *y, size_t olen) {
  soxr_error_t err = NULL;
  soxr_io_spec_t io_spec = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  soxr_quality_spec_t quality_spec = soxr_quality_spec(recipe, 0);
  soxr_t soxr = soxr_create(in_rate, out_rate, 1, &err, &io_spec, &quality_spec, NULL);
  if (err != NULL) return -1;
  size_t chunk_len = (size_t)(48000 * in_rate / out_rate);
  size_t odone = 0, out_pos = 0, idx = 0;
  while (idx + chunk_len < ilen) {
    soxr_process(soxr, x + idx, chunk_len, NULL, y + out_pos, olen - out_pos, &odone);
    out_pos += odone;
    idx += chunk_len;
  }
  if (idx < ilen) {
    soxr_process(soxr, x + idx, ilen - idx, NULL, y + out_pos, olen - out_pos, &odone);
    out_pos += odone;
  }
  if (out_pos < olen) {
    soxr_process(soxr, NULL, 0, NULL, y + out_pos, olen - out_pos, &odone);
    out_pos += odone;
  }
  soxr_delete(soxr);
  return (long)out_pos;
}
