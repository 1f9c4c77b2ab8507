import { UserError } from "../errors.js";

/** A slice of the models: `index` is 1-based, from 1 to `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `I/N` (1 <= I <= N <= 10000). Throws UserError otherwise. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 10_000 || index < 1 || index > count) {
    throw new UserError(`usage: --shard must be I/N with 1 <= I <= N <= 10000, not "${text}"`);
  }
  return { index, count };
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. Stable across machines and Node versions. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The 1-based shard a model belongs to: a hash of its name modulo the count, so a model stays in the
 * same shard when others are added or removed (the partition only changes when `count` does).
 */
export function shardOf(model: string, count: number): number {
  return (fnv1a32(model) % count) + 1;
}

/** The names in `shard`, in their given order. */
export function inShard<T extends { name: string }>(items: T[], shard: Shard | undefined): T[] {
  if (!shard || shard.count === 1) return items;
  return items.filter((i) => shardOf(i.name, shard.count) === shard.index);
}
