/**
 * numpy type strings (`'<f4'`, `'|b1'`, `'i8'`, `'O8'`) → our dtype names. Structured, string, datetime
 * and float16 types are not supported and come back as undefined, so callers can name them in an error.
 */
import { dtypeInfo, type DType } from "../ndarray.js";

/** A parsed numpy type string. */
export type DescrInfo =
  | { readonly kind: "numeric"; readonly dtype: DType; readonly byteOrder: string }
  | { readonly kind: "object" };

const byName = new Map<string, DType>();
for (const [name, info] of Object.entries(dtypeInfo))
  byName.set(`${info.kind}${info.itemSize}`, name as DType);
byName.set("?1", "bool");

/** Parses a numpy type string with an optional byte-order prefix. */
export function parseDescr(descr: string): DescrInfo | undefined {
  const match = /^([<>|=]?)([a-zA-Z?])(\d*)$/.exec(descr);
  if (!match) return undefined;
  const [, order = "", kind = "", size = ""] = match;
  if (kind === "O") return { kind: "object" };
  const itemSize = size === "" ? (kind === "?" || kind === "b" ? 1 : NaN) : Number(size);
  const dtype = byName.get(`${kind}${itemSize}`);
  return dtype === undefined ? undefined : { kind: "numeric", dtype, byteOrder: order === "" ? "=" : order };
}

/** The numpy type string (`'<f4'`) of a dtype, for writers. */
export function descrOf(dtype: DType): string {
  const info = dtypeInfo[dtype];
  return info.itemSize === 1 ? `|${info.kind}1` : `<${info.kind}${info.itemSize}`;
}
