/**
 * The source code a module runs, across the workspace: its own text, every module it imports relatively
 * (transitively), and for each `@choreo/<name>` import the modules of that package that provide the imported
 * names (through the curated re-exports of its entry), transitively again. Type-only imports and exports are
 * skipped: they do not run. Third-party packages are not followed (their versions enter keys as `tools`).
 * Files are named relative to the workspace root (the folder with `pnpm-workspace.yaml`), so the result does not
 * depend on where the repository lives. Text, not transpiled code, so the TypeScript transform does not matter.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

interface WorkspacePackage {
  readonly dir: string;
  readonly exports: Record<string, unknown>;
}

interface ImportRef {
  readonly spec: string;
  /** Imported value names; undefined = the whole module (namespace, side effect, default, dynamic, `export *`). */
  readonly names: readonly string[] | undefined;
}

const staticImport = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']/g;
const bareImport = /(?:^|[;\n])\s*import\s*["']([^"']+)["']/g;
const dynamicImport = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** Value names of an import/export clause (`{ a, type B, c as d }`), or undefined for whole-module forms. */
function clauseNames(clause: string, isExport: boolean): string[] | undefined {
  const braces = /^\{([\s\S]*)\}$/.exec(clause.trim());
  if (braces === null) return undefined; // `* as ns`, `*`, a default import, or `def, { ... }`
  const names: string[] = [];
  for (const raw of braces[1]!.split(",")) {
    const part = raw.replace(/\/\/.*$/gm, "").trim();
    if (part === "" || part.startsWith("type ")) continue;
    // import { a as b } takes the module's a; export { a as b } from "./m" gives the entry's b from m's a.
    const [own, alias] = part.split(/\s+as\s+/);
    names.push(isExport ? (alias ?? own!).trim() : own!.trim());
  }
  return names;
}

/** The imports of a module's text (value imports only). */
export function parseImports(text: string): ImportRef[] {
  const refs: ImportRef[] = [];
  for (const m of text.matchAll(staticImport)) {
    if (m[2] !== undefined) continue; // import type / export type
    const names = clauseNames(m[3]!, m[1] === "export");
    if (names !== undefined && names.length === 0) continue; // only type specifiers
    refs.push({ spec: m[4]!, names });
  }
  for (const m of text.matchAll(bareImport)) refs.push({ spec: m[1]!, names: undefined });
  for (const m of text.matchAll(dynamicImport)) refs.push({ spec: m[1]!, names: undefined });
  return refs;
}

/** The folder holding `pnpm-workspace.yaml` above `from`, or undefined. */
export function findWorkspaceRoot(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function workspacePackages(root: string): Map<string, WorkspacePackage> {
  const out = new Map<string, WorkspacePackage>();
  for (const group of ["packages", "apps"]) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      const manifest = join(base, entry.name, "package.json");
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, "utf8")) as {
        name?: string;
        exports?: Record<string, unknown>;
      };
      if (pkg.name !== undefined)
        out.set(pkg.name, { dir: join(base, entry.name), exports: pkg.exports ?? {} });
    }
  }
  return out;
}

function sourceFile(base: string): string | undefined {
  const candidates = [
    base,
    base.replace(/\.js$/, ".ts"),
    base.replace(/\.mjs$/, ".mts"),
    `${base}.ts`,
    join(base, "index.ts"),
  ];
  return candidates.find((c) => existsSync(c) && !c.endsWith(".test.ts") && /\.(ts|mts|js|mjs)$/.test(c));
}

/** The source file of a workspace package's export (`@choreo/x` or `@choreo/x/sub`) through its `@choreo/source` condition. */
function packageEntry(spec: string, packages: Map<string, WorkspacePackage>): string | undefined {
  const [scope, name, ...rest] = spec.split("/");
  const pkg = packages.get(`${scope}/${name}`);
  if (pkg === undefined) return undefined;
  const key = rest.length === 0 ? "." : `./${rest.join("/")}`;
  const target = pkg.exports[key];
  const path =
    typeof target === "string"
      ? target
      : ((target as Record<string, unknown> | undefined)?.["@choreo/source"] as string | undefined);
  return sourceFile(join(pkg.dir, path ?? (key === "." ? "src/index.ts" : `src/${rest.join("/")}.ts`)));
}

/**
 * Every workspace source file that `file` runs, with its text, keyed by path relative to the workspace root.
 * A module reached through a package entry only for some names brings only the modules that export them.
 */
export function codeClosure(
  file: string,
  root: string = findWorkspaceRoot(dirname(file)) ?? dirname(file),
): Map<string, string> {
  const packages = workspacePackages(root);
  const texts = new Map<string, string>();
  const whole = new Set<string>();
  const read = (f: string): string => {
    let t = texts.get(f);
    if (t === undefined) texts.set(f, (t = readFileSync(f, "utf8")));
    return t;
  };
  const visitWhole = (f: string): void => {
    if (whole.has(f)) return;
    whole.add(f);
    for (const ref of parseImports(read(f))) follow(f, ref);
  };
  const visitNames = (entry: string, names: readonly string[]): void => {
    if (whole.has(entry)) return;
    const refs = parseImports(read(entry));
    let ownCode = false;
    for (const name of new Set(names)) {
      const providers = refs.filter((r) => r.names?.includes(name) === true);
      if (providers.length === 0) ownCode = true;
      for (const r of providers) follow(entry, r);
    }
    // A name the entry defines itself (or gets through `export *`): the entry's own code runs, all of it.
    if (ownCode) visitWhole(entry);
  };
  const follow = (from: string, ref: ImportRef): void => {
    if (ref.spec.startsWith(".")) {
      const target = sourceFile(resolve(dirname(from), ref.spec));
      if (target !== undefined) visitWhole(target);
      return;
    }
    const entry = ref.spec.startsWith("@choreo/") ? packageEntry(ref.spec, packages) : undefined;
    if (entry === undefined) return;
    if (ref.names === undefined) visitWhole(entry);
    else visitNames(entry, ref.names);
  };
  visitWhole(file);
  const out = new Map<string, string>();
  for (const f of whole) out.set(relative(root, f), read(f));
  return out;
}
