/**
 * JSON Schema of the material records in data/ (validated with ajv).
 *
 * Unit table (field names carry no units; every record uses these):
 *   energies, formation energies, gaps, IP, work function, Fermi levels: eV
 *   voltages, windows, OCV: V vs Li/Li+      temperature: K
 *   site densities, concentrations: cm^-3    volume: Angstrom^3
 *   effective masses: electron masses        dielectric constant: relative (eps_r)
 *
 * A "quantity" is a plain number or { value, source | calibrated, uncertainty?, correlation? }:
 * `uncertainty` is one standard deviation in the value's unit; values that name the same
 * `correlation` group are drawn together (fully correlated) by `potmap uncertainty`.
 * Provenance (source or calibrated) may sit on the quantity or on any enclosing object;
 * checkProvenance() insists that every number is covered by one.
 *
 * A band gap may also name the method it comes from (`bandGap.functional`: "PBE", "HSE06",
 * "GW0", "experiment", ...): `potmap check` warns when electrolytes mix references without
 * a scissor. An electrolyte may declare literature `constraints` (e.g. a Frenkel-pair energy)
 * that `potmap check` verifies against its defect energies.
 */
const quantity = {
  anyOf: [
    { type: "number" },
    {
      type: "object",
      required: ["value"],
      additionalProperties: false,
      properties: {
        value: { type: "number" },
        source: { type: "string", minLength: 1 },
        calibrated: { type: "string", minLength: 1 },
        uncertainty: { type: "number", minimum: 0 },
        // values of one group share one standard-normal draw in `potmap uncertainty` (whatif/perturb.ts)
        correlation: { type: "string", minLength: 1, maxLength: 64 },
        note: { type: "string" },
      },
    },
  ],
};

/** A quantity that may name the electronic-structure method of a band gap. */
const bandGap = {
  anyOf: [
    { type: "number" },
    {
      type: "object",
      required: ["value"],
      additionalProperties: false,
      properties: { ...quantity.anyOf[1].properties, functional: { type: "string", minLength: 1 } },
    },
  ],
};

/**
 * A literature value the record's defect energies must reproduce. frenkelEnergy: the V_Li(-1) +
 * Li_i(+1) pair energy E0(interstitial, +1) + E0(vacancy, -1), in which mu_Li and E_F cancel.
 */
const constraint = {
  type: "object",
  required: ["kind", "vacancy", "interstitial", "value", "tolerance", "source"],
  additionalProperties: false,
  properties: {
    kind: { enum: ["frenkelEnergy"] },
    vacancy: { type: "string", minLength: 1 },
    interstitial: { type: "string", minLength: 1 },
    value: { type: "number" },
    tolerance: { type: "number", minimum: 0 },
    source: { type: "string", minLength: 1 },
    note: { type: "string" },
  },
};

const provenance = {
  source: { type: "string", minLength: 1 },
  calibrated: { type: "string", minLength: 1 },
  note: { type: "string" },
};

const chargeState = {
  type: "object",
  required: ["charge", "energy"],
  additionalProperties: false,
  properties: {
    ...provenance,
    charge: { type: "integer" },
    energy: { $ref: "#/$defs/quantity" },
    degeneracy: { type: "number", exclusiveMinimum: 0 },
  },
};

const defect = {
  type: "object",
  required: ["name", "sites", "chargeStates"],
  additionalProperties: false,
  properties: {
    ...provenance,
    name: { type: "string", minLength: 1 },
    sites: { $ref: "#/$defs/quantity" },
    lithium: { type: "integer" },
    species: { type: "object", additionalProperties: { type: "integer" } },
    chargeStates: { type: "array", minItems: 1, items: chargeState },
    frozenConcentration: { $ref: "#/$defs/quantity" },
  },
};

const carriers = {
  type: "object",
  required: ["kind"],
  properties: {
    ...provenance,
    kind: { enum: ["parabolic", "dos", "none"] },
    electronMass: { $ref: "#/$defs/quantity" },
    holeMass: { $ref: "#/$defs/quantity" },
    statistics: { enum: ["fermi-dirac", "boltzmann"] },
    energies: { type: "array", items: { type: "number" } },
    dos: { type: "array", items: { type: "number" } },
    electrons: { type: "number" },
    volume: { type: "number" },
  },
  additionalProperties: false,
};

