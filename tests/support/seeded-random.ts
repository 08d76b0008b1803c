/** A seeded PRNG for generated test input: the same seed gives the same sequence everywhere. */
export interface Rng {
  int(below: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  hex(length: number): string;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function prng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (below: number) => Math.floor(next() * below);
  return {
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(items.length)]!,
    hex: (length) => Array.from({ length }, () => '0123456789abcdef'[int(16)]).join(''),
  };
}
