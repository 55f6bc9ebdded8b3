/**
 * The pickle virtual machine for protocols 2–5 (opcode semantics of CPython's `pickle.py`/`pickletools`):
 * a stack, a mark stack and a memo. It only knows data opcodes; globals go through the numpy whitelist and
 * NEWOBJ/INST/OBJ/EXT and the text opcodes of protocols 0/1 are refused. Nothing is ever executed.
 */
import { InvalidFormat, UnsafePickle } from "../errors.js";
import { buildArray, buildDtype, lookupGlobal, PickleProblem } from "./numpyGlobals.js";
import { GlobalRef, PendingArray, PickleDtype, type PickleValue, type StackValue } from "./pickleTypes.js";

const utf8 = new TextDecoder("utf-8");

/** The opcode bytes this machine runs (pickletools names); anything else is refused. */
// prettier-ignore
const Op = {
  PROTO: 0x80, FRAME: 0x95, STOP: 0x2e, MARK: 0x28, POP: 0x30, POP_MARK: 0x31, DUP: 0x32, EMPTY_DICT: 0x7d,
  EMPTY_LIST: 0x5d, EMPTY_TUPLE: 0x29, TUPLE1: 0x85, TUPLE2: 0x86, TUPLE3: 0x87, TUPLE: 0x74, LIST: 0x6c,
  DICT: 0x64, SETITEM: 0x73, SETITEMS: 0x75, APPEND: 0x61, APPENDS: 0x65, NONE: 0x4e, NEWTRUE: 0x88,
  NEWFALSE: 0x89, BININT: 0x4a, BININT1: 0x4b, BININT2: 0x4d, LONG1: 0x8a, LONG4: 0x8b, BINFLOAT: 0x47,
  SHORT_BINUNICODE: 0x8c, BINUNICODE: 0x58, BINUNICODE8: 0x8d, SHORT_BINSTRING: 0x55, BINSTRING: 0x54,
  SHORT_BINBYTES: 0x43, BINBYTES: 0x42, BINBYTES8: 0x8e, BYTEARRAY8: 0x96, NEXT_BUFFER: 0x97,
  READONLY_BUFFER: 0x98, GLOBAL: 0x63, STACK_GLOBAL: 0x93, REDUCE: 0x52, BUILD: 0x62, MEMOIZE: 0x94,
  BINPUT: 0x71, LONG_BINPUT: 0x72, BINGET: 0x68, LONG_BINGET: 0x6a,
} as const;

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
    if (bytes[0] !== Op.PROTO || bytes.length < 2)
      throw new PickleProblem("not a pickle of protocol 2 or later");
    const protocol = bytes[1]!;
    if (protocol < 2 || protocol > 5) throw new PickleProblem(`unsupported pickle protocol ${protocol}`);
    this.pos = 2;
    for (;;) {
      const at = this.pos;
      const op = this.u8();
      if (op === Op.STOP) break;
      try {
        this.step(op);
      } catch (error) {
        if (error instanceof PickleProblem)
          throw new PickleProblem(`${error.message} (opcode 0x${hex(op)} at ${at})`);
        throw error;
      }
    }
    if (this.stack.length !== 1 || this.marks.length !== 0)
      throw new PickleProblem("STOP with an unbalanced stack");
    return this.settle(this.stack[0]!);
  }

  // One opcode (names as in pickletools). A table reads better than prettier's one statement per line.
  // prettier-ignore
  private step(op: number): void {
    const s = this.stack;
    switch (op) {
      case Op.FRAME: this.take(8); return; // the whole input is in memory already
      case Op.PROTO: this.u8(); return; // again: pickle.py allows it
      case Op.MARK: this.marks.push(s.length); return;
      case Op.EMPTY_DICT: s.push(new Map()); return;
      case Op.EMPTY_LIST: s.push([]); return;
      case Op.EMPTY_TUPLE: s.push(Object.freeze([])); return;
      case Op.TUPLE1: s.push(this.tuple(1)); return;
      case Op.TUPLE2: s.push(this.tuple(2)); return;
      case Op.TUPLE3: s.push(this.tuple(3)); return;
      case Op.TUPLE: s.push(Object.freeze(this.popMark().map((v) => this.settle(v, true)))); return;
      case Op.LIST: s.push(this.popMark().map((v) => this.settle(v))); return;
      case Op.DICT: { const d = new Map(); this.setItems(d, this.popMark()); s.push(d); return; }
      case Op.SETITEM: { const v = this.pop(); const k = this.pop(); this.setItems(this.top(), [k, v]); return; }
      case Op.SETITEMS: { const items = this.popMark(); this.setItems(this.top(), items); return; }
      case Op.APPEND: { const v = this.pop(); this.appendTo(this.top(), [v]); return; }
      case Op.APPENDS: { const items = this.popMark(); this.appendTo(this.top(), items); return; }
      case Op.NONE: s.push(null); return;
      case Op.NEWTRUE: s.push(true); return;
      case Op.NEWFALSE: s.push(false); return;
      case Op.BININT: s.push(this.view.getInt32(this.advance(4), true)); return;
      case Op.BININT1: s.push(this.u8()); return;
      case Op.BININT2: s.push(this.view.getUint16(this.advance(2), true)); return;
      case Op.LONG1: s.push(longFrom(this.take(this.u8()))); return;
      case Op.LONG4: s.push(longFrom(this.take(this.len32()))); return;
      case Op.BINFLOAT: s.push(this.view.getFloat64(this.advance(8), false)); return; // big-endian
      case Op.SHORT_BINUNICODE: s.push(utf8.decode(this.take(this.u8()))); return;
      case Op.BINUNICODE: s.push(utf8.decode(this.take(this.len32()))); return;
      case Op.BINUNICODE8: s.push(utf8.decode(this.take(this.len64()))); return;
      case Op.SHORT_BINSTRING: s.push(latin1(this.take(this.u8()))); return; // Python 2 str
      case Op.BINSTRING: s.push(latin1(this.take(this.len32()))); return;
      case Op.SHORT_BINBYTES: s.push(this.take(this.u8())); return;
      case Op.BINBYTES: s.push(this.take(this.len32())); return;
      case Op.BINBYTES8: s.push(this.take(this.len64())); return;
      case Op.BYTEARRAY8: s.push(this.take(this.len64())); return;
      case Op.NEXT_BUFFER: s.push(this.outOfBandBuffer()); return;
      case Op.READONLY_BUFFER: return; // our buffers are never written to
      case Op.GLOBAL: s.push(this.global(this.line(), this.line())); return;
      case Op.STACK_GLOBAL: { const name = this.pop(); const mod = this.pop(); s.push(this.global(mod, name)); return; }
      case Op.REDUCE: { const args = this.pop(); s.push(this.reduce(this.pop(), args)); return; }
      case Op.BUILD: { const state = this.pop(); this.build(this.top(), state); return; }
      case Op.MEMOIZE: this.put(this.memo.size); return;
      case Op.BINPUT: this.put(this.u8()); return;
      case Op.LONG_BINPUT: this.put(this.len32()); return;
      case Op.BINGET: s.push(this.get(this.u8())); return;
      case Op.LONG_BINGET: s.push(this.get(this.len32())); return;
      case Op.POP: this.pop(); return;
      case Op.POP_MARK: this.popMark(); return;
      case Op.DUP: s.push(this.top()); return;
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
    if (!Array.isArray(target) || Object.isFrozen(target))
      throw new PickleProblem("APPEND on something other than a list");
    for (const item of items) (target as PickleValue[]).push(this.settle(item));
  }

  private global(module: StackValue, name: StackValue): GlobalRef {
    if (typeof module !== "string" || typeof name !== "string")
      throw new PickleProblem("STACK_GLOBAL needs two strings");
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
  // building a BigInt byte by byte is quadratic; no dataset int comes near this size
  if (bytes.length > 1024) throw new PickleProblem(`integer of ${bytes.length} bytes is too large`);
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  if (bytes[bytes.length - 1]! & 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
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
