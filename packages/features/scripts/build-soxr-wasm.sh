#!/usr/bin/env bash
# Builds libsoxr 0.1.3 (LGPL v2.1+, Debian 12's source package, the version behind the librosa goldens) to
# WebAssembly: wasm/soxr.wasm, with choreo's entry point scripts/soxr/choreoSoxr.c. Only the engine that
# x86-64 libsoxr runs for float32 quality ≤ 20 bits (HQ, MQ, LQ) is built: cr32s with PFFFT, its SSE code
# compiled to wasm SIMD128 through emscripten's xmmintrin.h (`-Di386` selects libsoxr's x86 SIMD branch).
# PFFFT's twiddles call sinf/cosf, and musl's (emscripten's libc) round differently from glibc's in ~0.1% of
# arguments, which moves libsoxr's output by 1 ulp; so glibc 2.36's own sinf/cosf/sincosf (LGPL, Debian 12's
# libm; its FMA and SSE2 builds agree on every float below 16) are compiled in. musl's double-precision libm
# is kept: swapping it for glibc's changes no output bit (checked over ~100 rate pairs).
# Needs: apt-get install emscripten, and a deb-src line for bookworm (apt-get source libsoxr glibc), or
# LIBSOXR_SRC=dir (the unpacked libsoxr source) and GLIBC_SRC=dir (an unpacked glibc 2.36 source).
# Usage: packages/features/scripts/build-soxr-wasm.sh   (the committed .wasm makes this optional for users and CI)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pkg="$(dirname "$here")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
src="${LIBSOXR_SRC:-}"
if [ -z "$src" ]; then
  (cd "$work" && apt-get source --download-only libsoxr=0.1.3-4 >/dev/null && dpkg-source -x libsoxr_0.1.3-4.dsc libsoxr >/dev/null)
  src="$work/libsoxr"
fi
glibc="${GLIBC_SRC:-}"
if [ -z "$glibc" ]; then
  (cd "$work" && apt-get source --download-only glibc >/dev/null && tar -xJf glibc_2.36.orig.tar.xz \
    --wildcards 'glibc-2.36/sysdeps/ieee754/flt-32/*sincosf*' 'glibc-2.36/sysdeps/ieee754/flt-32/s_sinf.c' \
    'glibc-2.36/sysdeps/ieee754/flt-32/s_cosf.c' 'glibc-2.36/sysdeps/ieee754/flt-32/math_config.h')
  glibc="$work/glibc-2.36"
fi
flt32="$glibc/sysdeps/ieee754/flt-32"
# The few glibc-internal names those files expect.
mkdir -p "$work/compat"
echo '#define math_force_eval(x) ((void)(x))' > "$work/compat/math-barriers.h"
echo '#define libm_alias_float(a, b)' > "$work/compat/libm-alias-float.h"
echo '#define HIGH_ORDER_BIT_IS_SET_FOR_SNAN 0' > "$work/compat/nan-high-order-bit.h"
printf '%s\n' '#define attribute_hidden' '#define __glibc_unlikely(x) (x)' '#define __glibc_likely(x) (x)' \
  > "$work/compat/math_private.h"
cat > "$work/soxr-config.h" <<'CFG'
#if !defined soxr_config_included
#define soxr_config_included
#define AVCODEC_FOUND 0
#define AVUTIL_FOUND 0
#define WITH_PFFFT 1
#define HAVE_FENV_H 1
#define HAVE_STDBOOL_H 1
#define HAVE_STDINT_H 1
#define HAVE_LRINT 1
#define HAVE_BIGENDIAN 0
#define WITH_CR32 0
#define WITH_CR32S 1
#define WITH_CR64 0
#define WITH_CR64S 0
#define WITH_VR32 0
#define WITH_HI_PREC_CLOCK 0
#define WITH_FLOAT_STD_PREC_CLOCK 0
#define WITH_DEV_TRACE 0
#endif
CFG
flags=(-O3 -DSOXR_LIB -DNDEBUG -I"$work" -I"$src/src")
objs=()
for f in soxr data-io dbesi0 filter fft4g64 cr; do
  emcc "${flags[@]}" -c "$src/src/$f.c" -o "$work/$f.o"
  objs+=("$work/$f.o")
done
for f in cr32s pffft32s util32s; do
  emcc "${flags[@]}" -Di386 -msimd128 -msse -c "$src/src/$f.c" -o "$work/$f.o"
  objs+=("$work/$f.o")
done
gflags=(-O2 -ffp-contract=off -I"$work/compat" -I"$flt32")
emcc "${gflags[@]}" -DSINF=sinf -c "$flt32/s_sinf.c" -o "$work/g_sinf.o"
emcc "${gflags[@]}" -DCOSF=cosf -c "$flt32/s_cosf.c" -o "$work/g_cosf.o"
emcc "${gflags[@]}" -DSINCOSF=sincosf -c "$flt32/s_sincosf.c" -o "$work/g_sincosf.o"
emcc "${gflags[@]}" -c "$flt32/s_sincosf_data.c" -o "$work/g_sincosf_data.o"
objs+=("$work/g_sinf.o" "$work/g_cosf.o" "$work/g_sincosf.o" "$work/g_sincosf_data.o")
emcc "${flags[@]}" -c "$here/soxr/choreoSoxr.c" -o "$work/choreoSoxr.o"
mkdir -p "$pkg/wasm"
emcc -O3 -msimd128 "${objs[@]}" "$work/choreoSoxr.o" -o "$pkg/wasm/soxr.wasm" \
  -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sTOTAL_STACK=256KB -sINITIAL_MEMORY=2MB -sFILESYSTEM=0 --no-entry \
  -sEXPORTED_FUNCTIONS=_choreo_soxr_resample,_malloc,_free
ls -l "$pkg/wasm/soxr.wasm"
