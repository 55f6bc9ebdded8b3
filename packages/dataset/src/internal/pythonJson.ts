/**
 * Numbers and matrices as Python's `json.dump` prints them (`float.__repr__`: shortest round-trip digits,
 * exponent form below 1e-4 and from 1e16 with at least two exponent digits, integral floats with ".0";
 * items separated by ", "), so a file written here is byte-identical to the reference's.
 */

/** `repr(float(x))` in Python 3 (json.dump's float format, NaN and Infinity included). */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // toExponential() without digits gives the shortest digits that round-trip, as Python's repr does.
  const [mantissa, expText] = x.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const fraction = digits.slice(exp + 1);
  return `${sign}${whole}.${fraction === "" ? "0" : fraction}`;
}

/** A rows × cols row-major matrix as `json.dumps(array.tolist())` prints a float array. */
export function pythonJsonMatrix(data: ArrayLike<number>, rows: number, cols: number): string {
  const lines = new Array<string>(rows);
  const row = new Array<string>(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) row[c] = pythonFloatRepr(data[r * cols + c]!);
    lines[r] = `[${row.join(", ")}]`;
  }
  return `[${lines.join(", ")}]`;
}
