/**
 * `choreo eval motion --pred DIR --gt DIR [--music-beats F] [--fps N] [--metrics ...] [--json] [--report DIR]`:
 * motion metrics with reference parity (`evaluateMotion` of @choreo/eval, options from
 * `motionOptionsFromFlags`). `--json` prints `evaluationJson`, otherwise `evaluationText`; warnings about
 * degenerate sequences go to stderr. Exit 0 even when some values are undefined; 1 on unreadable input.
 */
import { defineCommand, stringFlag, stringOptions } from "@choreo/core";
import {
  evaluateMotion,
  evaluationJson,
  evaluationText,
  loadMotionDir,
  loadMusicBeats,
  motionOptionsFromFlags,
  writeEvaluationReport,
  type EvalWarning,
} from "@choreo/eval";

const usage =
  "choreo eval motion --pred DIR --gt DIR [--music-beats F] [--fps N] [--metrics bas-bailando,bas-fact,fid-k,fid-g,div-k,div-g,pfc] " +
  "[--feature-mode reference|corrected] [--up x|y|z] [--seed-frames N] [--json] [--report DIR] [--verify]";

export default defineCommand({
  words: ["eval", "motion"],
  usage,
  describe: "Motion metrics with reference parity: BAS (Bailando, FACT), FID_k/FID_g, Div_k/Div_g, PFC",
  options: {
    ...stringOptions(
      "pred",
      "gt",
      "music-beats",
      "fps",
      "metrics",
      "feature-mode",
      "up",
      "seed-frames",
      "report",
    ),
    json: { type: "boolean" },
    verify: { type: "boolean" },
  },
  async run(ctx) {
    const [pred, gt, beats, report] = ["pred", "gt", "music-beats", "report"].map((k) =>
      stringFlag(ctx.values, k),
    );
    let options: ReturnType<typeof motionOptionsFromFlags>;
    try {
      if (ctx.positionals.length > 0) throw new RangeError(`unexpected argument ${ctx.positionals[0]}`);
      if (pred === undefined) throw new RangeError("--pred is required");
      const flags = ["metrics", "fps", "seed-frames", "feature-mode", "up"].map(
        (k): [string, string | undefined] => [k, stringFlag(ctx.values, k)],
      );
      options = motionOptionsFromFlags(Object.fromEntries(flags));
    } catch (err) {
      ctx.stderr.write(`${(err as Error).message}\nusage: ${usage}\n`);
      return 2;
    }
    const check = { verify: ctx.values.verify === true };
    const warnings: EvalWarning[] = [];
    const result = evaluateMotion({
      pred: await loadMotionDir(pred, check),
      ...(gt !== undefined ? { gt: await loadMotionDir(gt, check) } : {}),
      ...(beats !== undefined ? { musicBeats: await loadMusicBeats(beats) } : {}),
      options,
      warn: (w) => warnings.push(w),
    });
    for (const w of warnings) ctx.stderr.write(`warning [${w.metric}] ${w.code}: ${w.message}\n`);
    if (report !== undefined) await writeEvaluationReport(report, result, warnings);
    ctx.stdout.write(
      ctx.values.json === true ? `${JSON.stringify(evaluationJson(result))}\n` : evaluationText(result),
    );
    return 0;
  },
});
