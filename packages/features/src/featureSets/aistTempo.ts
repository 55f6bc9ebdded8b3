/**
 * The start tempo that FACT (google-research/mint `tools/preprocessing.py::_get_tempo`) and EDGE
 * (`data/audio_extraction/baseline_features.py::_get_tempo`) read from an AIST++ music id: mBR/mPO/mLO/mMH/mLH/mWA/
 * mKR/mJS/mJB n → 80 + 10·n BPM, mHO n → 110 + 5·n BPM. Accepts a bare id (`mPO2`), a sequence name
 * (`gPO_sBM_cAll_d10_mPO2_ch01`, field 4), or a path to either. Other names give undefined (EDGE's fallback,
 * `beat.tempo` of a 22050 Hz reload, is deliberately not reproduced: callers must pass a tempo).
 */

const TENS = new Set(["mBR", "mPO", "mLO", "mMH", "mLH", "mWA", "mKR", "mJS", "mJB"]);

/** The AIST++ music id in a file name or path (`…/gXX_sFM_cAll_d00_mPO2_ch00.wav` → `mPO2`), if any. */
export function aistMusicId(nameOrPath: string): string | undefined {
  const base = nameOrPath.split(/[\\/]/).pop() ?? "";
  const stem = base.replace(/\.[^.]*$/, "");
  const fields = stem.split("_");
  const candidate = fields.length >= 5 ? fields[4]! : fields[0]!;
  return /^m[A-Z]{2}\d/.test(candidate) ? candidate : undefined;
}

/** `_get_tempo(music_id)` of FACT/EDGE in BPM, or undefined when the name has no known AIST++ music id. */
export function aistTempoBpm(nameOrPath: string): number | undefined {
  const id = aistMusicId(nameOrPath);
  if (id === undefined) return undefined;
  const genre = id.slice(0, 3);
  const digit = Number(id[3]);
  if (TENS.has(genre)) return digit * 10 + 80;
  if (genre === "mHO") return digit * 5 + 110;
  return undefined;
}
