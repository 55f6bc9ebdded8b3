/**
 * A parser for the Python literals of an .npy header (`{'descr': '<f4', 'fortran_order': False,
 * 'shape': (3, 4), }`): dicts, tuples, lists, quoted strings, ints, True/False/None. Nothing else, and
 * nothing is evaluated.
 */
import { InvalidFormat } from "../errors.js";

/** A parsed literal: lists become arrays, tuples frozen arrays (as the unpickler does). */
export type PyLiteral = null | boolean | number | string | PyLiteral[] | { [key: string]: PyLiteral };

/** Parses `text`, or returns undefined when it is not a literal of the supported kinds. */
export function parsePyLiteral(text: string): PyLiteral | undefined {
  const parser = new Parser(text);
  try {
    const value = parser.value();
    parser.skipSpace();
    return parser.atEnd() ? value : undefined;
  } catch {
    return undefined;
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  value(): PyLiteral {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === "{") return this.dict();
    if (c === "(") return Object.freeze(this.sequence(")")) as PyLiteral[];
    if (c === "[") return this.sequence("]");
    if (c === "'" || c === '"') return this.string();
    const word = /^(True|False|None|-?\d+)/.exec(this.text.slice(this.pos))?.[0];
    if (word === undefined) throw new InvalidFormat("npy header", "unexpected token");
    this.pos += word.length;
    if (word === "True" || word === "False") return word === "True";
    if (word === "None") return null;
    return Number(word);
  }

  private dict(): { [key: string]: PyLiteral } {
    const out: { [key: string]: PyLiteral } = Object.create(null) as { [key: string]: PyLiteral };
    this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === "}") break;
      const key = this.value();
      if (typeof key !== "string") throw new InvalidFormat("npy header", "non-string key");
      this.skipSpace();
      this.expect(":");
      out[key] = this.value();
      if (!this.comma("}")) break;
    }
    this.expect("}");
    return out;
  }

  private sequence(close: string): PyLiteral[] {
    const out: PyLiteral[] = [];
    this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) break;
      out.push(this.value());
      if (!this.comma(close)) break;
    }
    this.expect(close);
    return out;
  }

  /** Consumes a comma; false when the closing bracket follows instead. */
  private comma(close: string): boolean {
    this.skipSpace();
    if (this.text[this.pos] === ",") {
      this.pos++;
      return true;
    }
    if (this.text[this.pos] !== close) throw new InvalidFormat("npy header", "expected a comma");
    return false;
  }

  private string(): string {
    const quote = this.text[this.pos++];
    const end = this.text.indexOf(quote!, this.pos);
    if (end < 0) throw new InvalidFormat("npy header", "unterminated string");
    const s = this.text.slice(this.pos, end);
    if (s.includes("\\")) throw new InvalidFormat("npy header", "escapes are not supported");
    this.pos = end + 1;
    return s;
  }

  private expect(c: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== c) throw new InvalidFormat("npy header", `expected ${c}`);
    this.pos++;
  }
}
