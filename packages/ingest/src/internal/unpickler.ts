/**
 * The pickle virtual machine for protocols 2–5 (opcode semantics of CPython's `pickle.py`/`pickletools`):
 * a stack, a mark stack and a memo. It only knows data opcodes; globals go through the numpy whitelist and
 * NEWOBJ/INST/OBJ/EXT and the text opcodes of protocols 0/1 are refused. Nothing is ever executed.
 */
import { InvalidFormat, UnsafePickle } from "../errors.js";
import { buildArray, buildDtype, lookupGlobal, PickleProblem } from "./numpyGlobals.js";
import { GlobalRef, PendingArray, PickleDtype, type PickleValue, type StackValue } from "./pickleTypes.js";

const utf8 = new TextDecoder("utf-8");

export interface UnpickleInput {
  readonly bytes: Uint8Array;
  readonly file: string;
  readonly buffers: readonly Uint8Array[];
}

export function unpickle(input: UnpickleInput): PickleValue {
  try {
    return new Machine(input).run();
  } catch (error) {
    if (error instanceof PickleProblem) throw new InvalidFormat(input.file, error.message, { cause: error });
    throw error;
  }
}

class Machine {
  private pos = 0;
  private stack: StackValue[] = [];
  private readonly marks: number[] = [];
  private readonly memo = new Map<number, StackValue>();
  private readonly view: DataView;
  private nextBuffer = 0;

