/**
 * `choreo audio features FILE --set NAME`: one librosa-parity feature set of an audio file (`computeFeatureSet`
 * of @choreo/features), loaded like librosa.load (`loadAudio` of @choreo/ingest), resampled to `--sr` or the
 * set's own rate (soxr_hq: libsoxr itself). `--recipe` is kept as an alias of `--set` for older scripts.
 */
import { defineCommand, numberFlag } from "@choreo/core";
import { basename } from "node:path";
import {
  computeFeatureSet,
  FEATURE_SETS,
  featureSetSampleRateHz,
  isFeatureSet,
  resample,
} from "@choreo/features";
import { arrayJson, loadAudio, writeArrayFile } from "@choreo/ingest";

export default defineCommand({
  words: ["audio", "features"],
  usage:
    "choreo audio features FILE --set NAME [--sr HZ] [--offset SEC] [--duration SEC] [--start-bpm BPM] [--out F.json|.npy|.safetensors] (--recipe NAME: alias of --set)",
  describe: `librosa-parity audio feature sets (${FEATURE_SETS.join(", ")})`,
  options: {
    set: { type: "string" },
    recipe: { type: "string" },
    sr: { type: "string" },
    offset: { type: "string" },
    duration: { type: "string" },
    "start-bpm": { type: "string" },
    out: { type: "string" },
  },
  async run(ctx) {
    const file = ctx.positionals[0];
    const set = (ctx.values.set ?? ctx.values.recipe) as string | undefined;
    if (file === undefined || set === undefined) {
      ctx.stderr.write(`usage: ${this.usage}\n`);
      return 2;
    }
    const offsetSec = numberFlag(ctx.values.offset, "offset");
    const durationSec = numberFlag(ctx.values.duration, "duration", { positive: true });
    const audio = await loadAudio(file, {
      ...(offsetSec !== undefined ? { offsetSec } : {}),
      ...(durationSec !== undefined ? { durationSec } : {}),
    });
    const from = audio.sampleRateHz;
    const sr =
      numberFlag(ctx.values.sr, "sr", { positive: true, integer: true }) ??
      (isFeatureSet(set) ? featureSetSampleRateHz(set) : undefined) ??
      from;
    const pcm =
      sr === from
        ? audio.samples
        : resample(audio.samples, { origSampleRateHz: from, targetSampleRateHz: sr });
    const startBpm = numberFlag(ctx.values["start-bpm"], "start-bpm", { positive: true });
    const result = computeFeatureSet(set, pcm, {
      sampleRateHz: sr,
      name: basename(file),
      ...(startBpm !== undefined ? { startBpm } : {}),
    });
    const extra = result.tempo !== undefined ? { tempo: result.tempo } : {};
    const out = ctx.values.out as string | undefined;
    if (out === undefined) ctx.stdout.write(arrayJson(result, extra));
    else await writeArrayFile(out, result, extra);
    return 0;
  },
});
