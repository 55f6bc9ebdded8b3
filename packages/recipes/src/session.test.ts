import { mkdtempSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ChoreoConfigSchema, loadConfig, openSession, resolveCacheDir } from "./session.js";

describe("session", () => {
  it("reads ./choreo.config.json when no --config is given, defaults otherwise", () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-session-"));
    expect(loadConfig(undefined, dir)).toEqual({ config: ChoreoConfigSchema.parse({}), file: undefined });
    writeFileSync(join(dir, "choreo.config.json"), JSON.stringify({ recipe: "demo", jobs: 3 }));
    const { config, file } = loadConfig(undefined, dir);
    expect(file).toBe(join(dir, "choreo.config.json"));
    expect(config).toMatchObject({ recipe: "demo", jobs: 3 });
  });

  it("names the config file and the bad field", () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-session-"));
    writeFileSync(join(dir, "c.json"), JSON.stringify({ jobs: "two", extra: 1 }));
    expect(() => loadConfig("c.json", dir)).toThrow(
      /\[recipes\] .*c\.json: .*jobs: expected number, got "two"/,
    );
  });

  it("takes the cache from the flag, the config, CHOREO_CACHE, then ~/.cache/choreo", () => {
    const config = ChoreoConfigSchema.parse({ cache: "c" });
    const none = ChoreoConfigSchema.parse({});
    expect(resolveCacheDir("f", config, { CHOREO_CACHE: "/e" }, "/w")).toBe("/w/f");
    expect(resolveCacheDir(undefined, config, { CHOREO_CACHE: "/e" }, "/w")).toBe("/w/c");
    expect(resolveCacheDir(undefined, none, { CHOREO_CACHE: "/e" }, "/w")).toBe("/e");
    expect(resolveCacheDir(undefined, none, {}, "/w")).toBe(join(homedir(), ".cache", "choreo"));
  });

  it("opens the recipe's store and refuses a bad --jobs by name", () => {
    const dir = mkdtempSync(join(tmpdir(), "choreo-session-"));
    const s = openSession({ cache: "cache", jobs: "2" }, dir, {});
    expect(s).toMatchObject({ recipe: "demo", jobs: 2, previous: undefined });
    expect(s.store.root).toBe(join(dir, "cache"));
    expect(() => openSession({ cache: "cache", jobs: "0" }, dir, {})).toThrow(
      "--jobs: expected a positive integer, got 0",
    );
  });
});
