import { describe, expect, it } from "vitest";
import { previewOptionsFromFlags } from "./previewFlags.js";

describe("previewOptionsFromFlags", () => {
  it("gives the defaults without flags and the values of given ones", () => {
    expect(previewOptionsFromFlags({})).toEqual({
      width: 512,
      height: 512,
      orbitDegPerSec: 0,
      audioStartSec: 0,
    });
    expect(previewOptionsFromFlags({ size: "640x360", fps: "24", orbit: "-10", audioStart: "1.5" })).toEqual({
      width: 640,
      height: 360,
      orbitDegPerSec: -10,
      audioStartSec: 1.5,
      fps: 24,
    });
  });

  it.each([
    [
      { size: "0x0" },
      "InvalidRenderOption",
      '[render] option --size: expected WxH with sides from 64 to 4096, got "0x0"',
    ],
    [
      { size: "big" },
      "InvalidRenderOption",
      '[render] option --size: expected WxH with sides from 64 to 4096, got "big"',
    ],
    [{ fps: "0" }, "InvalidOption", "[core] --fps: expected a number > 0, got 0"],
    [{ audioStart: "-1" }, "InvalidOption", "[core] --audio-start: expected a number >= 0, got -1"],
    [{ orbit: "NaN" }, "InvalidOption", "[core] --orbit: expected number, got NaN"],
  ])("refuses %j naming the flag (misuse)", (flags, tag, message) => {
    expect(() => previewOptionsFromFlags(flags)).toThrow(
      expect.objectContaining({ _tag: tag, usage: true, message }),
    );
  });
});
