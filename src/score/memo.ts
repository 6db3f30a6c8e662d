// A small bounded memo for pure readings the engine repeats from form to form: forms write the same weights, scores
// and targets ("10", "≥95%", "按时完成") again and again, and decimal.js takes about half a microsecond to read or
// make one number. Values are shared between callers, so they must never be mutated.

/** Stands for a remembered `undefined`, so that a hit costs one look-up. */
const NOTHING = Symbol('nothing');

export class Memo<K, V> {
  private readonly map = new Map<K, V | typeof NOTHING>();

  /** `limit` entries at most: a small table stays in the processor's cache, and the values that recur are back
   * soon after it starts afresh. */
  constructor(private readonly limit: number) {}

  /** The value remembered for `key`, or `make(key)` remembered. */
  get(key: K, make: (key: K) => V): V {
    const known = this.map.get(key);
    if (known !== undefined) return known === NOTHING ? (undefined as V) : known;
    return this.keep(key, make(key));
  }

  /** The value remembered for `key`; undefined when there is none (or it is undefined). For a caller that would
   * otherwise make a closure on every look-up. */
  find(key: K): V | undefined {
    const known = this.map.get(key);
    return known === NOTHING ? undefined : known;
  }

  /** Remembers `value` for `key`, and returns it. */
  keep(key: K, value: V): V {
    // Dropping every entry when full is crude but cheap: no bookkeeping on a hit.
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value === undefined ? NOTHING : value);
    return value;
  }
}
