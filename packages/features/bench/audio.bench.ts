/**
 * Audio feature benchmark, issue 15's table (`pnpm bench audio [--compare] [--python PATH] [--runs N]
 * [--rows id,…] [--threads N]`): per row, choreo's single-thread ms (median of N warm runs, in-process) and its
 * ms per song when N songs run at once over N worker threads (default 2). With `--compare` it also times librosa
 * through `bench/librosa_bench.py` in the given Python (default python3), alternating choreo and librosa runs,
 * and prints each row's ratio; without a librosa environment it prints choreo's figures alone and says so.
 * Each figure is wall-clock ms and, after a slash, CPU ms (process.cpuUsage: what the run costs a core, which a
 * loaded machine inflates less). The load average is printed before and after: on a shared machine the figures
 * are only comparable within one run.
 */
import { spawn, spawnSync, type ChildProcessByStdio } from "node:child_process";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import type { Readable, Writable } from "node:stream";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { BENCH_ROWS, benchAudio, type BenchRow } from "./audioRows.js";

interface Args {
  compare: boolean;
  python: string;
  runs: number;
  threads: number;
  rows: readonly BenchRow[];
}

function parseArgs(argv: readonly string[]): Args {
  const value = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const ids = value("--rows")?.split(",");
  const rows = ids === undefined ? BENCH_ROWS : BENCH_ROWS.filter((r) => ids.includes(r.id));
  if (rows.length === 0)
    throw new Error(`--rows: none of ${ids?.join(",")} is one of ${BENCH_ROWS.map((r) => r.id).join(",")}`);
  return {
    compare: argv.includes("--compare") || value("--python") !== undefined,
    python: value("--python") ?? "python3",
    runs: Number(value("--runs") ?? 5),
    threads: Number(value("--threads") ?? 2),
    rows,
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
/** "wall / cpu" in whole ms. */
const cell = (wall: number, cpu: number): string => `${wall.toFixed(0)} / ${cpu.toFixed(0)}`;
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");

/** The librosa twin as a line-protocol child: `run <id>` answers the ms of one warm run of that row. */
class Librosa {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private buffered = "";
  private waiting: ((line: string) => void)[] = [];

  constructor(python: string) {
    const script = fileURLToPath(new URL("./librosa_bench.py", import.meta.url));
    const fixtures = fileURLToPath(new URL("../test/fixtures/chroma/", import.meta.url));
    this.child = spawn(python, [script, fixtures], { stdio: ["pipe", "pipe", "inherit"] });
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk: string) => {
      this.buffered += chunk;
      for (let nl = this.buffered.indexOf("\n"); nl >= 0; nl = this.buffered.indexOf("\n")) {
        const line = this.buffered.slice(0, nl);
        this.buffered = this.buffered.slice(nl + 1);
        this.waiting.shift()?.(line);
      }
    });
  }

  ask(command: string): Promise<string> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin.write(`${command}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}

function librosaAvailable(python: string): string | undefined {
  const r = spawnSync(
    python,
    ["-c", "import librosa, soxr, numpy; print(librosa.__version__, numpy.__version__)"],
    {
      encoding: "utf8",
    },
  );
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** A worker running audioWorker.ts from sources through tsx's loader (as core's worker pool does). */
function benchWorker(rowId: string, runs: number): Worker {
  const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const tsxApi = pathToFileURL(join(tsxDir, "dist/esm/api/index.mjs")).href;
  const main = new URL("./audioWorker.ts", import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(main)}); });`;
  return new Worker(code, {
    eval: true,
    workerData: { rowId, runs },
    execArgv: ["--conditions=@choreo/source"],
  });
}

/** Wall and CPU ms per song with `threads` songs computed at once, one worker thread each (after warm-ups). */
async function threaded(
  row: BenchRow,
  threads: number,
  runs: number,
): Promise<{ wall: number; cpu: number }> {
  const workers = Array.from({ length: threads }, () => benchWorker(row.id, runs));
  const next = (w: Worker): Promise<{ type: string; ms: number }> =>
    new Promise((resolve, reject) => {
      w.once("message", resolve);
      w.once("error", reject);
    });
  await Promise.all(workers.map(next));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const done = workers.map(next);
  for (const w of workers) w.postMessage("go");
  await Promise.all(done);
  const wall = performance.now() - t0;
  const cpu = cpuMs(c0);
  await Promise.all(workers.map((w) => w.terminate()));
  return { wall: wall / (threads * runs), cpu: cpu / (threads * runs) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  console.log(
    `node ${process.version}, ${cpus()[0]?.model ?? "unknown cpu"} × ${cpus().length}; load average ${load()}`,
  );
  let librosa: Librosa | undefined;
  if (args.compare) {
    const version = librosaAvailable(args.python);
    if (version === undefined)
      console.log(`no librosa environment in ${args.python}: choreo's figures alone`);
    else {
      console.log(
        `librosa ${version.replace(" ", ", numpy ")} (${args.python}), one thread, in-process, warm`,
      );
      librosa = new Librosa(args.python);
    }
  }
  const header = [
    "feature",
    "audio",
    "choreo ms, 1 thread (wall / cpu)",
    `ms/song, ${args.threads} threads (wall / cpu)`,
  ];
  if (librosa) header.push("librosa ms", "choreo/librosa");
  console.log(`\n| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
  for (const row of args.rows) {
    const y = benchAudio(row);
    row.run(y, row.sampleRateHz);
    if (librosa) await librosa.ask(`setup ${row.id}`);
    const ours: number[] = [];
    const oursCpu: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < args.runs; r++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      row.run(y, row.sampleRateHz);
      ours.push(performance.now() - t0);
      oursCpu.push(cpuMs(c0));
      if (librosa) theirs.push(Number(await librosa.ask(`run ${row.id}`)));
    }
    const one = { wall: median(ours), cpu: median(oursCpu) };
    const perSong = args.threads > 1 ? await threaded(row, args.threads, 1) : one;
    const cells = [row.label, row.audio, cell(one.wall, one.cpu), cell(perSong.wall, perSong.cpu)];
    if (librosa) cells.push(median(theirs).toFixed(0), `${(median(ours) / median(theirs)).toFixed(2)}×`);
    console.log(`| ${cells.join(" | ")} |`);
  }
  librosa?.close();
  console.log(`\nload average after: ${load()} (on ${cpus().length} cores)`);
}

await main();
