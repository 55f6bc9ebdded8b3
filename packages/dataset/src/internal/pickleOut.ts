/**
 * The byte-level pickle emitter shared by choreo's pickle writers (numpy pickles for EDGE, `torch.save`
 * archives): opcodes appended to a list of chunks, concatenated once at the end. It knows opcodes, not
 * objects: the writers decide what to emit. No memo (BINPUT/BINGET) is ever written.
 */

export class PickleOut {
  private chunks: Uint8Array[] = [];
  private length = 0;

  byte(...bytes: number[]): void {
    this.raw(Uint8Array.from(bytes));
  }

  raw(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  u32(n: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, n, true);
    this.raw(b);
  }

  /** A number as numpy pickles write it: small ints as BININT1/BININT, anything else as BINFLOAT. */
  int(n: number): void {
    if (Number.isInteger(n) && n >= 0 && n < 256)
      this.byte(0x4b, n); // BININT1
    else if (Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31) {
      this.byte(0x4a); // BININT
      const b = new Uint8Array(4);
      new DataView(b.buffer).setInt32(0, n, true);
      this.raw(b);
    } else this.float(n);
  }

  /** A Python int of any size: BININT1, BININT2, BININT, else LONG1 (two's complement, little-endian). */
  integer(n: number | bigint): void {
    const v = BigInt(n);
    if (v >= 0n && v < 65536n) {
      if (v < 256n)
        this.byte(0x4b, Number(v)); // BININT1
      else this.byte(0x4d, Number(v & 0xffn), Number(v >> 8n)); // BININT2
    } else if (v >= -(2n ** 31n) && v < 2n ** 31n) this.int(Number(v));
    else {
      const bytes: number[] = [];
      let x = v;
      // Emit bytes until the remaining value is all sign bits and the last byte's top bit agrees with it.
      for (;;) {
        const b = Number(x & 0xffn);
        bytes.push(b);
        x >>= 8n;
        if ((x === 0n && (b & 0x80) === 0) || (x === -1n && (b & 0x80) !== 0)) break;
      }
      this.byte(0x8a, bytes.length, ...bytes); // LONG1
    }
  }

  /** BINFLOAT: a float64, big-endian. */
  float(x: number): void {
    this.byte(0x47);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, false);
    this.raw(b);
  }

  str(s: string): void {
    const b = new TextEncoder().encode(s);
    this.byte(0x58); // BINUNICODE
    this.u32(b.length);
    this.raw(b);
  }

  global(module: string, name: string): void {
    this.byte(0x63); // GLOBAL
    this.raw(new TextEncoder().encode(`${module}\n${name}\n`));
  }

  /** A tuple of Python ints (shapes, strides): EMPTY_TUPLE, TUPLE1-3, or MARK … TUPLE. */
  intTuple(values: readonly number[]): void {
    if (values.length === 0) return this.byte(0x29); // EMPTY_TUPLE
    if (values.length > 3) this.byte(0x28); // MARK
    for (const v of values) this.integer(v);
    this.byte(values.length === 1 ? 0x85 : values.length === 2 ? 0x86 : values.length === 3 ? 0x87 : 0x74);
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
