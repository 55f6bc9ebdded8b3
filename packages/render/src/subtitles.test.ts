import { describe, expect, it } from "vitest";
import { parseLrc } from "@choreo/ingest";
import { formatSrt, lyricsOfLrc, srtTimestamp } from "./subtitles.js";

describe("formatSrt", () => {
  it("times LRC lines until the next one, shifted to the clip and cut at its end", () => {
    const lyrics = lyricsOfLrc(parseLrc("[00:01.00]one\n[00:02.50]two\n[00:04.00]\n[00:05.00]three\n"));
    expect(lyrics.lines).toEqual([
      { startSec: 1, endSec: 2.5, text: "one" },
      { startSec: 2.5, endSec: 4, text: "two" },
      { startSec: 5, endSec: 9, text: "three" },
    ]);
    expect(formatSrt(lyrics, { offsetSec: -2, durationSec: 4 })).toBe(
      "1\n00:00:00,000 --> 00:00:00,500\none\n\n2\n00:00:00,500 --> 00:00:02,000\ntwo\n\n3\n00:00:03,000 --> 00:00:04,000\nthree\n",
    );
  });

  it("writes hours, minutes, seconds and milliseconds", () => {
    expect(srtTimestamp(3723.4567)).toBe("01:02:03,457");
  });
});
