import { describe, expect, it } from "vitest";
import { smpl78OfTrack } from "./videoSmpl.js";

/** Three frames of the same BlazePose landmarks (a rough standing pose, 1280×720): flags and NaNs vary. */
function track(): Parameters<typeof smpl78OfTrack>[0] {
  const frames = 3;
  const world33 = new Float32Array(frames * 99);
  const blazepose33 = new Float32Array(frames * 33 * 4);
  for (let f = 0; f < frames; f++)
    for (let j = 0; j < 33; j++) {
      const side = j % 2 === 0 ? 1 : -1;
      const height = 0.8 - (j / 33) * 1.6; // head (j 0) at the top, feet (j 32) at the bottom, y down
      world33.set([side * (0.1 + 0.005 * j), -height, 0.02 * Math.sin(j)], f * 99 + j * 3);
      blazepose33.set([640 + side * (40 + 2 * j), 360 - 300 * height, 0, 0.9], (f * 33 + j) * 4);
    }
  world33[1 * 99 + 5] = NaN;
  return {
    frames,
    fps: 30,
    widthPx: 1280,
    heightPx: 720,
    world33,
    blazepose33,
    flags: Uint8Array.from([1, 0, 0]),
  };
}

describe("smpl78OfTrack", () => {
  it("marks no-person frames and frames with missing landmarks absent and leaves their rows zero", () => {
    const { dance, present } = smpl78OfTrack(track());
    expect([...present]).toEqual([0, 0, 1]);
    expect(dance.subarray(0, 156).every((v) => v === 0)).toBe(true);
  });

  it("writes JustLMD's layout for present frames: zero root in poses, Th in front of the camera", () => {
    const row = smpl78OfTrack(track()).dance.subarray(156, 234);
    expect(row.every(Number.isFinite)).toBe(true);
    expect([...row.subarray(0, 3)]).toEqual([0, 0, 0]);
    expect(row[74]).toBeGreaterThan(0); // Th.z: the person stands in front of the camera
    expect(row.subarray(75, 78).some((v) => v !== 0)).toBe(true); // Rh carries the orientation
  });
});