/**
 * Electronic versus ionic conduction (defects/conduction.ts): the Li+ conductivity (S/cm) and
 * the carrier mobilities (cm^2/Vs) that turn n and p into sigma_e; optionally a measured
 * electronic conductivity (S/cm, reported beside the estimate). `note` explains a class other
 * than insulating (a material that cannot meet both the paper and physics says so here).
 */
const transport = {
  type: "object",
  required: ["ionicConductivity", "electronMobility", "holeMobility"],
  additionalProperties: false,
  properties: {
    source: { type: "string", minLength: 1 },
    note: { type: "string", minLength: 1 },
    ionicConductivity: { $ref: "#/$defs/quantity" },
    electronMobility: { $ref: "#/$defs/quantity" },
    holeMobility: { $ref: "#/$defs/quantity" },
    measuredElectronicConductivity: { $ref: "#/$defs/quantity" },
  },
};

/**
 * The crystal structure behind the site densities: atoms per cell over the cell volume, the
 * sites named (`potmap check` compares the Li-vacancy sites with the Li density it gives).
 */
const structure = {
  type: "object",
  required: ["cellVolume", "formulaUnits", "source"],
  additionalProperties: false,
  properties: {
    source: { type: "string", minLength: 1 },
    note: { type: "string", minLength: 1 },
    /** Angstrom^3 */
    cellVolume: { type: "number", exclusiveMinimum: 0 },
    formulaUnits: { type: "number", exclusiveMinimum: 0 },
    spaceGroup: { type: "string", minLength: 1 },
    sites: { type: "object", additionalProperties: { type: "string", minLength: 1 } },
  },
};

/** Guards (defects/guards.ts): what the record states about where its E_F may be trusted. */
const guardFields = {
  declaredDegenerate: {
    type: "object",
    required: ["value", "source"],
    additionalProperties: false,
    properties: { ...provenance, value: { type: "boolean" } },
  },
  validTemperature: {
    type: "object",
    required: ["lower", "upper", "source"],
    additionalProperties: false,
    properties: { ...provenance, lower: { type: "number", exclusiveMinimum: 0 }, upper: { type: "number", exclusiveMinimum: 0 } },
  },
};

/** Site statistics of the defects: "dilute" (Boltzmann, default) or "saturating". */
const occupancy = {
  oneOf: [
    { enum: ["dilute", "saturating"] },
    {
      type: "object",
      required: ["value"],
      additionalProperties: false,
      properties: { ...provenance, value: { enum: ["dilute", "saturating"] } },
    },
  ],
};

const fermiLevel = {
  type: "object",
  required: ["rule"],
  discriminator: { propertyName: "rule" },
  oneOf: [
    {
      type: "object",
      required: ["rule", "value"],
      additionalProperties: false,
      properties: { ...provenance, ...guardFields, rule: { const: "fixed" }, value: { $ref: "#/$defs/quantity" } },
    },
    {
      type: "object",
      required: ["rule", "temperature", "carriers", "defects"],
      additionalProperties: false,
      properties: {
        ...provenance,
        ...guardFields,
        occupancy,
        rule: { const: "defects" },
        temperature: { $ref: "#/$defs/quantity" },
        carriers,
        defects: { type: "array", minItems: 1, items: defect },
        dopants: {
          type: "array",
          items: {
            type: "object",
            required: ["name", "charge", "concentration"],
            additionalProperties: false,
            properties: { ...provenance, name: { type: "string" }, charge: { type: "number" }, concentration: { $ref: "#/$defs/quantity" } },
          },
        },
        synthesis: {
          type: "object",
          required: ["temperature", "muLi"],
          additionalProperties: false,
          properties: {
            ...provenance,
            temperature: { $ref: "#/$defs/quantity" },
            muLi: { $ref: "#/$defs/quantity" },
            freeze: { type: "array", items: { type: "string", minLength: 1 } },
          },
        },
        potentials: {
          type: "object",
          additionalProperties: {
            type: "object",
            required: ["intercept", "slope"],
            additionalProperties: false,
            properties: { ...provenance, intercept: { $ref: "#/$defs/quantity" }, slope: { $ref: "#/$defs/quantity" } },
          },
        },
      },
    },
  ],
};

