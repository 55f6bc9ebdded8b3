/**
 * Stage fingerprints, so a test fails when the code a stage runs changes but its version does not. A stage's
 * fingerprint is the sha256 of its defining module's text (without the other stages defined there) and of every
 * workspace module that module runs, across `@choreo/*` packages (`codeClosure`). Stages are found in the source
 * text (`defineStage({ id: "...", version: N, ... })` with literal id and version), so discovery needs no list
 * and no import. `stages.lock.json` records `{ version, fingerprint }` per stage; `checkStageLock` reports stages
 * whose fingerprint moved without a version bump, and `updateStageLock` refuses to record such a move unless the
 * stage is named as producing the same bytes. Data files a stage reads at run time are not covered: their
 * digests belong in the stage's `tools`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { codeClosure, findWorkspaceRoot } from "./codeClosure.js";
import { sha256Hex } from "./digest.js";
import { InvalidStageUse } from "./errors.js";

export interface StageLockEntry {
  readonly version: number;
  readonly fingerprint: string;
}
export type StageLock = Record<string, StageLockEntry>;

interface StageDefinition {
  readonly id: string;
  readonly version: number;
  readonly start: number;
  readonly end: number;
}

/** End (exclusive) of the bracketed expression opening at `open`, skipping strings, templates and comments. */
function matchBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === "`") {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === "\\") i++;
    } else if (c === "/" && text[i + 1] === "/")
      i = text.indexOf("\n", i) < 0 ? text.length : text.indexOf("\n", i);
    else if (c === "/" && text[i + 1] === "*") i = text.indexOf("*/", i) + 1;
    else if (c === "(" || c === "{" || c === "[") depth++;
    else if (c === ")" || c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/** The `defineStage({...})` calls of a module's text, with their literal id and version. */
export function stageDefinitions(text: string, file: string): StageDefinition[] {
  const out: StageDefinition[] = [];
  for (const m of text.matchAll(/(?:=|\breturn)\s*defineStage\(\s*\{/g)) {
    const start = m.index + m[0].indexOf("defineStage");
    const end = matchBracket(text, start + "defineStage".length);
    // Only the object's own keys: blank out nested brackets before looking for id and version.
    const body = text.slice(text.indexOf("{", start) + 1, end - 2);
    let flat = "";
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      if (c === "(" || c === "{" || c === "[") {
        const close = matchBracket(body, i);
        flat += " ".repeat(close - i);
        i = close - 1;
      } else flat += c;
    }
    const id = /(?:^|[,\s])id:\s*"([^"]+)"/.exec(flat)?.[1];
    const version = /(?:^|[,\s])version:\s*(\d+)\s*[,}\s]/.exec(`${flat} `)?.[1];
    if (id === undefined || version === undefined) {
      throw new InvalidStageUse(
        file,
        "a defineStage call without a literal id and version (the stage lock reads them from the source)",
      );
    }
    out.push({ id, version: Number(version), start, end });
  }
  return out;
}

/** Fingerprints of every stage defined in the module `file` (a path or file URL). */
export function stageFingerprintsOfFile(file: string, root?: string): Record<string, StageLockEntry> {
  const path = file.startsWith("file:") ? fileURLToPath(file) : file;
  const workspace = root ?? findWorkspaceRoot(path) ?? path;
  const closure = codeClosure(path, workspace);
  const self = relative(workspace, path);
  const text = closure.get(self)!;
  const deps = [...closure.entries()]
    .filter(([f]) => f !== self)
    .map(([f, t]) => `${f}:${sha256Hex(t)}`)
    .sort()
    .join("\n");
  const defs = stageDefinitions(text, self);
  const out: Record<string, StageLockEntry> = {};
  for (const def of defs) {
    // The module without the other stages' definitions: this stage, and every helper beside it.
    let own = "";
    let at = 0;
    for (const other of defs) {
      if (other === def) continue;
      own += text.slice(at, other.start);
      at = other.end;
    }
    own += text.slice(at);
    out[def.id] = { version: def.version, fingerprint: sha256Hex(`${self}\n${own}\n${deps}`) };
  }
  return out;
}

/** Fingerprints of every stage defined by the module at `moduleUrl`. */
export async function stageFingerprints(moduleUrl: string): Promise<Record<string, StageLockEntry>> {
  return Promise.resolve(stageFingerprintsOfFile(moduleUrl));
}

/** The modules under `srcDir` that define stages (tests and declaration files excluded), sorted. */
export function discoverStageModules(srcDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (
        /\.m?ts$/.test(entry.name) &&
        !/\.(test|d)\.m?ts$/.test(entry.name) &&
        /(?:=|\breturn)\s*defineStage\(\s*\{/.test(readFileSync(path, "utf8"))
      ) {
        out.push(path);
      }
    }
  };
  walk(srcDir);
  return out.sort();
}

/** Fingerprints of every stage a package defines (its `src/`, discovered). */
export function packageStageFingerprints(packageDir: string): Record<string, StageLockEntry> {
  const dir = packageDir.startsWith("file:") ? fileURLToPath(packageDir) : packageDir;
  const out: Record<string, StageLockEntry> = {};
  for (const file of discoverStageModules(join(dir, "src"))) {
    for (const [id, entry] of Object.entries(stageFingerprintsOfFile(file))) {
      if (out[id] !== undefined)
        throw new InvalidStageUse(id, `defined twice in this package (again in ${file})`);
      out[id] = entry;
    }
  }
  return out;
}

/** Problems of a package's `stages.lock.json` against its discovered stages (empty when it is up to date). */
export function checkPackageStageLock(packageDir: string): string[] {
  const dir = packageDir.startsWith("file:") ? fileURLToPath(packageDir) : packageDir;
  return checkStageLock(readStageLock(join(dir, "stages.lock.json")), packageStageFingerprints(dir));
}

/** Problems of `current` against the lock: changed code at the same version, or a lock out of date. */
export function checkStageLock(lock: StageLock, current: Record<string, StageLockEntry>): string[] {
  const problems: string[] = [];
  for (const [id, now] of Object.entries(current)) {
    const was = lock[id];
    if (was === undefined) problems.push(`${id}: not in stages.lock.json (run the stage lock update)`);
    else if (was.fingerprint !== now.fingerprint && was.version === now.version) {
      problems.push(
        `${id}: its code changed but its version is still ${now.version}; bump it if the bytes it writes change`,
      );
    } else if (was.fingerprint !== now.fingerprint || was.version !== now.version) {
      problems.push(`${id}: stages.lock.json is out of date (run the stage lock update)`);
    }
  }
  for (const id of Object.keys(lock))
    if (current[id] === undefined) problems.push(`${id}: in stages.lock.json but no longer exported`);
  return problems;
}

/**
 * The lock to write: current fingerprints, except that a stage whose code changed at the same version is
 * refused (kept as it was, and reported) unless it is listed in `sameOutput`.
 */
export function updateStageLock(
  lock: StageLock,
  current: Record<string, StageLockEntry>,
  sameOutput: readonly string[],
): { lock: StageLock; refused: string[] } {
  const next: StageLock = {};
  const refused: string[] = [];
  for (const [id, now] of Object.entries(current)) {
    const was = lock[id];
    if (
      was !== undefined &&
      was.fingerprint !== now.fingerprint &&
      was.version === now.version &&
      !sameOutput.includes(id)
    ) {
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
