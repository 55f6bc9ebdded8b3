// Module hooks of recordLoads.mjs: every resolved URL is appended to the record file synchronously, so nothing is
// lost when the process exits right after an import.
import { appendFileSync } from "node:fs";

let file = "";

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  appendFileSync(file, `${result.url}\n`);
  return result;
}
