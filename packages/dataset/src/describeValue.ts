/**
 * One-screen summaries of decoded values (what `describeFile` shows of pickles and .npy): arrays as
 * dtype + shape (+ min/max of numeric ones), dicts and lists recursively to a small depth, long collections elided.
 */
import { isNdArray, type PickleValue } from "@choreo/ingest";

const maxEntries = 20;

function range(data: ArrayLike<number | bigint>): string {
  if (data.length === 0 || typeof data[0] === "bigint") return "";
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return ` min ${lo.toPrecision(4)} max ${hi.toPrecision(4)}`;
}

/** Lines describing `value`, indented by `depth`. */
export function describeValue(value: PickleValue, depth = 0, label = ""): string[] {
  const pad = "  ".repeat(depth);
  const head = label === "" ? pad : `${pad}${label}: `;
  if (isNdArray(value)) {
    const shape = value.shape.length === 0 ? "scalar" : `[${value.shape.join(", ")}]`;
    const scalar = value.shape.length === 0 ? ` = ${String(value.data[0])}` : range(value.data);
    return [`${head}ndarray ${value.dtype} ${shape}${scalar}`];
  }
  if (value instanceof Map) {
    const lines = [`${head}dict of ${value.size}`];
    if (depth >= 3) return lines;
    let n = 0;
    for (const [k, v] of value) {
      if (n++ >= maxEntries) {
        lines.push(`${pad}  … ${value.size - maxEntries} more`);
        break;
      }
      lines.push(
        ...describeValue(v, depth + 1, typeof k === "string" || typeof k === "number" ? String(k) : "(key)"),
      );
    }
    return lines;
  }
  if (Array.isArray(value)) {
    const lines = [`${head}list of ${value.length}`];
    if (depth >= 3) return lines;
    (value as PickleValue[])
      .slice(0, 3)
      .forEach((v, i) => lines.push(...describeValue(v, depth + 1, `[${i}]`)));
    if (value.length > 3) lines.push(`${pad}  …`);
    return lines;
  }
  if (value instanceof Uint8Array) return [`${head}bytes (${value.length})`];
  if (typeof value === "object" && value !== null && "dtype" in value && value.dtype === "object") {
    const lines = [`${head}object array [${value.shape.join(", ")}]`];
    value.data.slice(0, 3).forEach((v, i) => lines.push(...describeValue(v, depth + 1, `[${i}]`)));
    return lines;
  }
  const text =
    typeof value === "string"
      ? JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
      : typeof value === "number" || typeof value === "bigint" || typeof value === "boolean" || value === null
        ? String(value)
        : "(value)";
  return [`${head}${text}`];
}
