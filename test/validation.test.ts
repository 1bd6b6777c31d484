import { describe, expect, test } from "vitest";
import {
  checkFiniteTree,
  checkRange,
  describeRange,
  isDecimal,
  parseChoice,
  parseDecimal,
  parseInteger,
  parseNumberInRange,
  requireFiniteNumber,
  requirePositive,
} from "../lib/src/core/validation";
import { PotmapError } from "../lib/src/core/errors";

const where = { file: "in.csv", field: "energy" };

/** The PotmapError a call throws (fails the test when it does not throw one). */
function errorOf(call: () => unknown): PotmapError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(PotmapError);
    return error as PotmapError;
  }
  throw new Error("expected a PotmapError");
}

describe("parseDecimal", () => {
  test.each([
    ["-1.5", -1.5],
    ["2.2e21", 2.2e21],
    ["+1", 1],
    [".5", 0.5],
    ["3.", 3],
    [" 300 ", 300],
    ["1E-3", 1e-3],
    ["-0", -0],
    ["1.7976931348623157e308", Number.MAX_VALUE],
  ])("reads %j as %s", (text, value) => {
    expect(parseDecimal(text, where)).toBe(value);
  });

  test.each(["0x12c", "0b101", "0o17", "Infinity", "-Infinity", "NaN", "", "   ", "1.2abc", "1e", "e5", "1,5", "--1", "1_000", "٣"])(
    "rejects %j with one message naming file, field and value",
    (text) => {
      const e = errorOf(() => parseDecimal(text, where));
      expect(e.message).toBe(`in.csv, field "energy", value ${JSON.stringify(text)}: expected a number: a decimal such as 300, -1.5 or 2.2e21`);
      expect(e.file).toBe("in.csv");
      expect(e.field).toBe("energy");
      expect(e.value).toBe(text);
    },
  );

  test("rejects 1e400 and -1e400 (they overflow a double to Infinity)", () => {
    for (const text of ["1e400", "-1e400"]) {
      expect(errorOf(() => parseDecimal(text, where)).message).toMatch(/expected a finite number: beyond \+-1\.8e308/);
    }
  });

  test("names the unit when one is given", () => {
    expect(errorOf(() => parseDecimal("abc", where, { unit: "eV/atom" })).message).toMatch(/expected a number \(eV\/atom\)/);
  });

  test("reads a Fortran exponent only when asked", () => {
    expect(parseDecimal("1.5d-3", where, { fortranExponent: true })).toBe(1.5e-3);
    expect(parseDecimal("2D5", where, { fortranExponent: true })).toBe(2e5);
    expect(() => parseDecimal("1.5d-3", where)).toThrow(PotmapError);
  });
});

describe("isDecimal", () => {
  test("agrees with parseDecimal on what is a number", () => {
    for (const text of ["1", "-2.5e3", "0x10", "Infinity", "", "1d3"]) {
      let parses = true;
      try {
        parseDecimal(text, where);
      } catch {
        parses = false;
      }
      // 1e400 would differ (a decimal that overflows), so it is not in the list
      expect(isDecimal(text)).toBe(parses);
    }
    expect(isDecimal("1d3", { fortranExponent: true })).toBe(true);
  });
});

