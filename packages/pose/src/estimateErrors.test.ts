import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { estimatePoses, isImageFile } from "./estimatePoses.js";

const scratch = mkdtempSync(join(tmpdir(), "choreo-pose-"));

describe("estimatePoses errors", () => {
  it("rejects a file that is neither an image nor media with UnsupportedInput", async () => {
    const file = join(scratch, "notes.txt");
    writeFileSync(file, "not a video\n");
    await expect(estimatePoses(file)).rejects.toMatchObject({ _tag: "UnsupportedInput" });
  });

  it("rejects a missing file with UnsupportedInput", async () => {
    await expect(estimatePoses(join(scratch, "absent.mp4"))).rejects.toMatchObject({
      _tag: "UnsupportedInput",
    });
  });

  it("rejects a truncated JPEG with UnsupportedInput", async () => {
    const file = join(scratch, "broken.jpg");
    writeFileSync(file, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]));
    expect(await isImageFile(file)).toBe(true);
    await expect(estimatePoses(file)).rejects.toMatchObject({ _tag: "UnsupportedInput" });
  });
});
