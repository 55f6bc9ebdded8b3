/**
 * `choreo render`'s option flags as typed (text) → the values they set, each refused with the flag named and
 * the rule (`--size: expected WxH with sides from 64 to 4096, got "0x0"`, `--fps: expected a number > 0,
 * got 0`); misuse, so the CLI exits 2. It reads no files; `renderPreview` validates the same values again.
 */
import { parseNumberOption } from "@choreo/core";
import { z } from "zod";
import { InvalidRenderOption } from "./errors.js";
import { PreviewOptionsSchema } from "./schema.js";

/** The flags, as given on the command line (absent ones undefined). */
export interface PreviewFlags {
  readonly size?: string | undefined;
  readonly fps?: string | undefined;
  readonly orbit?: string | undefined;
  readonly audioStart?: string | undefined;
}

/** What the flags set; `fps` only when given (else the input's own rate). */
export interface PreviewFlagValues {
  readonly width: number;
  readonly height: number;
  readonly orbitDegPerSec: number;
  readonly audioStartSec: number;
  readonly fps?: number;
}

function sizeOf(text: string | undefined): { width: number; height: number } {
  if (text === undefined) return { width: 512, height: 512 };
  const m = /^(\d+)x(\d+)$/.exec(text);
  const size = m === null ? undefined : { width: Number(m[1]), height: Number(m[2]) };
  if (size === undefined || !PreviewOptionsSchema.pick({ width: true, height: true }).safeParse(size).success)
    throw new InvalidRenderOption(
      "--size",
      `expected WxH with sides from 64 to 4096, got ${JSON.stringify(text)}`,
    );
  return size;
}

/** The preview options the flags give; InvalidOption / InvalidRenderOption naming the flag otherwise. */
export function previewOptionsFromFlags(flags: PreviewFlags): PreviewFlagValues {
  const fps = parseNumberOption(flags.fps, "--fps", z.number().positive());
  return {
    ...sizeOf(flags.size),
    orbitDegPerSec: parseNumberOption(flags.orbit, "--orbit", z.number()) ?? 0,
    audioStartSec: parseNumberOption(flags.audioStart, "--audio-start", z.number().nonnegative()) ?? 0,
    ...(fps !== undefined ? { fps } : {}),
  };
}
