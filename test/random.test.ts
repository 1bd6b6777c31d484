import { describe, expect, test } from "vitest";
import { Random } from "../lib/src/numerics/random";

describe("Random", () => {
  test("seeded: the same seed gives the same stream, another seed another", () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });

  test("the first outputs of seed 0 follow the mulberry32 steps", () => {
    // one step by hand: state 0x6d2b79f5, then the xorshift-multiply mix
    let t = 0x6d2b79f5;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    expect(new Random(0).next()).toBe(((t ^ (t >>> 14)) >>> 0) / 4294967296);
  });

  test("seeds are truncated to 32-bit integers: 1.9 and 2^32 + 1 act as 1", () => {
    const first = (seed: number) => new Random(seed).next();
    expect(first(1.9)).toBe(first(1));
    expect(first(2 ** 32 + 1)).toBe(first(1));
  });

  test("uniform on [0, 1) and standard normal in the first two moments", () => {
    const r = new Random(7);
    const n = 40000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      su += u;
      const g = r.normal();
      sn += g;
      sn2 += g * g;
    }
    // four standard errors: uniform sd 1/sqrt(12), normal mean 1, normal sd 1/sqrt(2)
    expect(Math.abs(su / n - 0.5)).toBeLessThan(4 / Math.sqrt(12 * n));
    expect(Math.abs(sn / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(Math.sqrt(sn2 / n) - 1)).toBeLessThan(4 / Math.sqrt(2 * n));
  });

  test("normal() returns Box-Muller pairs: the second is the sine partner of the first", () => {
    const uniforms = new Random(5);
    const u1 = 1 - uniforms.next();
    const u2 = uniforms.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    const normals = new Random(5);
    expect(normals.normal()).toBe(r * Math.cos(2 * Math.PI * u2));
    expect(normals.normal()).toBe(r * Math.sin(2 * Math.PI * u2));
  });

  test("a non-finite seed is refused", () => {
    expect(() => new Random(NaN)).toThrow(/field "seed", value NaN/);
    expect(() => new Random(Infinity)).toThrow(/field "seed"/);
  });
});
