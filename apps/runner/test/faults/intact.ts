// What every fault scenario asserts besides its error: nothing already built was lost.
import { expect } from "vitest";
import { runCli } from "../cli.js";

/** Every blob of the cache hashes to its name and every entry is whole; each dataset folder verifies. */
export async function expectIntact(cwd: string, cache: string, ...datasets: string[]): Promise<void> {
  const store = await runCli(["verify", "--cache", cache], cwd);
  expect(store.code, store.stdout).toBe(0);
  for (const dir of datasets) {
    const folder = await runCli(["verify", dir], cwd);
    expect(folder.code, folder.stdout).toBe(0);
  }
}