const common = {
  ...provenance,
  $schema: { type: "string" },
  id: { type: "string", pattern: "^[A-Za-z0-9_.+-]+$" },
  name: { type: "string", minLength: 1 },
  formula: { type: "string" },
  colour: { type: "string" },
};

const cathodeState = {
  type: "object",
  required: ["soc", "bandGap", "ionizationPotential", "fermiLevel", "ocv"],
  additionalProperties: false,
  properties: {
    ...provenance,
    soc: { enum: ["0%", "100%", "+"] },
    formula: { type: "string" },
    bandGap: { $ref: "#/$defs/bandGap" },
    ionizationPotential: { $ref: "#/$defs/quantity" },
    fermiLevel: { $ref: "#/$defs/quantity" },
    ocv: { $ref: "#/$defs/quantity" },
    /** eq. 3 from phase entries, before any calibration */
    ocvComputed: { $ref: "#/$defs/quantity" },
    /** Li per host unit of the cathode's voltageProfile (0 for "+") */
    lithium: { $ref: "#/$defs/quantity" },
    /** local OCV: the hull step on the delithiated side of the state (the OCV is the eq. 3 average) */
    localVoltage: { $ref: "#/$defs/quantity" },
    voltageReaction: {
      type: "object",
      required: ["entries", "lithiated", "delithiated"],
      additionalProperties: false,
      properties: {
        ...provenance,
        entries: { type: "string" },
        lithiated: { type: "string" },
        delithiated: { type: "array", minItems: 1, items: { type: "string" } },
      },
    },
    scissor: { $ref: "#/$defs/quantity" },
  },
};

/** The hull voltage profile of a cathode's host (thermo/voltageProfile.ts), written by scripts/calibrate.mjs. */
const voltageProfile = {
  type: "object",
  required: ["entries", "lithiated", "delithiated", "host", "steps"],
  additionalProperties: false,
  properties: {
    ...provenance,
    entries: { type: "string" },
    lithiated: { type: "string" },
    delithiated: { type: "array", minItems: 1, items: { type: "string" } },
    host: { type: "string" },
    family: { type: "string" },
    steps: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["from", "to", "voltage", "lithiated", "delithiated"],
        additionalProperties: false,
        properties: { from: { type: "number", minimum: 0 }, to: { type: "number", minimum: 0 }, voltage: { type: "number" }, lithiated: { type: "string" }, delithiated: { type: "string" } },
      },
    },
  },
};

/** The JSON Schema the reader validates records with (numbers in the units of the table above); `potmap schema` prints the annotated draft 2020-12 version. */
export const materialSchema = {
  $id: "https://potmap.invalid/material.schema.json",
  title: "potmap material record",
  $defs: { quantity, bandGap },
  type: "object",
  required: ["role"],
  discriminator: { propertyName: "role" },
  oneOf: [
    {
      type: "object",
      required: ["id", "name", "role", "workFunction"],
      additionalProperties: false,
      properties: { ...common, role: { const: "anode" }, workFunction: { $ref: "#/$defs/quantity" } },
    },
    {
      type: "object",
      required: ["id", "name", "role", "bandGap", "ionizationPotential", "window", "fermiLevel"],
      additionalProperties: false,
      properties: {
        ...common,
        role: { const: "electrolyte" },
        bandGap: { $ref: "#/$defs/bandGap" },
        ionizationPotential: { $ref: "#/$defs/quantity" },
        scissor: { $ref: "#/$defs/quantity" },
        dielectricConstant: { $ref: "#/$defs/quantity" },
        transport,
        structure,
        window: {
          type: "object",
          required: ["lower", "upper"],
          additionalProperties: false,
          properties: { ...provenance, lower: { $ref: "#/$defs/quantity" }, upper: { $ref: "#/$defs/quantity" } },
        },
        fermiLevel,
        constraints: { type: "array", items: constraint },
      },
    },
    {
      type: "object",
      required: ["id", "name", "role", "states"],
      additionalProperties: false,
      properties: { ...common, role: { const: "cathode" }, states: { type: "array", minItems: 1, items: cathodeState }, voltageProfile },
    },
  ],
} as const;
