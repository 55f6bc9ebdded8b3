/**
 * Python text behaviour that JustLMD's scripts rely on and that JavaScript does differently: `str.strip()`'s
 * whitespace set, `float()` parsing, `datetime.timedelta` rounding to microseconds and `json.dumps` string
 * escaping (CPython 3.x). Only what the JustLMD readers need; not a general Python emulation.
 */

// parity: CPython str.isspace() for str.strip(); JS trim() differs (it strips U+FEFF, keeps U+001C-U+001F, U+0085)
// eslint-disable-next-line no-control-regex -- parity: Python's str.strip() strips the separators \x1c-\x1f
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const PY_STRIP = new RegExp(`^${PY_SPACE.source}+|${PY_SPACE.source}+$`, "g");
const PY_LSTRIP = new RegExp(`^${PY_SPACE.source}+`);

/** Python `s.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(PY_STRIP, "");
}

/** Python `s.lstrip()`. */
export function pyLstrip(s: string): string {
  return s.replace(PY_LSTRIP, "");
}

const PY_FLOAT = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;

/** Python `float(s)` for finite decimal literals; undefined where Python raises (or would give inf/nan). */
export function pyFloat(s: string): number | undefined {
  const body = pyStrip(s);
  if (!PY_FLOAT.test(body)) return undefined;
  const value = Number(body.replaceAll("_", ""));
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Microseconds of `timedelta(**{unit: value})` for a non-negative float, as CPython's `accum` computes them:
 * the integer part times the unit, the fraction times the unit split again, the leftover rounded half to even.
 */
function timedeltaMicros(value: number, microsPerUnit: number): { whole: number; leftover: number } {
  const intPart = Math.trunc(value);
  const frac = value - intPart;
  const scaled = frac * microsPerUnit;
  const scaledInt = Math.trunc(scaled);
  return { whole: intPart * microsPerUnit + scaledInt, leftover: scaled - scaledInt };
}

function roundLeftover(whole: number, leftover: number): number {
  const rounded = Math.round(leftover);
  if (Math.abs(rounded - leftover) === 0.5) {
    // half to even on the total, as CPython does
    const down = whole + Math.floor(leftover);
    return down % 2 === 0 ? down : down + 1;
  }
  return whole + rounded;
}

/** `datetime.timedelta(minutes=m, seconds=s).total_seconds()`. */
export function pyTimedeltaSeconds(minutes: number, seconds: number): number {
  const m = timedeltaMicros(minutes, 60_000_000);
  const s = timedeltaMicros(seconds, 1_000_000);
  return roundLeftover(m.whole + s.whole, m.leftover + s.leftover) / 1_000_000;
}

/** Python `'%.3f' % x` / `'{:06.3f}'` digits: correctly rounded, exact ties to even. */
export function pyFixed3(x: number): string {
  const scaled = x * 1000;
  // toFixed rounds ties away from zero; ties are exact only when x*1000 is exactly k + 0.5
  if (Math.abs(scaled % 1) === 0.5 && Number.isSafeInteger(Math.trunc(scaled))) {
    const down = Math.floor(scaled);
    const even = down % 2 === 0 ? down : down + 1;
    return (even / 1000).toFixed(3);
  }
  return x.toFixed(3);
}

/** Python float `x // y` and `x % y` for y > 0. */
export function pyDivMod(x: number, y: number): [number, number] {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0 && mod < 0) {
    mod += y;
    div -= 1;
  }
  let floorDiv = Math.floor(div);
  if (div - floorDiv > 0.5) floorDiv += 1;
  return [floorDiv, mod];
}

/** `json.dumps(s, ensure_ascii=...)` of one string. */
export function pyJsonString(s: string, ensureAscii: boolean): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) out += escapeUtf16(ch);
    else out += ch;
  }
  return `${out}"`;
}

function escapeUtf16(ch: string): string {
  let out = "";
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, "0")}`;
  return out;
}

/** `json.dump(d, indent=4, ensure_ascii=...)` of a flat `{str: str}` dict in insertion order (no final newline). */
export function pyJsonStringDict(
  entries: Iterable<readonly [string, string]>,
  options: { indent: number; ensureAscii: boolean },
): string {
  const pad = " ".repeat(options.indent);
  const items: string[] = [];
  for (const [key, value] of entries) {
    items.push(
      `${pad}${pyJsonString(key, options.ensureAscii)}: ${pyJsonString(value, options.ensureAscii)}`,
    );
  }
  return items.length === 0 ? "{}" : `{\n${items.join(",\n")}\n}`;
}

/** Python `repr(float)`: shortest round-trip digits, `.0` on integral values, exponent outside [1e-4, 1e16). */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, expText] = x.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  const text = String(x);
  return Number.isInteger(x) ? `${text}.0` : text;
}
