// A bounded memo for the pure readings of text the engine repeats on every form: forms write the same weights,
// scores and targets ("10", "≥95%", "按时完成") again and again, and decimal.js takes about half a microsecond to
// parse one number. Values are shared between callers, so they must never be mutated.

/** How many entries a memo keeps before it starts afresh: enough for the recurring texts of a large run, small
 * enough that a run of 100,000 forms with unique amounts holds a few megabytes at most. */
const LIMIT = 20_000;

export class Memo<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly limit = LIMIT) {}

  /** The value remembered for `key`, or `make(key)` remembered. Dropping every entry when full is crude but
   * cheap, and the recurring entries come back at once. */
  get(key: K, make: (key: K) => V): V {
    const known = this.map.get(key);
    if (known !== undefined || this.map.has(key)) return known as V;
    const value = make(key);
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}
