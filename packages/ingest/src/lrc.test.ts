import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { autoSlice, formatSlicedJson, lmdSequences, parseSlicedJson } from "./autoSlice.js";
import { firstLineSyncOffsetSec, formatLrcTimestamp, lrcSeconds, parseLrc, readLrc } from "./lrc.js";

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../test/fixtures/lrc/${name}`, import.meta.url));
const text = (name: string): string => readFileSync(fixture(name), "utf8");

describe("parseLrc", () => {
  it("reads 2- and 3-digit fractions, empty text, no space after ']' and a leading space", async () => {
    const lines = await readLrc(fixture("song.lrc"));
    expect(lines).toHaveLength(9);
    expect(lines[0]).toEqual({
      timestamp: "00:10.50",
      seconds: 10.5,
      text: "Morning light on the floor",
      lineNumber: 1,
    });
    expect(lines[1]).toMatchObject({ timestamp: "00:12.250", seconds: 12.25, text: " step to the left" });
    expect(lines[2]).toMatchObject({ timestamp: "00:15.00", seconds: 15, text: "" });
    expect(lines[3]!.seconds).toBe(16.999);
    expect(lines[8]).toMatchObject({ timestamp: "00:40.000", text: " never written", lineNumber: 9 });
  });

  it.each([
    ["[00:10.00]b\n[00:05.00]a\n", "line 2 at '00:05.00' comes before line 1 at '00:10.00'"],
    ["[100000000000000000000:00.00]far\n", "past 24 hours"],
  ])("refuses %j (InvalidFormat naming the line)", (lrc, problem) => {
    expect(() => parseLrc(lrc, { file: "x.lrc" })).toThrow(
      expect.objectContaining({
        _tag: "InvalidFormat",
        file: "x.lrc",
        message: expect.stringContaining(problem),
      }),
    );
  });

  it("reads CRLF line endings", () => {
    expect(parseLrc(text("zero_start.lrc")).map((l) => l.text)).toEqual([
      " intro hum",
      " first words",
      " second group",
      " tail",
    ]);
  });

  it("shifts every line by offsetSec and re-writes timestamps as mm:ss.fff", () => {
    const lines = parseLrc(text("song.lrc"), { offsetSec: 50 });
    expect(lines[0]).toMatchObject({ timestamp: "01:00.500", seconds: 60.5 });
    expect(lines[3]).toMatchObject({ timestamp: "01:06.999", seconds: 66.999 });
  });

  it("gives the offset that syncs the first line", () => {
    const lines = parseLrc(text("song.lrc"));
    expect(firstLineSyncOffsetSec(lines, 12)).toBe(1.5);
  });

  it.each([["empty.lrc"], ["garbled.lrc"], ["bad_timestamp.lrc"]])(
    "fails with InvalidFormat on %s",
    async (name) => {
      await expect(readLrc(fixture(name))).rejects.toMatchObject({
        _tag: "InvalidFormat",
        file: fixture(name),
      });
    },
  );

  it("fails with InvalidFormat on whitespace only and on a missing file", async () => {
    expect(() => parseLrc(" \n\n  ")).toThrow(expect.objectContaining({ _tag: "InvalidFormat" }) as Error);
    await expect(readLrc("/nonexistent.lrc")).rejects.toMatchObject({ _tag: "InvalidFormat" });
  });
});

describe("lrcSeconds", () => {
  it("rounds to microseconds like timedelta(minutes, seconds)", () => {
    expect(lrcSeconds("01:02.5")).toBe(62.5);
    expect(lrcSeconds("00:12.345")).toBe(12.345);
    expect(lrcSeconds("00:00.0000004")).toBe(0);
    expect(lrcSeconds("00:00.0000016")).toBe(0.000002);
    expect(lrcSeconds("1:2:3")).toBeUndefined();
    expect(lrcSeconds("xx:01")).toBeUndefined();
  });
});

describe("formatLrcTimestamp", () => {
  it("writes '{:02d}:{:06.3f}' with half-even ties", () => {
    expect(formatLrcTimestamp(6.499)).toBe("00:06.499");
    expect(formatLrcTimestamp(125.5)).toBe("02:05.500");
    expect(formatLrcTimestamp(0.0625)).toBe("00:00.062");
    expect(formatLrcTimestamp(600)).toBe("10:00.000");
  });
});

describe("autoSlice", () => {
  it("reproduces JustLMD's sliced.json byte for byte", () => {
    const sliced = autoSlice(parseLrc(text("song.lrc")));
    expect(sliced.map((e) => e.timestamp)).toEqual(["00:10.50", "00:16.999", "00:23.20", "00:29.25"]);
    expect(formatSlicedJson(sliced)).toBe(text("song.sliced.json"));
  });

  it("keeps a line exactly sequenceLength after the group start in that group (strict >)", () => {
    const sliced = autoSlice(parseLrc(text("song.lrc")));
    expect(sliced[3]!.text).toBe("last group line  exactly six later");
  });

  it("closes a group starting at 00:00 on every line, as the reference does", () => {
    const sliced = autoSlice(parseLrc(text("zero_start.lrc")));
    expect(sliced.map((e) => [e.timestamp, e.text])).toEqual([
      ["00:00.00", "intro hum"],
      ["00:01.00", "first words"],
      ["00:08.00", "second group"],
    ]);
  });

  it("honours another sequence length", () => {
    expect(autoSlice(parseLrc(text("song.lrc")), { sequenceLengthSec: 2 }).map((e) => e.timestamp)).toEqual([
      "00:10.50",
      "00:15.00",
      "00:17.100",
      "00:23.20",
      "00:29.25",
      "00:35.25",
    ]);
  });
});

describe("formatSlicedJson", () => {
  it("escapes like json.dump(ensure_ascii=False) and writes {} when empty", () => {
    expect(formatSlicedJson([])).toBe("{}");
    expect(formatSlicedJson([{ timestamp: "00:01.00", seconds: 1, text: 'a\\b\t"c"\u0001é' }])).toBe(
      '{\n    "00:01.00": "a\\\\b\\t\\"c\\"\\u0001é"\n}',
    );
  });
});

describe("lmdSequences", () => {
  it("keys sequences <song>_<int seconds>, drops the last group and lists 180 frame keys", () => {
    const entries = parseSlicedJson(text("song.sliced.json"));
    const sequences = lmdSequences("TestSong", entries);
    expect(sequences.map((s) => s.key)).toEqual(["TestSong_10", "TestSong_16", "TestSong_23"]);
    expect(sequences.map((s) => s.trimmedSec)).toEqual([0, 6.499, 12.7]);
    expect(sequences[1]!.startSec).toBe(16.999);
    expect(sequences[1]!.frameKeys).toHaveLength(180);
    expect(sequences[1]!.frameKeys[0]).toBe("000194"); // int(6.499 * 30)
    expect(sequences[2]!.frameKeys.at(-1)).toBe("000560");
  });

  it("fails with InvalidFormat on a sliced.json that is not an object of strings", () => {
    expect(() => parseSlicedJson("[1,2]")).toThrow(
      expect.objectContaining({ _tag: "InvalidFormat" }) as Error,
    );
    expect(() => parseSlicedJson("{")).toThrow(expect.objectContaining({ _tag: "InvalidFormat" }) as Error);
  });
});
