/**
 * The values a safe unpickle produces, and the internal objects that live only on the unpickler's stack
 * (whitelisted globals, arrays waiting for their BUILD).
 */
import type { DescrInfo } from "./dtypeDescr.js";
import type { NdArray } from "../ndarray.js";

/** A numpy array of Python objects (dtype `O`), e.g. what `np.save` writes for a dict. Elements in C order. */
export interface ObjectArray {
  readonly dtype: "object";
  readonly shape: readonly number[];
  readonly data: readonly PickleValue[];
}

/** A numpy dtype object that appears as a value (rare: only when a dtype itself is pickled). */
export class PickleDtype {
  byteOrder = "=";
  constructor(readonly descr: DescrInfo) {}
}

/**
 * A Python value: None → null, int → number (bigint beyond 2^53), float → number, str → string,
 * bytes/bytearray → Uint8Array, list and tuple → array (tuples frozen), dict → Map, numpy array → NdArray,
 * numpy scalar → 0-d NdArray.
 */
export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | NdArray
  | ObjectArray
  | PickleDtype
  | readonly PickleValue[]
  | PickleDict;

/** A Python dict, keys compared by value for primitives and by identity otherwise. */
export type PickleDict = Map<PickleValue, PickleValue>;

/** A whitelisted global; `call` runs on REDUCE with the argument tuple. */
export class GlobalRef {
  constructor(
    readonly qualifiedName: string,
    readonly call: ((args: readonly StackValue[]) => StackValue) | undefined,
  ) {}
}

/** What `_reconstruct` returns: an empty ndarray that BUILD fills in. Memo slots holding it are patched. */
export class PendingArray {
  result: NdArray | ObjectArray | undefined;
  readonly memoSlots: number[] = [];
}

/** Anything that can sit on the unpickler's stack. */
export type StackValue = PickleValue | GlobalRef | PendingArray;
