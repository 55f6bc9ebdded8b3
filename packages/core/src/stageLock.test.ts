import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  checkPackageStageLock,
  checkStageLock,
  codeClosure,
  discoverStageModules,
  findWorkspaceRoot,
  packageStageFingerprints,
  readStageLock,
  stageDefinitions,
  stageFingerprints,
  updateStageLock,
  writeStageLock,
} from "./index.js";

const fixture = new URL("../test/fixtureStages.ts", import.meta.url).href;
const workspace = findWorkspaceRoot(fileURLToPath(import.meta.url))!;

describe("checkStageLock", () => {
  it("flags a stage whose code changed at the same version", async () => {
    const current = await stageFingerprints(fixture);
    expect(Object.keys(current)).toContain("test.square");
    const lock = { ...current, "test.square": { version: 1, fingerprint: "0".repeat(64) } };
    expect(checkStageLock(lock, current)).toEqual([expect.stringContaining("test.square: its code changed")]);
    expect(checkStageLock(current, current)).toEqual([]);
  });

  it("refuses to record changed code without a version bump unless the stage is named", async () => {
    const current = await stageFingerprints(fixture);
    const lock = { ...current, "test.sum": { version: 1, fingerprint: "f".repeat(64) } };
    expect(updateStageLock(lock, current, []).refused).toEqual(["test.sum"]);
    expect(updateStageLock(lock, current, ["test.sum"]).lock["test.sum"]).toEqual(current["test.sum"]);
  });
});

describe("stageDefinitions", () => {
  it("reads literal ids and versions at the top level of each definition only", () => {
    const text = `export const a = defineStage({ params: z.object({ id: z.string(), version: z.number() }), id: "x.a", version: 3, run: () => "})" });\nexport const b = defineStage({\n  id: "x.b",\n  version: 12,\n});`;
    expect(stageDefinitions(text, "m.ts").map(({ id, version }) => ({ id, version }))).toEqual([
      { id: "x.a", version: 3 },
      { id: "x.b", version: 12 },
    ]);
  });

  it("refuses a definition whose version is not a literal", () => {
    expect(() => stageDefinitions(`const s = defineStage({ id: "x", version: V });`, "m.ts")).toThrow(
      expect.objectContaining({ _tag: "InvalidStageUse" }) as Error,
    );
  });
});

/** A two-package workspace in a temp folder: `@choreo/a` (a dependency) and `@choreo/b` (a stage using it). */
function tempWorkspace(): { root: string; edit: (file: string, text: string) => void } {
  const root = mkdtempSync(join(tmpdir(), "stage-lock-"));
  const write = (file: string, text: string): void => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  write("pnpm-workspace.yaml", 'packages:\n  - "packages/*"\n');
  for (const name of ["a", "b"]) {
    write(
      `packages/${name}/package.json`,
      JSON.stringify({ name: `@choreo/${name}`, exports: { ".": { "@choreo/source": "./src/index.ts" } } }),
    );
  }
  write(
    "packages/a/src/index.ts",
    'export { tightness } from "./tightness.js";\nexport { unrelated } from "./unrelated.js";\nexport type { Shape } from "./shape.js";\n',
  );
  write(
    "packages/a/src/tightness.ts",
    'import { clamp } from "./clamp.js";\nexport const tightness = clamp(100);\n',
  );
  write("packages/a/src/clamp.ts", "export const clamp = (x: number) => Math.min(x, 1000);\n");
  write("packages/a/src/unrelated.ts", "export const unrelated = 1;\n");
  write("packages/a/src/shape.ts", "export interface Shape { n: number }\n");
  write("packages/b/src/index.ts", 'export { beats } from "./stages.js";\n');
  write(
    "packages/b/src/stages.ts",
    'import { defineStage } from "@choreo/core";\nimport { tightness, type Shape } from "@choreo/a";\nexport const beats = defineStage({\n  id: "b.beats",\n  version: 1,\n  run: () => tightness,\n});\n',
  );
  return { root, edit: write };
}

describe("stage fingerprints across packages", () => {
  it("follow imported names through another package's entry, and nothing else of that package", () => {
    const { root } = tempWorkspace();
    const closure = [...codeClosure(join(root, "packages/b/src/stages.ts"), root).keys()].sort();
    expect(closure).toEqual([
      "packages/a/src/clamp.ts",
      "packages/a/src/tightness.ts",
      "packages/b/src/stages.ts",
    ]);
  });

  it("fail the lock when code a stage reaches in another package changes, until its version is bumped", () => {
    const { root, edit } = tempWorkspace();
    const pkg = join(root, "packages/b");
    writeStageLock(join(pkg, "stages.lock.json"), packageStageFingerprints(pkg));
    expect(checkPackageStageLock(pkg)).toEqual([]);

    edit("packages/a/src/unrelated.ts", "export const unrelated = 2;\n"); // not reached by the stage
    edit("packages/a/src/shape.ts", "export interface Shape { n: string }\n"); // types do not run
    expect(checkPackageStageLock(pkg)).toEqual([]);

    edit("packages/a/src/clamp.ts", "export const clamp = (x: number) => Math.min(x, 10);\n"); // two hops away
    expect(checkPackageStageLock(pkg)).toEqual([
      expect.stringContaining("b.beats: its code changed but its version is still 1"),
    ]);
    expect(
      updateStageLock(readStageLock(join(pkg, "stages.lock.json")), packageStageFingerprints(pkg), [])
        .refused,
    ).toEqual(["b.beats"]);

    const stages = readFileSync(join(pkg, "src/stages.ts"), "utf8");
    edit("packages/b/src/stages.ts", stages.replace("version: 1", "version: 2"));
    const { lock, refused } = updateStageLock(
      readStageLock(join(pkg, "stages.lock.json")),
      packageStageFingerprints(pkg),
      [],
    );
    expect(refused).toEqual([]);
    writeStageLock(join(pkg, "stages.lock.json"), lock);
    expect(checkPackageStageLock(pkg)).toEqual([]);
  });

  it("do not depend on where the workspace lives", () => {
    const { root } = tempWorkspace();
    const moved = mkdtempSync(join(tmpdir(), "stage-lock-moved-"));
    cpSync(root, moved, { recursive: true });
    expect(packageStageFingerprints(join(moved, "packages/b"))).toEqual(
      packageStageFingerprints(join(root, "packages/b")),
    );
  });
});

describe("the workspace's stage locks", () => {
  const packages = ["packages", "apps"].flatMap((group) => {
    const base = join(workspace, group);
    return readdirSafe(base).map((name) => join(base, name));
  });
  const withStages = packages.filter((dir) => discoverStageModules(join(dir, "src")).length > 0);

  it("discovers the stage modules of every package", () => {
    expect(withStages.length).toBeGreaterThan(3);
  });

  it.each(withStages.map((dir) => [dir.slice(workspace.length + 1), dir]))(
    "%s/stages.lock.json records the version and code of every stage (bump the version when its bytes change)",
    (_name, dir) => {
      expect(checkPackageStageLock(dir)).toEqual([]);
    },
  );
});

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => existsSync(join(dir, name, "src")));
  } catch {
    return [];
  }
}
