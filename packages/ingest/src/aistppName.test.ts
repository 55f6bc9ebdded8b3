import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  aistppMusicId,
  aistppMusicIdIn,
  aistppMusicPath,
  aistppSequenceOfVideo,
  aistppTempoBpm,
  aistppVideoName,
  findAistppMusic,
  parseAistppName,
} from "./aistppName.js";

const musicDir = fileURLToPath(new URL("../test/fixtures/aistpp_music/", import.meta.url));

describe("parseAistppName", () => {
  it("splits a sequence name into its six fields", () => {
    expect(parseAistppName("gBR_sBM_cAll_d04_mBR0_ch01")).toEqual({
      name: "gBR_sBM_cAll_d04_mBR0_ch01",
      genre: "gBR",
      situation: "sBM",
      camera: "cAll",
      dancer: "d04",
      music: "mBR0",
      choreography: "ch01",
    });
    expect(parseAistppName("gJB_sFM_c07_d09_mJB3_ch10").camera).toBe("c07");
  });

  it("reads 3-field names as genre and camera", () => {
    expect(parseAistppName("gKR_c02_x1")).toMatchObject({ genre: "gKR", camera: "c02", music: undefined });
  });

  it.each(["gXX_sBM_cAll_d04_mBR0_ch01", "gBR_sBM_cAll_d04_mBR0", "", "gBR_sBM_cAll_d4_mBR0_ch01"])(
    "rejects %j with InvalidFormat",
    (name) => {
      expect(() => parseAistppName(name)).toThrow(expect.objectContaining({ _tag: "InvalidFormat" }));
    },
  );
});

describe("aistppSequenceOfVideo", () => {
  it("maps a video name to its sequence and view and back", () => {
    expect(aistppSequenceOfVideo("gBR_sBM_c06_d04_mBR0_ch01")).toEqual({
      sequence: "gBR_sBM_cAll_d04_mBR0_ch01",
      view: "c06",
    });
    expect(aistppSequenceOfVideo("gBR_c01_x")).toEqual({ sequence: "gBR_cAll_x", view: "c01" });
    expect(aistppVideoName("gBR_sBM_cAll_d04_mBR0_ch01", "c09")).toBe("gBR_sBM_c09_d04_mBR0_ch01");
  });
});

describe("aistppTempoBpm", () => {
  it("decodes the tempo of _get_tempo", () => {
    expect(aistppTempoBpm("mBR0")).toBe(80);
    expect(aistppTempoBpm("mJB5")).toBe(130);
    expect(aistppTempoBpm("mHO0")).toBe(110);
    expect(aistppTempoBpm("mHO5")).toBe(135);
    expect(aistppTempoBpm(aistppMusicId("gLH_sBM_cAll_d16_mLH4_ch02"))).toBe(120);
  });

  it("rejects unknown music ids with InvalidFormat", () => {
    for (const id of ["mXX1", "mBR", "mBRx", "mBR10"]) {
      expect(() => aistppTempoBpm(id)).toThrow(expect.objectContaining({ _tag: "InvalidFormat" }));
    }
  });
});

describe("aistppMusicIdIn", () => {
  it("finds the music id in bare ids, sequence and video names, and paths (FACT/EDGE's split('_')[4])", () => {
    expect(aistppMusicIdIn("gXX_sFM_cAll_d00_mPO2_ch00.wav")).toBe("mPO2");
    expect(aistppMusicIdIn("/data/wavs/gBR_sBM_cAll_d04_mBR0_ch01_slice3.wav")).toBe("mBR0");
    expect(aistppMusicIdIn("C:\\wavs\\gLH_sBM_c01_d16_mLH4_ch02.mp4")).toBe("mLH4");
    expect(aistppMusicIdIn("mHO5")).toBe("mHO5");
    expect(aistppMusicIdIn("mJB5.wav")).toBe("mJB5");
    expect(aistppTempoBpm(aistppMusicIdIn("mJB5.wav")!)).toBe(130);
  });

  it("gives undefined for names without an AIST++ music id", () => {
    for (const name of ["song.wav", "mXX1", "mBR10.wav", "a_b_c_d_song_e", ""])
      expect(aistppMusicIdIn(name)).toBeUndefined();
  });
});

describe("findAistppMusic", () => {
  it("finds the music file of a sequence by its music id", async () => {
    expect(aistppMusicPath("/m", "gHO_sFM_cAll_d20_mHO5_ch13")).toBe("/m/mHO5.wav");
    expect(await findAistppMusic(musicDir, "gBR_sBM_cAll_d04_mBR0_ch01")).toBe(`${musicDir}mBR0.wav`);
  });

  it("reports missing music as MissingSource", async () => {
    await expect(findAistppMusic(musicDir, "gPO_sBM_cAll_d10_mPO1_ch02")).rejects.toMatchObject({
      _tag: "MissingSource",
    });
  });
});