  constructor(private readonly input: UnpickleInput) {
    this.view = new DataView(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  }

  run(): PickleValue {
    const bytes = this.input.bytes;
    if (bytes[0] !== 0x80 || bytes.length < 2) throw new PickleProblem("not a pickle of protocol 2 or later");
    const protocol = bytes[1]!;
    if (protocol < 2 || protocol > 5) throw new PickleProblem(`unsupported pickle protocol ${protocol}`);
    this.pos = 2;
    for (;;) {
      const at = this.pos;
      const op = this.u8();
      if (op === 0x2e) break; // STOP
      try {
        this.step(op);
      } catch (error) {
        if (error instanceof PickleProblem) throw new PickleProblem(`${error.message} (opcode 0x${hex(op)} at ${at})`);
        throw error;
      }
    }
    if (this.stack.length !== 1 || this.marks.length !== 0) throw new PickleProblem("STOP with an unbalanced stack");
    return this.settle(this.stack[0]!);
  }

  // One opcode; the numbers are the opcode bytes of pickletools.
  private step(op: number): void {
    const s = this.stack;
    switch (op) {
      case 0x95: this.take(8); return; // FRAME: the whole input is in memory already
      case 0x80: this.u8(); return; // PROTO again (allowed by pickle.py)
      case 0x28: this.marks.push(s.length); return; // MARK
      case 0x7d: s.push(new Map()); return; // EMPTY_DICT
      case 0x5d: s.push([]); return; // EMPTY_LIST
      case 0x29: s.push(Object.freeze([])); return; // EMPTY_TUPLE
      case 0x85: s.push(this.tuple(1)); return; // TUPLE1
      case 0x86: s.push(this.tuple(2)); return;
      case 0x87: s.push(this.tuple(3)); return;
      case 0x74: s.push(Object.freeze(this.popMark().map((v) => this.settle(v, true)))); return; // TUPLE
      case 0x6c: s.push(this.popMark().map((v) => this.settle(v))); return; // LIST
      case 0x64: { const d = new Map(); this.setItems(d, this.popMark()); s.push(d); return; } // DICT
      case 0x73: { const v = this.pop(); const k = this.pop(); this.setItems(this.top(), [k, v]); return; }
      case 0x75: { const items = this.popMark(); this.setItems(this.top(), items); return; } // SETITEMS
      case 0x61: { const v = this.pop(); this.appendTo(this.top(), [v]); return; } // APPEND
      case 0x65: { const items = this.popMark(); this.appendTo(this.top(), items); return; } // APPENDS
      case 0x4e: s.push(null); return;
      case 0x88: s.push(true); return;
      case 0x89: s.push(false); return;
      case 0x4a: s.push(this.view.getInt32(this.advance(4), true)); return; // BININT
      case 0x4b: s.push(this.u8()); return; // BININT1
      case 0x4d: s.push(this.view.getUint16(this.advance(2), true)); return; // BININT2
      case 0x8a: s.push(longFrom(this.take(this.u8()))); return; // LONG1
      case 0x8b: s.push(longFrom(this.take(this.len32()))); return; // LONG4
      case 0x47: s.push(this.view.getFloat64(this.advance(8), false)); return; // BINFLOAT (big-endian)
      case 0x8c: s.push(utf8.decode(this.take(this.u8()))); return; // SHORT_BINUNICODE
      case 0x58: s.push(utf8.decode(this.take(this.len32()))); return; // BINUNICODE
      case 0x8d: s.push(utf8.decode(this.take(this.len64()))); return; // BINUNICODE8
      case 0x55: s.push(latin1(this.take(this.u8()))); return; // SHORT_BINSTRING (Python 2 str)
      case 0x54: s.push(latin1(this.take(this.len32()))); return; // BINSTRING
      case 0x43: s.push(this.take(this.u8())); return; // SHORT_BINBYTES
      case 0x42: s.push(this.take(this.len32())); return; // BINBYTES
      case 0x8e: s.push(this.take(this.len64())); return; // BINBYTES8
      case 0x96: s.push(this.take(this.len64())); return; // BYTEARRAY8
      case 0x97: s.push(this.outOfBandBuffer()); return; // NEXT_BUFFER
      case 0x98: return; // READONLY_BUFFER: our buffers are never written to
      case 0x63: s.push(this.global(this.line(), this.line())); return; // GLOBAL
      case 0x93: { const name = this.pop(); const mod = this.pop(); s.push(this.global(mod, name)); return; }
      case 0x52: { const args = this.pop(); s.push(this.reduce(this.pop(), args)); return; } // REDUCE
      case 0x62: { const state = this.pop(); this.build(this.top(), state); return; } // BUILD
      case 0x94: this.put(this.memo.size); return; // MEMOIZE
      case 0x71: this.put(this.u8()); return; // BINPUT
      case 0x72: this.put(this.len32()); return; // LONG_BINPUT
      case 0x68: s.push(this.get(this.u8())); return; // BINGET
      case 0x6a: s.push(this.get(this.len32())); return; // LONG_BINGET
      case 0x30: this.pop(); return; // POP
      case 0x31: this.popMark(); return; // POP_MARK
      case 0x32: s.push(this.top()); return; // DUP
      default: throw new PickleProblem(`unsupported opcode 0x${hex(op)}`);
    }
  }

  private u8(): number {
    if (this.pos >= this.input.bytes.length) throw new PickleProblem("truncated: ends before STOP");
    return this.input.bytes[this.pos++]!;
  }

  private advance(n: number): number {
    if (this.pos + n > this.input.bytes.length) throw new PickleProblem("truncated: ends inside an opcode");
    const at = this.pos;
    this.pos += n;
    return at;
  }

  /** A view of the next `n` bytes (no copy). */
  private take(n: number): Uint8Array {
    const at = this.advance(n);
    return this.input.bytes.subarray(at, at + n);
  }

  private len32(): number {
    return this.view.getUint32(this.advance(4), true);
  }

  private len64(): number {
    const at = this.advance(8);
    const high = this.view.getUint32(at + 4, true);
    if (high !== 0) throw new PickleProblem("truncated: length beyond the input");
    return this.view.getUint32(at, true);
  }

  private line(): string {
    const end = this.input.bytes.indexOf(0x0a, this.pos);
    if (end < 0) throw new PickleProblem("truncated: GLOBAL without a newline");
    const text = latin1(this.input.bytes.subarray(this.pos, end));
    this.pos = end + 1;
    return text;
  }

  private pop(): StackValue {
    const floor = this.marks.length > 0 ? this.marks[this.marks.length - 1]! : 0;
    if (this.stack.length <= floor) throw new PickleProblem("stack underflow");
    return this.stack.pop()!;
  }

  private top(): StackValue {
    const floor = this.marks.length > 0 ? this.marks[this.marks.length - 1]! : 0;
    if (this.stack.length <= floor) throw new PickleProblem("stack underflow");
    return this.stack[this.stack.length - 1]!;
  }

  private popMark(): StackValue[] {
    const at = this.marks.pop();
    if (at === undefined) throw new PickleProblem("no MARK on the stack");
    return this.stack.splice(at);
  }

  private tuple(n: number): readonly PickleValue[] {
    const items: PickleValue[] = new Array<PickleValue>(n);
    for (let i = n - 1; i >= 0; i--) items[i] = this.settle(this.pop(), true);
    return Object.freeze(items);
  }

  /**
   * A stack value that may enter a container or be returned: built arrays only. Globals may sit in tuples
   * (they are REDUCE arguments, e.g. `_reconstruct(numpy.ndarray, …)`) but never in lists, dicts or the result.
   */
  private settle(value: StackValue, inTuple = false): PickleValue {
    if (value instanceof PendingArray) {
      if (value.result === undefined) throw new PickleProblem("ndarray used before its BUILD");
      return value.result;
    }
    if (value instanceof GlobalRef && inTuple) return value as unknown as PickleValue;
    if (value instanceof GlobalRef) throw new PickleProblem(`global ${value.qualifiedName} used as a value`);
    return value;
  }

  private setItems(target: StackValue, items: StackValue[]): void {
    if (!(target instanceof Map)) throw new PickleProblem("SETITEM on something other than a dict");
    if (items.length % 2 !== 0) throw new PickleProblem("SETITEMS with an odd number of items");
    for (let i = 0; i < items.length; i += 2) target.set(this.settle(items[i]!), this.settle(items[i + 1]!));
  }

  private appendTo(target: StackValue, items: StackValue[]): void {
    if (!Array.isArray(target) || Object.isFrozen(target)) throw new PickleProblem("APPEND on something other than a list");
    for (const item of items) (target as PickleValue[]).push(this.settle(item));
  }

  private global(module: StackValue, name: StackValue): GlobalRef {
    if (typeof module !== "string" || typeof name !== "string") throw new PickleProblem("STACK_GLOBAL needs two strings");
    const ref = lookupGlobal(module, name);
    if (ref === undefined) throw new UnsafePickle(this.input.file, `${module}.${name}`);
    return ref;
  }

  private reduce(callable: StackValue, args: StackValue): StackValue {
    if (!(callable instanceof GlobalRef) || callable.call === undefined) {
      throw new PickleProblem("REDUCE on something that is not a whitelisted function");
    }
    if (!Array.isArray(args)) throw new PickleProblem("REDUCE arguments are not a tuple");
    return callable.call(args as readonly StackValue[]);
  }

  private build(target: StackValue, state: StackValue): void {
    if (target instanceof PendingArray) {
      const array = buildArray(target, state);
      for (const slot of target.memoSlots) this.memo.set(slot, array);
      this.stack[this.stack.length - 1] = array;
    } else if (target instanceof PickleDtype) {
      buildDtype(target, state);
    } else {
      throw new PickleProblem("BUILD on an object other than an ndarray or a dtype");
    }
  }

  private put(slot: number): void {
    const value = this.top();
    if (value instanceof PendingArray) value.memoSlots.push(slot);
    this.memo.set(slot, value);
  }

  private get(slot: number): StackValue {
    const value = this.memo.get(slot);
    if (value === undefined) throw new PickleProblem(`memo slot ${slot} is empty`);
    return value;
  }

  private outOfBandBuffer(): Uint8Array {
    const buffer = this.input.buffers[this.nextBuffer++];
    if (buffer === undefined) throw new PickleProblem("NEXT_BUFFER but no out-of-band buffer was given");
    return buffer;
  }
}

function longFrom(bytes: Uint8Array): number | bigint {
  if (bytes.length === 0) return 0;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  if (bytes[bytes.length - 1]! & 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return text;
}

function hex(op: number): string {
  return op.toString(16).padStart(2, "0");
}
