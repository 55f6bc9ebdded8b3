import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoDataset } from "../test/fakeDataset.js";
import { writeDatasetReport } from "./datasetReport.js";

// Debian's chromium (CI installs it): required in CI, the test skips only on a machine without it
const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const inCi = process.env["CI"] !== undefined && process.env["CI"] !== "" && process.env["CI"] !== "false";
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "render-chromium-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function headless(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const profile = join(dir, `profile-${args.length}-${Date.now()}`);
  await mkdir(profile);
  const flags = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${profile}`,
  ];
  return promisify(execFile)(chromium!, [...flags, ...args], {
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe("writeDatasetReport in headless Chromium", () => {
  it("is required in CI", () => {
    if (inCi) expect(chromium, "CI must install Debian's chromium (.ci/run)").toBeDefined();
  });

  it.skipIf(chromium === undefined && !inCi)(
    "renders report.html without errors and takes a screenshot",
    async () => {
      const { manifest } = writeDemoDataset(dir, { train: 3, val: 1, test: 1 });
      const html = await writeDatasetReport(manifest, { shardsDir: dir });
      const page = join(dir, "report.html");
      await writeFile(page, html);
      expect(html).not.toMatch(/(src|href)="(https?:|\/\/)/); // self-contained: nothing to fetch

      const url = pathToFileURL(page).href;
      // --v=1 logs every console message and uncaught exception of the page as INFO:CONSOLE lines
      const dom = await headless(["--enable-logging=stderr", "--v=1", "--dump-dom", url]);
      expect(dom.stderr).toContain(url.slice(0, 20)); // the log is on: it names the page it loaded
      expect(dom.stderr).not.toMatch(/:CONSOLE[:\]]|Uncaught/);
      expect((dom.stdout.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(8); // 2 split bars, tempo, dropped, 4 plots
      expect((dom.stdout.match(/<img /g) ?? []).length).toBe(12); // 3 thumbnails × 4 sample items
      expect(dom.stdout).toContain("sequences with missing dance frames");

      const shot = join(dir, "report.png");
      await headless([`--screenshot=${shot}`, "--window-size=1200,1600", "--hide-scrollbars", url]);
      const meta = await sharp(shot).metadata();
      expect([meta.width, meta.height]).toEqual([1200, 1600]);
      // not a blank page: the charts and thumbnails put dark and coloured pixels on the light background
      const stats = await sharp(shot).stats();
      expect(stats.channels.every((c) => c.stdev > 20)).toBe(true);
      expect(stats.channels[2]!.min).toBeLessThan(60);
    },
  );
});
