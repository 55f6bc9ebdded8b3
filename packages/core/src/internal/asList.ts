/** A slot value as a list: one artifact (or id) becomes a one-element list. Keeps the element type, which
 * `Array.isArray` on a readonly union would widen to `any[]`. */
export function asList<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}