describe("checkRange", () => {
  test("accepts the ends of an inclusive range and rejects just outside", () => {
    const range = { min: 2, max: 10000, integer: true };
    expect(checkRange(2, where, range)).toBe(2);
    expect(checkRange(10000, where, range)).toBe(10000);
    expect(errorOf(() => checkRange(1, where, range)).message).toBe('in.csv, field "energy", value 1: must be an integer from 2 to 10000');
    expect(errorOf(() => checkRange(10001, where, range)).message).toMatch(/must be an integer from 2 to 10000$/);
    expect(errorOf(() => checkRange(2.5, where, range)).message).toMatch(/value 2\.5: must be an integer from 2 to 10000$/);
  });

  test("exclusive bounds and units appear in the message", () => {
    expect(errorOf(() => checkRange(0, { field: "--temperature" }, { min: 0, exclusiveMin: true, unit: "K" })).message).toBe(
      'field "--temperature", value 0: must be positive (K)',
    );
    expect(errorOf(() => checkRange(1, { field: "--factor" }, { min: 1, exclusiveMin: true })).message).toMatch(/must be a number > 1$/);
    expect(errorOf(() => checkRange(-1, { field: "x" }, { min: 0, unit: "cm^-3" })).message).toMatch(/must be zero or positive \(cm\^-3\)$/);
    expect(checkRange(1.000001, { field: "--factor" }, { min: 1, exclusiveMin: true })).toBe(1.000001);
  });

  test("rejects NaN and Infinity even without bounds", () => {
    expect(() => checkRange(NaN, where, {})).toThrow(/must be a finite number/);
    expect(() => checkRange(Infinity, where, {})).toThrow(/must be a finite number/);
  });

  test("shows the text the user typed, not the parsed number", () => {
    expect(errorOf(() => parseNumberInRange("-5", { field: "--temperature" }, { min: 0, exclusiveMin: true, unit: "K" })).value).toBe("-5");
  });
});

describe("describeRange", () => {
  test.each([
    [{}, "a number"],
    [{ unit: "V" }, "a number in V"],
    [{ min: 0, exclusiveMin: true, unit: "K" }, "a number > 0 K"],
    [{ min: 1, integer: true }, "an integer >= 1"],
    [{ max: 5 }, "a number <= 5"],
    [{ min: 0, max: 1, exclusiveMax: true }, "a number >= 0 and < 1"],
  ])("%j -> %s", (range, words) => {
    expect(describeRange(range)).toBe(words);
  });
});

describe("parseInteger", () => {
  test("reads whole numbers and checks the range", () => {
    expect(parseInteger("8", where, { min: 1 })).toBe(8);
    expect(parseInteger("1e3", where)).toBe(1000);
    expect(errorOf(() => parseInteger("2.5", where, { min: 1 })).message).toMatch(/value "2\.5": must be an integer >= 1$/);
    expect(errorOf(() => parseInteger("0", where, { min: 1 })).message).toMatch(/value "0": must be an integer >= 1$/);
    expect(() => parseInteger("0x10", where)).toThrow(/expected a number/);
  });
});

describe("requireFiniteNumber / requirePositive", () => {
  test("a number from JSON must be a finite number", () => {
    expect(requireFiniteNumber(-2, where)).toBe(-2);
    expect(errorOf(() => requireFiniteNumber("1", where)).message).toBe('in.csv, field "energy", value "1": expected a finite number');
    expect(errorOf(() => requireFiniteNumber(-Infinity, where)).message).toMatch(/value -Infinity: must be a finite number/);
    expect(requirePositive(3.2, where, "V")).toBe(3.2);
    expect(errorOf(() => requirePositive(-3.2, where, "V")).message).toMatch(/value -3\.2: must be positive \(V\)$/);
  });
});

describe("parseChoice", () => {
  test("returns the allowed spelling or names every allowed value", () => {
    expect(parseChoice("on", ["auto", "on", "off"] as const, { field: "--progress" })).toBe("on");
    expect(parseChoice("LLZO", ["llzo"] as const, { field: "x" }, { ignoreCase: true })).toBe("llzo");
    expect(errorOf(() => parseChoice("sometimes", ["auto", "on", "off"], { field: "--progress" })).message).toBe(
      'field "--progress", value "sometimes": must be one of auto, on, off',
    );
    expect(() => parseChoice("ON", ["auto", "on", "off"], { field: "--progress" })).toThrow(PotmapError);
  });
});

describe("checkFiniteTree", () => {
  test("names the path of the first non-finite number", () => {
    expect(() => checkFiniteTree({ a: [1, { b: 2 }], c: "x" }, "r.json")).not.toThrow();
    expect(errorOf(() => checkFiniteTree({ a: [1, { b: Infinity }] }, "r.json")).message).toMatch(/^r\.json, field "a\[1\]\.b", value Infinity: must be a finite number/);
    expect(errorOf(() => checkFiniteTree(NaN, "r.json")).field).toBe("(record)");
  });
});
