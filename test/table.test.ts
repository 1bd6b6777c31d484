// Tables in notebooks and on the site (lib/src/notebook/table.ts): numbers rounded to their
// meaning, noise shown as zero.
import { describe, expect, test } from "vitest";
import { columnResolution, formatCell, renderTable } from "../lib/src/notebook/table";

describe("formatCell", () => {
  test("rounding noise prints as 0", () => {
    expect(formatCell(5.55e-16)).toBe("0");
    expect(formatCell(-4e-13)).toBe("0");
    expect(formatCell(2.6 - 2.6000000000000001)).toBe("0");
    expect(formatCell(1.5e-5)).toBe("1.5e-5");
    expect(formatCell(0.1 + 0.2)).toBe("0.3");
  });
  test("with a resolution, values are rounded to it and noise below it is 0", () => {
    expect(formatCell(-7.23e-11, 6, 1e-4)).toBe("0");
    expect(formatCell(-5e-5 + 1e-9, 6, 1e-4)).toBe("0");
    expect(formatCell(5.14e-7, 6, 1e-4)).toBe("0");
    expect(formatCell(0.0105123, 6, 1e-4)).toBe("0.0105");
    expect(formatCell(-0.26149, 6, 1e-4)).toBe("-0.2615");
    expect(formatCell(3, 6, 1e-4)).toBe("3");
  });
});

describe("renderTable", () => {
  test("volt and electron-volt columns round to 0.1 mV; other columns keep their digits", () => {
    expect(columnResolution("Δφa change (V)")).toBe(1e-4);
    expect(columnResolution("E_F there (eV)")).toBe(1e-4);
    expect(columnResolution("slope (V per unit)")).toBe(0);
    expect(columnResolution("c (cm^-3)")).toBe(0);
    const rows = [
      { electrolyte: "LiPON", "Δφa change (V)": -7.23e-11, "slope (V per unit)": -2.65e-4, "c (cm^-3)": 3.2e-7 },
      { electrolyte: "LLZO", "Δφa change (V)": -0.0166, "slope (V per unit)": 0.5, "c (cm^-3)": 1e20 },
    ];
    const { text, html } = renderTable(rows);
    const lines = text.split("\n");
    expect(lines[2].trim().split(/\s+/)).toEqual(["LiPON", "0", "-2.65e-4", "3.2e-7"]);
    expect(lines[3].trim().split(/\s+/)).toEqual(["LLZO", "-0.0166", "0.5", "1e+20"]);
    expect(html).toContain(">0</td>");
    expect(renderTable([{ x: 5.55e-16 }]).text).toMatch(/\n-\n0$/);
    expect(renderTable(rows, { resolution: { "Δφa change (V)": 0 } }).text).toContain("-7.23e-11");
  });
});

describe("site fractions (issue 22, item 16)", () => {
  test("a site-fraction column shows 1e-15 in scientific notation, not 0; other columns still flatten noise", () => {
    expect(columnResolution("[+]/sites")).toBe(-1);
    expect(columnResolution("site fraction")).toBe(-1);
    expect(formatCell(1.2e-15, 6, columnResolution("[−]/sites"))).toBe("1.2e-15");
    expect(formatCell(0, 6, -1)).toBe("0");
    expect(formatCell(1.2e-15)).toBe("0");
    const { text } = renderTable([{ defect: "V_Li'", "[−]/sites": 3.4e-16, "E (eV)": 5.55e-16 }]);
    expect(text).toContain("3.4e-16");
    expect(text).not.toMatch(/\b0\s+0\b/);
  });
});
