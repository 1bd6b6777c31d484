import { describe, expect, it } from "vitest";
import { cathodeAt, cathodeCurve } from "../lib/src/cell/cathodeCurve";
import { Cathode, CathodeState } from "../lib/src/cell/materials";
import { builtinMaterialsFolder, readDataSet } from "../lib/src/io/readMaterials";
import { potentialMap } from "../lib/src/cell/potentialMap";
import { runFlags } from "./helpers/cliRun";

const set = readDataSet(builtinMaterialsFolder());
const lco = set.cathodes.find((c) => c.id === "LCO")!;
const at = (c: Cathode, soc: string) => c.states.find((s) => s.soc === soc)!;

// a toy host: steps 1 -> 0.5 at 3.0 V and 0.5 -> 0 at 4.0 V; named states at x = 1 (0%) and 0.5 (100%)
const state = (soc: "0%" | "100%", lithium: number, ip: number, ocv: number): CathodeState => ({
  role: "cathode", id: "T", name: "toy", soc, bandGap: 1, ionizationPotential: ip, fermiLevel: 0, ocv, lithium, localVoltage: lithium === 1 ? 3 : 4,
});
const toy: Cathode = {
  role: "cathode", id: "T", name: "toy",
  states: [state("0%", 1, 5, 3.5), state("100%", 0.5, 6, 4)],
  profile: { host: "X", steps: [{ from: 1, to: 0.5, voltage: 3, lithiated: "LiX", delithiated: "Li0.5X" }, { from: 0.5, to: 0, voltage: 4, lithiated: "Li0.5X", delithiated: "X" }] },
};

describe("cathodeAt: a state anywhere on the curve (closed form)", () => {
  it("SOC is linear in x; the OCV is the eq. 3 average (the x-weighted mean of the steps below x); the IP linear between named states", () => {
    const s = cathodeAt(toy, { soc: 80 }); // x = 1 - 0.8 * 0.5 = 0.6
    expect(s.lithium).toBeCloseTo(0.6, 12);
    expect(s.averageVoltage).toBeCloseTo((4 * 0.5 + 3 * 0.1) / 0.6, 12);
    expect(s.localVoltage).toBe(3);
    expect(s.state.ocv).toBeCloseTo(s.averageVoltage, 12);
    expect(s.state.ionizationPotential).toBeCloseTo(5 + 0.8 * (6 - 5), 12);
    expect(s.state.soc).toBe("80%");
    expect(s.named).toBe(false);
  });

  it("named states stay points of the curve: the record's state itself", () => {
    expect(cathodeAt(toy, { soc: 0 }).state).toBe(toy.states[0]);
    expect(cathodeAt(toy, { x: 0.5 }).state).toBe(toy.states[1]);
    expect(cathodeAt(toy, { voltage: 3.5 }).state).toBe(toy.states[0]);
  });

  it("--voltage inverts the OCV curve; on a flat part the Li-richest state, said", () => {
    const s = cathodeAt(toy, { voltage: 3.8 }); // (2 + 3 (x - 0.5)) / x = 3.8 -> x = 0.625
    expect(s.lithium).toBeCloseTo(0.625, 9);
    const flat = cathodeAt(toy, { voltage: 4 });
    expect(flat.lithium).toBeCloseTo(0.5, 9);
    expect(flat.warnings[0]).toMatch(/flat part of the curve/);
  });

  it("beyond the named states: no extrapolation, a warning; outside the profile: refused", () => {
    const s = cathodeAt(toy, { soc: 150 }); // x = 0.25
    expect(s.state.ionizationPotential).toBe(6);
    expect(s.warnings[0]).toMatch(/beyond T's named states/);
    expect(() => cathodeAt(toy, { soc: 250 })).toThrow(/outside T's curve: its profile runs from 0% to 200%/);
    expect(() => cathodeAt(toy, { soc: -10 })).toThrow(/outside T's curve/);
    expect(() => cathodeAt(toy, { soc: NaN })).toThrow(/finite percentage/);
    expect(() => cathodeAt(toy, { x: 1.2 })).toThrow(/from 0 to 1 per X/);
    expect(() => cathodeAt(toy, { voltage: 2.9 })).toThrow(/from 3\.5000 to 4\.0000 V/);
    expect(() => cathodeAt({ ...toy, profile: undefined }, { soc: 50 })).toThrow(/no voltage profile/);
    expect(cathodeCurve({ ...toy, profile: undefined })).toBeUndefined();
  });
});

describe("LCO at 80% SOC", () => {
  it("its OCV and dphi_c lie between the 0% and 100% states'", () => {
    const s = cathodeAt(lco, { soc: 80 });
    expect(s.state.ocv).toBeGreaterThan(at(lco, "0%").ocv);
    expect(s.state.ocv).toBeLessThan(at(lco, "100%").ocv);
    const llzo = set.electrolytes.find((e) => e.id === "LLZO")!;
    const d = (c: CathodeState) => potentialMap(set.anodes[0], llzo, c, { withoutProfile: true }).dphiCathode;
    const [d0, d80, d100] = [d(at(lco, "0%")), d(s.state), d(at(lco, "100%"))];
    expect(Math.min(d0, d100)).toBeLessThan(d80);
    expect(Math.max(d0, d100)).toBeGreaterThan(d80);
  });

  it("potmap map --soc 80% / --x / --voltage", async () => {
    const r = (await runFlags("map", { electrolyte: "LLZO", cathode: "LCO", soc: "80%", json: true })) as { json: { ocv: number; soc: string; curve: { lithium: number; localVoltage: number } } };
    expect(r.json.soc).toBe("80%");
    expect(r.json.ocv).toBeGreaterThan(at(lco, "0%").ocv);
    expect(r.json.ocv).toBeLessThan(at(lco, "100%").ocv);
    expect(r.json.curve.lithium).toBeCloseTo(0.6, 12);
    expect(r.json.curve.localVoltage).toBeCloseTo(lco.profile!.steps[0].voltage, 12);
    const x = (await runFlags("map", { electrolyte: "LLZO", cathode: "LCO", x: 0.6, json: true })) as { json: { ocv: number } };
    expect(x.json.ocv).toBe(r.json.ocv);
    const v = (await runFlags("map", { electrolyte: "LLZO", cathode: "LCO", voltage: r.json.ocv, json: true })) as { json: { curve: { lithium: number } } };
    expect(v.json.curve.lithium).toBeCloseTo(0.6, 6);
    await expect(runFlags("map", { electrolyte: "LLZO", cathode: "LCO", soc: "80%", x: 0.5 })).rejects.toThrow(/give one of --soc, --x and --voltage/);
    await expect(runFlags("map", { electrolyte: "LLZO", cathode: "LCO", soc: "soc" })).rejects.toThrow(/unknown state of charge for LCO/);
  });

  it("stack and dope take a state on the curve too (ID:80%, --soc 80%)", async () => {
    const m = (await runFlags("map", { electrolyte: "LPS", cathode: "LCO", soc: "80%", json: true })) as { json: { ocv: number } };
    const s = (await runFlags("stack", { layers: "Li,LPS,LCO:80%", json: true })) as { json: { ocv: number } };
    expect(s.json.ocv).toBe(m.json.ocv);
    const d = (await runFlags("dope", { electrolyte: "LLZO", dopant: "Ta_Zr:+1:1e20", cathode: "LCO", soc: "80%", json: true })) as { json: unknown };
    expect(JSON.stringify(d.json)).toContain('"soc":"80%"');
  });
});
