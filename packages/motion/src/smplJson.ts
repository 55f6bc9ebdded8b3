/**
 * EasyMocap-compatible SMPL JSON from an SMPL sequence: JustLMD's `smplfull.json` (frames keyed by 6-digit
 * numbers, each with the camera `K`, `R`, `T` and one person `{id, shapes, poses (72, root zeroed), Rh, Th}`),
 * written with ingest's `formatSmplFull` so the bytes follow JustLMD's layout. Sequences in the AIST++
 * convention are converted first. Betas are zeros unless given (choreo does not fit shape).
 */
import { writeFile } from "node:fs/promises";
import { formatSmplFull, type EasyMocapFrame } from "@choreo/ingest";
import { aistppToEasymocap, type SmplSequence } from "./conventions.js";
import { intrinsicMatrix, type PinholeCamera } from "./liftCamera.js";

/** Options of `toSmplFullFrames`. */
export interface SmplJsonOptions {
  /** Camera written into each frame; default 1280×720 with EasyMocap's focal (JustLMD's frames). */
  readonly camera?: PinholeCamera;
  /** 10 betas; default zeros. */
  readonly shapes?: readonly number[];
  /** Number of the first frame. Default 0. */
  readonly firstFrame?: number;
}

const round7 = (v: number): number => Math.round(v * 1e7) / 1e7; // parity: EasyMocap prints %7.7f

/** EasyMocap frames of a sequence, keyed by frame number. */
export function toSmplFullFrames(
  seq: SmplSequence,
  options: SmplJsonOptions = {},
): Map<number, EasyMocapFrame> {
  const e = aistppToEasymocap(seq);
  const camera = options.camera ?? { widthPx: 1280, heightPx: 720, focalPx: 864, cxPx: 640, cyPx: 360 };
  const shapes = [...(options.shapes ?? new Array<number>(10).fill(0))];
  const frames = new Map<number, EasyMocapFrame>();
  for (let t = 0; t < e.frames; t++) {
    const poses = [0, 0, 0, ...Array.from(e.poses.subarray(t * 72 + 3, t * 72 + 72), round7)];
    frames.set((options.firstFrame ?? 0) + t, {
      K: intrinsicMatrix(camera),
      R: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      T: [[0], [0], [0]],
      annots: [
        {
          id: 0,
          shapes: [shapes],
          poses: [poses],
          Rh: [Array.from(e.poses.subarray(t * 72, t * 72 + 3), round7)],
          Th: [Array.from(e.trans.subarray(t * 3, t * 3 + 3), round7)],
        },
      ],
    });
  }
  return frames;
}

/** `smplfull.json` text of a sequence in JustLMD's layout. */
export function formatEasyMocapSmpl(seq: SmplSequence, options: SmplJsonOptions = {}): string {
  return formatSmplFull({ frames: toSmplFullFrames(seq, options) });
}

/** Writes `smplfull.json` for a sequence. */
export async function writeEasyMocapSmpl(
  path: string,
  seq: SmplSequence,
  options: SmplJsonOptions = {},
): Promise<void> {
  await writeFile(path, formatEasyMocapSmpl(seq, options));
}
