/**
 * potmap: interface potential maps for all-solid-state lithium batteries
 * (Swift, Jagad, Park, Qie, Wu, Qi, "Predicting low-impedance interfaces for solid-state batteries").
 *
 * The curated public API, grouped by area. Pure: nothing here loads a browser, Jupyter or the
 * command line (those are `potmap/notebook` and the `potmap` bin). Internals (root finders,
 * quadrature, log-space helpers, colour utilities) stay inside their modules.
 */

// core: errors and physical constants
export { PotmapError } from "./core/errors";
export type { ErrorLocation } from "./core/errors";
export { boltzmann, elementaryCharge, vacuumPermittivity, electronMass, roomTemperature, thermalEnergy, cubicAngstrom } from "./core/constants";

// defects: formation energies, carriers, the self-consistent Fermi level, sweeps vs voltage
export { formationEnergy, defectConcentration, transitionLevel } from "./defects/defects";
export type { ChargeState, Defect, Dopant, TiedPotential } from "./defects/defects";
export { effectiveDensityOfStates } from "./defects/carriers";
export type { Carriers, ParabolicCarriers, TabulatedCarriers, NoCarriers } from "./defects/carriers";
export { compileSystem, solveFermiLevel, describeSolution } from "./defects/neutrality";
export type { DefectSystem, DefectResult, FermiSolution, SolveOptions, CompiledSystem, Occupancy } from "./defects/neutrality";
export { linspace, sweepVoltage, sweepWarnings, fermiLevelSlope } from "./defects/sweep";
export { classifyFermiLevel, siteFraction, solutionWarnings, uniqueWarnings, summariseWarnings, edgeMargin, diluteLimit, residualTolerance } from "./defects/guards";
export type { FermiLevelClass, PotmapWarning, WarningCode, GuardContext } from "./defects/guards";
export type { SweepPoint } from "./defects/sweep";

// cell: material types, band alignment, eqs. 4-7, potential maps, the dictionary, stacks
export type { FermiRule, Anode, Electrolyte, StateOfCharge, CathodeState, Cathode, Material, DataSet } from "./cell/materials";
export { paperOrder, findAnode, findElectrolyte, findCathodeState, orderedElectrolytes, orderedCathodeStates } from "./cell/dataSet";
export { bandEdgesVsVacuum } from "./cell/alignment";
export type { BandEdges, ScissorOptions } from "./cell/alignment";
export { electrostaticPotential, valenceBandMaximum, vacuumLevel, hinders } from "./cell/potential";
export { fermiLevelFunction, guardContextOf, guardedFermiLevelFunction, fixedFermiLevelGuards } from "./cell/fermiLevel";
export type { GuardedFermiLevel } from "./cell/fermiLevel";
export { potentialMap, leakageThreshold } from "./cell/potentialMap";
export type { PotentialMap, MapOptions, Region, Profile, StabilityFlags } from "./cell/potentialMap";
export { potentialDictionary, dictionaryTable, dictionaryTableWithWarnings } from "./cell/dictionary";
export type { DictionaryRow } from "./cell/dictionary";
export { stackMap } from "./cell/stack";
export type { StackLayer, StackMap, StackOptions, StackInterface } from "./cell/stack";

// thermo: formulas, phase diagrams, stability windows, voltages (eq. 3)
export { parseFormula, reducedFormula } from "./thermo/formula";
export type { Composition } from "./thermo/formula";
export { phaseDiagram, energyAboveHull } from "./thermo/phaseDiagram";
export { stabilityWindow, reactionProfile } from "./thermo/stabilityWindow";
export type { StabilityWindow, ReactionStep, WindowOptions } from "./thermo/stabilityWindow";
export { averageVoltage } from "./thermo/averageVoltage";
export type { AverageVoltage, VoltageOptions } from "./thermo/averageVoltage";
export { reactionVoltage } from "./thermo/reactionVoltage";
export { openCircuitVoltage } from "./thermo/voltage";
export type { LithiationState } from "./thermo/voltage";

// spaceCharge: the space-charge layer next to an electrode (Swift, Swift & Qi 2021)
export {
  solveSpaceCharge, exactProfile, surfaceCharge, spaceChargeScales,
  debyeHuckelLimit, gouyChapmanLimit, fullSaturationLimit,
} from "./spaceCharge/spaceCharge";
export type { SpaceChargeParams, SpaceChargeResult, ProfilePoint } from "./spaceCharge/spaceCharge";

// io: material records, phase entries, SC-FERMI inputs, space-charge parameter sets
export { parseMaterial, readMaterial, readDataSet, builtinMaterialsFolder, toMaterial } from "./io/readMaterials";
export { materialSchema } from "./io/schema";
export { readPhaseEntries, parsePhaseEntries, findEntry } from "./io/phaseEntries";
export type { PhaseEntry } from "./io/phaseEntries";
export { readInputFermi, readTotalDos, readUnitCell, scFermiSystem, solveScFermi, loadScFermi } from "./io/scFermi";
export type { ScFermiInput, ScFermiResult, ScFermiFiles } from "./io/scFermi";
export { parseSpaceChargeData, loadSpaceChargeData } from "./io/spaceChargeData";
export type { SpaceChargeDataSet, SpaceChargeMaterial } from "./io/spaceChargeData";

// whatif: dopants and quench, temperature, screening, Monte Carlo, sensitivity
export { parseDopants, withDopant, withDopants, quenchDefects, quenchDefectsWithSolution, quenchElectrolyte, electrolyteWarnings } from "./whatif/doping";
export type { QuenchOptions, QuenchResult } from "./whatif/doping";
export { temperatureRange, temperatureSweep } from "./whatif/temperature";
export type { TemperatureRow } from "./whatif/temperature";
export { readRawRecords, screen, screenMaterials, rankPairs, screenCsv, screenJson } from "./whatif/screen";
export type { ScreenRow, ScreenResult, ScreenOptions, PairRank, MaterialFailure } from "./whatif/screen";
export { monteCarlo, defaultUncertainties, parseUncertaintyMap } from "./whatif/uncertainty";
export type { MonteCarloOptions, MonteCarloResult, UncertaintyMap } from "./whatif/uncertainty";
export { sensitivity, sensitivityTornadoFigure } from "./whatif/sensitivity";
export type { SensitivityOptions, SensitivityResult } from "./whatif/sensitivity";
export { syntheticDataSet, screenBenchmark } from "./whatif/synthetic";

// calibration: unpublished inputs against the published numbers, and the reproduction
export { calibrateElectrolyteIP } from "./calibration/calibrate";
export { calibrateDataSet, tableTargets } from "./calibration/calibrateDataSet";
export type { PublishedNumbers, DataSetCalibration } from "./calibration/calibrateDataSet";
export { compareTable, summarisePairs, lowBarrierPairs, barrierLessInterfaces } from "./calibration/reproduction";
export type { TableComparison, PairSummary } from "./calibration/reproduction";

// figures: Plotly figure specs as plain data
export { figureToJSON, withDefaultLayout } from "./figures/figure";
export type { PlotlyFigure } from "./figures/figure";
export {
  mapColours, materialColours, bandAlignmentFigure, potentialMapFigure, potentialMapGrid,
  defectChemistryFigure, fermiLevelFigure, experimentFigure, stackMapFigure,
} from "./figures/plots";
