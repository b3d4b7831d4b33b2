// Bounded memos for the pure string functions of label matching. A bulk run
// meets the template's labels in every report (and a report meets some of
// them several times: each row is tried as table 二, 三 and 四), so their
// keys, conversions and matches are computed once per worker. Bounded: after
// `max` entries the memo starts again, so memory does not grow with the run;
// long keys (narratives, whole pages) are seen once and not kept.
export function memoBy<A, V>(keyOf: (a: A) => string, fn: (a: A) => V, max = 10_000, maxKeyLength = 1_000): (a: A) => V {
  const seen = new Map<string, V>();
  return (a: A) => {
    const key = keyOf(a);
    if (key.length > maxKeyLength) return fn(a);
    let v = seen.get(key);
    if (v === undefined && !seen.has(key)) {
      v = fn(a);
      if (seen.size >= max) seen.clear();
      seen.set(key, v);
    }
    return v as V;
  };
}

export function memo<V>(fn: (key: string) => V, max?: number, maxKeyLength?: number): (key: string) => V {
  return memoBy((s: string) => s, fn, max, maxKeyLength);
}
