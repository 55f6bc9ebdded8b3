import { describe, expect, it } from "vitest";
import { assertPathSegment, isPathSegment } from "./index.js";

describe("assertPathSegment", () => {
  it("accepts plain names, Unicode and dots inside", () => {
    for (const ok of ["BadGuy", "Señorita_2", "a.b", "..a", "song (live)"])
      expect(assertPathSegment(ok, "song key")).toBe(ok);
  });

  it("refuses traversal, separators, absolute paths, drives, NUL and empty names", () => {
    for (const bad of ["../../nm/ESCAPED", "..", ".", "a/b", "a\\b", "/etc", "C:evil", "a\0b", ""]) {
      expect(isPathSegment(bad)).toBe(false);
      expect(() => assertPathSegment(bad, "song key")).toThrow(
        expect.objectContaining({ _tag: "UnsafePathSegment", value: bad }),
      );
    }
  });
});
