// The subject keys of an import already seen, with the line each came on, to name both lines of a
// duplicate without a database round trip. Keys are digit strings (NIK, KK, NIB: at most 19 digits),
// kept as 64-bit integers in an open-addressing table: about 24 bytes a row at the worst load, where
// a Map of strings would need several times that for a ten-million-row registry.

const EMPTY = 0n;

export function createSeenKeys(initialCapacity = 1 << 16) {
  let capacity = initialCapacity;
  let keys = new BigUint64Array(capacity);
  let lines = new Uint32Array(capacity);
  let size = 0;

  function slotOf(table: BigUint64Array, stored: bigint): number {
    const mask = table.length - 1;
    const low = Number(stored & 0xffffffffn);
    const high = Number(stored >> 32n);
    let slot = (Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> 0) & mask;
    while (table[slot] !== EMPTY && table[slot] !== stored) slot = (slot + 1) & mask;
    return slot;
  }

  function grow() {
    const oldKeys = keys;
    const oldLines = lines;
    capacity *= 2;
    keys = new BigUint64Array(capacity);
    lines = new Uint32Array(capacity);
    for (let i = 0; i < oldKeys.length; i += 1) {
      const stored = oldKeys[i] as bigint;
      if (stored === EMPTY) continue;
      const slot = slotOf(keys, stored);
      keys[slot] = stored;
      lines[slot] = oldLines[i] as number;
    }
  }

  return {
    /** Records `digits` as seen on `line`; the earlier line when it was seen before, else 0. */
    add(digits: string, line: number): number {
      // +1 keeps the key 0 apart from an empty slot.
      const stored = BigInt(digits) + 1n;
      const slot = slotOf(keys, stored);
      if (keys[slot] === stored) return lines[slot] as number;
      keys[slot] = stored;
      lines[slot] = line;
      size += 1;
      if (size * 2 > capacity) grow();
      return 0;
    },
  };
}
