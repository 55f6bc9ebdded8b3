// Writes a small JustLMD release folder (Songs_2099/<song>/{audio.wav, lyrics.lrc, sliced.json, smplfull.json})
// with choreo's own writers of those formats (ingest's tests check them against the real release files).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  autoSlice,
  encodeWav,
  formatSlicedJson,
  formatSmplFull,
  parseLrc,
  type EasyMocapFrame,
} from "@choreo/ingest";
import { synthesizeLrc, synthesizeMotion, synthesizeSong } from "@choreo/recipes";

export interface FakeSong {
  readonly name: string;
  readonly durationSec: number;
  readonly sampleRateHz: number;
  readonly bpm: number;
  /** smplfull frame numbers to leave out. */
  readonly missingFrames?: readonly number[];
  readonly withoutAudio?: boolean;
}

export function writeRelease(root: string, songs: readonly FakeSong[]): void {
  for (const [i, song] of songs.entries()) {
    const dir = join(root, "Songs_2099", song.name);
    mkdirSync(dir, { recursive: true });
    const lrc = synthesizeLrc({ bpm: song.bpm, durationSec: song.durationSec, seed: i + 1 })
      .split("\n")
      .filter(Boolean)
      .map((line, k) => (k === 0 ? line : line)) // lines start at 0 s; shift all by 2.5 s like a real intro
      .map((line) =>
        line.replace(/^\[(\d\d):(\d\d\.\d\d)\]/, (_, m: string, s: string) => {
          const t = Number(m) * 60 + Number(s) + 2.5;
          return `[${String(Math.floor(t / 60)).padStart(2, "0")}:${(t % 60).toFixed(2).padStart(5, "0")}]`;
        }),
      )
      .join("\n");
    writeFileSync(join(dir, "lyrics.lrc"), lrc);
    writeFileSync(join(dir, "sliced.json"), formatSlicedJson(autoSlice(parseLrc(lrc))));
    if (song.withoutAudio !== true) {
      const y = synthesizeSong({
        bpm: song.bpm,
        durationSec: song.durationSec,
        sampleRateHz: song.sampleRateHz,
        seed: i,
        rootHz: 196,
      });
      writeFileSync(join(dir, "audio.wav"), encodeWav({ samples: y, sampleRateHz: song.sampleRateHz }));
    }
    const motion = synthesizeMotion({ bpm: song.bpm, durationSec: song.durationSec - 2.5, fps: 30, seed: i });
    const frames = new Map<number, EasyMocapFrame>();
    for (let f = 0; f < motion.frames; f++) {
      if (song.missingFrames?.includes(f) === true) continue;
      const p = Array.from(motion.poses.subarray(f * 72, f * 72 + 72), (v) => Math.round(v * 1e7) / 1e7);
      const rh = p.slice(0, 3);
      p.fill(0, 0, 3);
      const th = Array.from(motion.trans.subarray(f * 3, f * 3 + 3), (v) => Math.round(v * 1e7) / 1e7);
      frames.set(f, { annots: [{ id: 0, shapes: [Array(10).fill(0)], poses: [p], Rh: [rh], Th: [th] }] });
    }
    writeFileSync(join(dir, "smplfull.json"), formatSmplFull({ frames }));
  }
}
