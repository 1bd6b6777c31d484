/**
 * A small seeded pseudo-random generator for the Monte Carlo and the synthetic data sets:
 * a given seed gives bit-identical streams on any machine (32-bit integer arithmetic only).
 */
import { PotmapError } from "../core/errors";

/**
 * The mulberry32 construction: 32-bit state, a Weyl increment and an xorshift-multiply
 * output mix; normals by the Box-Muller transform.
 */
export class Random {
  private state: number;
  private spare: number | undefined;
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new PotmapError("must be a finite number", { field: "seed", value: seed });
    this.state = Math.trunc(seed) >>> 0;
  }

  /** Uniform on [0, 1), 32 bits of resolution. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal by the Box-Muller transform (pairs; the second is kept for the next call). */
  normal(): number {
    if (this.spare !== undefined) {
      const value = this.spare;
      this.spare = undefined;
      return value;
    }
    const u1 = 1 - this.next(); // (0, 1]
    const u2 = this.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }
}
