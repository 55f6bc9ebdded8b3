/**
 * `choreo eval motion --pred DIR --gt DIR [--music-beats F] [--fps N] [--metrics ...] [--json] [--report DIR]`:
 * motion metrics with reference parity (`evaluateMotion` of @choreo/eval, options validated by its
 * `EvaluateMotionOptions`). `--json` prints `evaluationJson`, otherwise `evaluationText`; warnings about
 * degenerate sequences go to stderr. Exit 0 even when some values are undefined; 1 on unreadable input.
 */
import {
  evaluateMotion,
  evaluationJson,
  evaluationText,
  EvaluateMotionOptions,
  loadMotionDir,
  loadMusicBeats,
  writeEvaluationReport,
  type EvalWarning,
} from "@choreo/eval";
import { defineCommand, type CommandContext } from "../command.js";
import { numberFlag, stringFlag, stringOptions } from "../flags.js";

const usage =
  "choreo eval motion --pred DIR --gt DIR [--music-beats F] [--fps N] [--metrics bas-bailando,bas-fact,fid-k,fid-g,div-k,div-g,pfc] " +
  "[--feature-mode reference|corrected] [--up x|y|z] [--seed-frames N] [--json] [--report DIR]";

const flagOf: Record<string, string> = {
  seedFrames: "seed-frames",
  featureMode: "feature-mode",
  pfcUpAxis: "up",
};

/** The evaluation options from the flags; RangeError naming the flag on a bad value. */
function optionsOf(values: CommandContext["values"]): EvaluateMotionOptions {
  const str = (k: string): string | undefined => stringFlag(values, k);
  const metrics = str("metrics")
    ?.split(",")
    .map((m) => m.trim())
    .filter((m) => m !== "");
  const [fps, seedFrames] = [numberFlag(values.fps, "fps"), numberFlag(values["seed-frames"], "seed-frames")];
  const [featureMode, pfcUpAxis] = [str("feature-mode"), str("up")];
  const parsed = EvaluateMotionOptions.safeParse({
    ...(metrics !== undefined ? { metrics } : {}),
    ...(fps !== undefined ? { fps } : {}),
    ...(seedFrames !== undefined ? { seedFrames } : {}),
    ...(featureMode !== undefined ? { featureMode } : {}),
    ...(pfcUpAxis !== undefined ? { pfcUpAxis } : {}),
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = String(issue.path[0]);
  throw new RangeError(`--${flagOf[key] ?? key}: ${issue.message}`);
}

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
  },
  async run(ctx) {
    const [pred, gt, beats, report] = ["pred", "gt", "music-beats", "report"].map((k) =>
      stringFlag(ctx.values, k),
    );
    let options: EvaluateMotionOptions;
    try {
      if (ctx.positionals.length > 0) throw new RangeError(`unexpected argument ${ctx.positionals[0]}`);
      if (pred === undefined) throw new RangeError("--pred is required");
      options = optionsOf(ctx.values);
    } catch (err) {
      ctx.stderr.write(`${(err as Error).message}\nusage: ${usage}\n`);
      return 2;
    }
    const warnings: EvalWarning[] = [];
    const result = evaluateMotion({
      pred: await loadMotionDir(pred),
      ...(gt !== undefined ? { gt: await loadMotionDir(gt) } : {}),
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
