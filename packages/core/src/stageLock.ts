/**
 * Stage fingerprints, so a test fails when a stage's code changes but its version does not. A stage's
 * fingerprint is the sha256 of the source text of its `defineStage({...})` call (or of its whole module when
 * that call cannot be found) plus the sources of every module its defining module imports relatively
 * (transitively, tests excluded). Source text, not `run.toString()`, so the result does not depend on which
 * TypeScript transform loaded the module. `stages.lock.json` records `{ version, fingerprint }` per stage;
 * `checkStageLock` reports stages whose fingerprint moved without a version bump, and `updateStageLock`
 * refuses to record such a move unless the stage is named as producing the same bytes.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sha256Hex } from "./digest.js";
import { isStage, type Stage } from "./stage.js";

export interface StageLockEntry {
  readonly version: number;
  readonly fingerprint: string;
}
export type StageLock = Record<string, StageLockEntry>;

const importPattern = /(?:import|export)\s[^'"]*?from\s+["'](\.{1,2}\/[^"']+)["']/g;

function localSources(file: string, seen: Map<string, string>): void {
  if (seen.has(file)) return;
  const text = readFileSync(file, "utf8");
  seen.set(file, text);
  for (const m of text.matchAll(importPattern)) {
    const spec = m[1]!;
    const base = resolve(dirname(file), spec);
    const candidates = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, resolve(base, "index.ts")];
    const found = candidates.find((c) => existsSync(c) && !c.endsWith(".test.ts") && /\.(ts|js|mjs)$/.test(c));
    if (found !== undefined) localSources(found, seen);
  }
}

/** The text of the `defineStage(...)` call whose id is `id`, by bracket matching; the module text if absent. */
function definitionText(text: string, id: string): string {
  const at = text.indexOf(`id: "${id}"`);
  const start = at < 0 ? -1 : text.lastIndexOf("defineStage(", at);
  if (start < 0) return text;
  let depth = 0;
  for (let i = start + "defineStage".length; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "{" || c === "[") depth++;
    else if (c === ")" || c === "}" || c === "]") {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return text;
}

/** Fingerprints of every stage exported by the module at `moduleUrl`. */
export async function stageFingerprints(moduleUrl: string): Promise<Record<string, StageLockEntry>> {
  const mod = (await import(moduleUrl)) as Record<string, unknown>;
  const file = fileURLToPath(moduleUrl);
  const sources = new Map<string, string>();
  localSources(file, sources);
  const deps = [...sources.entries()]
    .filter(([f]) => f !== file)
    .map(([f, text]) => `${f.slice(f.lastIndexOf("/") + 1)}:${sha256Hex(text)}`)
    .sort()
    .join("\n");
  const out: Record<string, StageLockEntry> = {};
  for (const value of Object.values(mod)) {
    if (!isStage(value)) continue;
    const stage = value as Stage;
    const own = definitionText(sources.get(file)!, stage.id);
    out[stage.id] = { version: stage.version, fingerprint: sha256Hex(`${own}\n${deps}`) };
  }
  return out;
}

/** Problems of `current` against the lock: changed code at the same version, or a lock out of date. */
export function checkStageLock(lock: StageLock, current: Record<string, StageLockEntry>): string[] {
  const problems: string[] = [];
  for (const [id, now] of Object.entries(current)) {
    const was = lock[id];
    if (was === undefined) problems.push(`${id}: not in stages.lock.json (run the stage lock update)`);
    else if (was.fingerprint !== now.fingerprint && was.version === now.version) {
      problems.push(`${id}: its code changed but its version is still ${now.version}; bump it if the bytes it writes change`);
    } else if (was.fingerprint !== now.fingerprint || was.version !== now.version) {
      problems.push(`${id}: stages.lock.json is out of date (run the stage lock update)`);
    }
  }
  for (const id of Object.keys(lock)) if (current[id] === undefined) problems.push(`${id}: in stages.lock.json but no longer exported`);
  return problems;
}

/**
 * The lock to write: current fingerprints, except that a stage whose code changed at the same version is
 * refused (kept as it was, and reported) unless it is listed in `sameOutput`.
 */
export function updateStageLock(lock: StageLock, current: Record<string, StageLockEntry>, sameOutput: readonly string[]): { lock: StageLock; refused: string[] } {
  const next: StageLock = {};
  const refused: string[] = [];
  for (const [id, now] of Object.entries(current)) {
    const was = lock[id];
    if (was !== undefined && was.fingerprint !== now.fingerprint && was.version === now.version && !sameOutput.includes(id)) {
      refused.push(id);
      next[id] = was;
    } else next[id] = now;
  }
  return { lock: next, refused };
}

/** Reads a lock file ({} when absent). */
export function readStageLock(path: string): StageLock {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as StageLock) : {};
}

/** Writes a lock file with sorted keys. */
export function writeStageLock(path: string, lock: StageLock): void {
  const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(path, `${JSON.stringify(sorted, null, 2)}\n`);
}
