/**
 * `choreo eval motion --pred DIR --gt DIR [--music-beats F] [--fps N] [--metrics ...] [--json] [--report DIR]`:
 * motion metrics with reference parity (`@choreo/eval`). With `--json` prints one object
 * `{"<metric>": number, ..., "per_sequence": {...}}` (undefined values as null); otherwise a table. Warnings
 * about degenerate sequences go to stderr. Exit 0 even when some values are undefined; 1 on unreadable input.
 */
import {
  DEFAULT_MOTION_METRICS,
  evaluateMotion,
  evaluationJson,
  isEvalError,
  loadMotionDir,
  loadMusicBeats,
  MotionMetric,
  writeEvaluationReport,
  type EvalWarning,
  type NamedMotion,
} from "@choreo/eval";
import { defineCommand } from "../command.js";

const usage =
  "choreo eval motion --pred DIR --gt DIR [--music-beats F] [--fps N] [--metrics bas-bailando,bas-fact,fid-k,fid-g,div-k,div-g,pfc] " +
  "[--feature-mode reference|corrected] [--up x|y|z] [--seed-frames N] [--json] [--report DIR]";

interface Parsed {
  pred: string;
  gt: string | undefined;
  beats: string | undefined;
  metrics: MotionMetric[];
  fps: number;
  seedFrames: number;
  featureMode: "reference" | "corrected";
  up: "x" | "y" | "z";
}

function parse(values: Record<string, unknown>): Parsed {
  const str = (k: string): string | undefined => (typeof values[k] === "string" ? values[k] : undefined);
  const pred = str("pred");
  if (pred === undefined) throw new RangeError("--pred is required");
  const metrics = (
    str("metrics")
      ?.split(",")
      .map((m) => m.trim())
      .filter((m) => m !== "") ?? [...DEFAULT_MOTION_METRICS]
  ).map((m) => {
    const r = MotionMetric.safeParse(m);
    if (!r.success) throw new RangeError(`unknown metric ${m} (known: ${MotionMetric.options.join(", ")})`);
    return r.data;
  });
  const num = (k: string, fallback: number): number => {
    const n = str(k) === undefined ? fallback : Number(str(k));
    if (!Number.isFinite(n) || n < 0)
      throw new RangeError(`--${k} must be a non-negative number, got ${str(k)}`);
    return n;
  };
  const mode = str("feature-mode") ?? "reference";
  if (mode !== "reference" && mode !== "corrected")
    throw new RangeError(`--feature-mode must be reference or corrected`);
  const up = str("up") ?? "z";
  if (up !== "x" && up !== "y" && up !== "z") throw new RangeError(`--up must be x, y or z`);
  return {
    pred,
    gt: str("gt"),
    beats: str("music-beats"),
    metrics,
    fps: num("fps", 60),
    seedFrames: num("seed-frames", 0),
    featureMode: mode,
    up,
  };
}

function table(result: ReturnType<typeof evaluateMotion>): string {
  const rows = Object.entries(result.metrics).map(
    ([k, v]) => `${k.padEnd(14)}${Number.isNaN(v) ? "NaN" : v.toPrecision(7)}`,
  );
  return `${rows.join("\n")}\n`;
}

export default defineCommand({
  words: ["eval", "motion"],
  usage,
  describe: "Motion metrics with reference parity: BAS (Bailando, FACT), FID_k/FID_g, Div_k/Div_g, PFC",
  options: {
    pred: { type: "string" },
    gt: { type: "string" },
    "music-beats": { type: "string" },
    fps: { type: "string" },
    metrics: { type: "string" },
    "feature-mode": { type: "string" },
    up: { type: "string" },
    "seed-frames": { type: "string" },
    json: { type: "boolean" },
    report: { type: "string" },
  },
  async run(ctx) {
    let args: Parsed;
    try {
      if (ctx.positionals.length > 0) throw new RangeError(`unexpected argument ${ctx.positionals[0]}`);
      args = parse(ctx.values);
    } catch (err) {
      ctx.stderr.write(`${(err as Error).message}\nusage: ${usage}\n`);
      return 2;
    }
    const warnings: EvalWarning[] = [];
    try {
      const pred = await loadMotionDir(args.pred);
      let gt: NamedMotion[] | undefined;
      if (args.gt !== undefined) gt = await loadMotionDir(args.gt);
      const musicBeats = args.beats === undefined ? undefined : await loadMusicBeats(args.beats);
      const result = evaluateMotion({
        pred,
        ...(gt === undefined ? {} : { gt }),
        ...(musicBeats === undefined ? {} : { musicBeats }),
        options: {
          metrics: args.metrics,
          fps: args.fps,
          seedFrames: args.seedFrames,
          featureMode: args.featureMode,
          pfcUpAxis: args.up,
        },
        warn: (w) => warnings.push(w),
      });
      for (const w of warnings) ctx.stderr.write(`warning [${w.metric}] ${w.code}: ${w.message}\n`);
      if (ctx.values["report"] !== undefined)
        await writeEvaluationReport(String(ctx.values["report"]), result, warnings);
      ctx.stdout.write(
        ctx.values["json"] === true ? `${JSON.stringify(evaluationJson(result))}\n` : table(result),
      );
      return 0;
    } catch (err) {
      if (!isEvalError(err)) throw err;
      ctx.stderr.write(`${err._tag}: ${err.message}\n`);
      return 1;
    }
  },
});
