import { describe, expect, it } from "vitest";
import { motionOptionsFromFlags } from "./schema.js";

describe("motionOptionsFromFlags", () => {
  it("reads the flags as the CLI gives them (text) into typed options with defaults", () => {
    const o = motionOptionsFromFlags({ metrics: "fid-k, pfc,", fps: "30", "seed-frames": "2", up: "y" });
    expect(o).toMatchObject({ metrics: ["fid-k", "pfc"], fps: 30, seedFrames: 2, pfcUpAxis: "y" });
    expect(o.featureMode).toBe("reference");
  });

  it("names the flag, what it expects and what it got", () => {
    expect(() => motionOptionsFromFlags({ fps: "0" })).toThrow(/--fps: expected a number > 0, got 0/);
    expect(() => motionOptionsFromFlags({ fps: "abc" })).toThrow(/--fps: expected number, got "abc"/);
    expect(() => motionOptionsFromFlags({ "seed-frames": "1.5" })).toThrow(/--seed-frames: /);
    expect(() => motionOptionsFromFlags({ up: "w" })).toThrow(/--up: expected one of "x", "y", "z", got "w"/);
    expect(() => motionOptionsFromFlags({ metrics: "fid-x" })).toThrow(/--metrics: /);
  });
});
