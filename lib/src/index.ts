/**
 * potmap: interface potential maps for all-solid-state lithium batteries
 * (Swift, Jagad, Park, Qie, Wu, Qi, "Predicting low-impedance interfaces for solid-state batteries").
 *
 * The curated public API, grouped by area. Pure: nothing here loads a browser, Jupyter or the
 * command line (those are `potmap/notebook` and the `potmap` bin). Internals (root finders,
 * quadrature, log-space helpers, colour utilities) stay inside their modules.
 */

// core: errors, checks of outside values, physical constants
export { PotmapError } from "./core/errors";
export type { ErrorLocation } from "./core/errors";
export { parseDecimal, isDecimal, parseNumberInRange, parseInteger, parseChoice, requireFiniteNumber, requirePositive, requireNonNegative, checkRange, describeRange } from "./core/validation";
export type { Where, NumberRange, DecimalOptions } from "./core/validation";
export { physicalRanges, inPhysicalRange, rangeText } from "./core/ranges";
export type { PhysicalRange, PhysicalQuantity } from "./core/ranges";
export { parseJsonText } from "./core/jsonText";
export { boltzmann, elementaryCharge, vacuumPermittivity, electronMass, roomTemperature, thermalEnergy, cubicAngstrom } from "./core/constants";

// defects: formation energies, carriers, the self-consistent Fermi level, sweeps vs voltage
export { formationEnergy, defectConcentration, transitionLevel, effectiveBandGap } from "./defects/defects";
export type { ChargeState, Defect, Dopant, TiedPotential, DefectSystem, DefectResult } from "./defects/defects";
export { effectiveDensityOfStates } from "./defects/carriers";
export type { Carriers, ParabolicCarriers, TabulatedCarriers, NoCarriers } from "./defects/carriers";
export { compileSystem, solveFermiLevel, describeSolution } from "./defects/neutrality";
export type { FermiSolution, SolveOptions, CompiledSystem } from "./defects/neutrality";
export type { Occupancy } from "./defects/defects";
export { linspace, sweepVoltage, sweepWarnings, fermiLevelSlope } from "./defects/sweep";
export { classifyFermiLevel, siteFraction, solutionWarnings, uniqueWarnings, summariseWarnings, edgeMargin, diluteLimit, residualTolerance, unreliableWarningCodes } from "./defects/guards";
export type { FermiLevelClass, PotmapWarning, WarningCode, GuardContext } from "./defects/guards";
// electronic versus ionic conduction (replaces the 3 kT test)
export { classifyConduction, electronicConductivity, electronicRatioLimit, conductionCriterion } from "./defects/conduction";
export type { Conduction, ConductionClass, Transport } from "./defects/conduction";
export type { SweepPoint } from "./defects/sweep";
export { scFermiSystem, solveScFermi } from "./defects/scFermiSystem";
export type { ScFermiInput, ScFermiResult } from "./defects/scFermiSystem";

// cell: material types, band alignment, eqs. 4-7, potential maps, the dictionary, stacks
export type { FermiRule, Anode, Electrolyte, FrenkelEnergyConstraint, LiteratureConstraint, StateOfCharge, CathodeState, Cathode, Material, DataSet } from "./cell/materials";
export { paperOrder, findAnode, findElectrolyte, findCathodeState, orderedElectrolytes, orderedCathodeStates } from "./cell/dataSet";
export { bandEdgesVsVacuum } from "./cell/alignment";
export type { BandEdges, ScissorOptions } from "./cell/alignment";
export { electrostaticPotential, valenceBandMaximum, vacuumLevel, hinders } from "./cell/potential";
export { fermiLevelFunction, electrolyteFermiLevel, electrolyteSystem, guardContextOf, guardedFermiLevelFunction } from "./cell/fermiLevel";
export type { GuardedFermiLevel } from "./cell/fermiLevel";
export { potentialMap, leakageThreshold } from "./cell/potentialMap";
export type { PotentialMap, MapOptions, Region, Profile, StabilityFlags } from "./cell/potentialMap";
export { potentialDictionary, dictionaryTable, dictionaryTableWithWarnings } from "./cell/dictionary";
export type { DictionaryRow } from "./cell/dictionary";
export { stackMap, interlayerState } from "./cell/stack";
export { cathodeCurve, equilibriumAt, cathodeAt } from "./cell/cathodeCurve";
export type { CathodeCurve, CurvePoint, Equilibrium, CurveQuery, CurveState } from "./cell/cathodeCurve";
/** dphiAlongCurve(anode, electrolyte, cathode, points): dphi_c and dphi_a (V), OCV and local OCV (V vs Li/Li+), E_F at the cathode side (eV above the VBM) at `points` SOCs from 0% to 100% (%, linear in Li content) plus the named states; each point with its map's warnings. */
export { dphiAlongCurve, maxCurvePoints } from "./cell/dphiCurve";
export type { DphiCurve, DphiCurvePoint } from "./cell/dphiCurve";
/** dphiCurveFigure(curve, published): the Plotly spec of dphi_c, dphi_a (V) and OCV (V) against SOC (%), named states and Table 1 values marked. */
export { dphiCurveFigure } from "./figures/curveFigure";
export type { PublishedPoint } from "./figures/curveFigure";
export { cathodeWorkFunction, electronAffinity, cathodeBandWarnings, electrolyteBandWarnings, negativeElectronAffinity } from "./cell/bandGuards";
export type { StackLayer, StackMap, StackOptions, StackInterface, InterlayerChoice } from "./cell/stack";

// thermo: formulas, phase diagrams, stability windows, voltages (eq. 3)
export { parseFormula, reducedFormula } from "./thermo/formula";
export type { Composition } from "./thermo/formula";
export { findEntry } from "./thermo/phaseEntry";
export type { PhaseEntry } from "./thermo/phaseEntry";
export { phaseDiagram, energyAboveHull } from "./thermo/phaseDiagram";
export { stabilityWindow, reactionProfile } from "./thermo/stabilityWindow";
export type { StabilityWindow, ReactionStep, WindowOptions } from "./thermo/stabilityWindow";
export { averageVoltage } from "./thermo/averageVoltage";
export type { AverageVoltage, VoltageOptions, VoltageEnd, VoltageEnds } from "./thermo/averageVoltage";
export { reactionVoltage } from "./thermo/averageVoltage";
export { voltageProfile, profileAt, voltageWarnings } from "./thermo/voltageProfile";
export type { VoltageProfile, VoltageStep, VoltagePoint, ProfileState, ProfileOptions } from "./thermo/voltageProfile";
export { openCircuitVoltage } from "./thermo/voltage";
export type { LithiationState } from "./thermo/voltage";

// spaceCharge: the space-charge layer next to an electrode (Swift, Swift & Qi 2021)
export { solveSpaceCharge } from "./spaceCharge/spaceCharge";
export type { SpaceChargeResult } from "./spaceCharge/spaceCharge";
export { surfaceCharge, spaceChargeScales } from "./spaceCharge/model";
export type { SpaceChargeParams } from "./spaceCharge/model";
export { exactProfile } from "./spaceCharge/exact";
export type { ProfilePoint } from "./spaceCharge/exact";
export { debyeHuckelLimit, gouyChapmanLimit, fullSaturationLimit } from "./spaceCharge/limits";
// the bulk screening length and the film thickness it is compared with
export { debyeLength, ionicStrength, screeningOf, defaultFilmThickness, formatLength } from "./spaceCharge/screening";
export type { Screening, ChargedSpecies } from "./spaceCharge/screening";
export { spaceChargeFromRecord } from "./spaceCharge/fromRecord";
export type { RecordSpaceCharge, RecordContact } from "./spaceCharge/fromRecord";

// io: material records, phase entries, SC-FERMI inputs, space-charge parameter sets
export { parseMaterial, readMaterial, readDataSet, builtinMaterialsFolder, toMaterial } from "./io/readMaterials";
export { materialSchema } from "./io/schema";
export { readMergedDataSet } from "./io/mergeMaterials";
export type { Replacement, FiledRecord } from "./io/mergeMaterials";
export { readPhaseEntries, parsePhaseEntries } from "./io/phaseEntries";
export { readInputFermi, readTotalDos, readUnitCell, loadScFermi } from "./io/scFermi";
export type { ScFermiFiles } from "./io/scFermi";
export { parseSpaceChargeData, loadSpaceChargeData } from "./io/spaceChargeData";
export type { SpaceChargeDataSet, SpaceChargeMaterial } from "./io/spaceChargeData";
export { readRawRecords } from "./io/readRecords";
export type { MaterialFailure } from "./io/readRecords";

// inputs: the one table of physical inputs (record paths, kinds, sigmas, immutable with)
export { anodeInputs, electrolyteInputs, cathodeStateInputs, dataSetInputs, findInput } from "./inputs/table";
export type { PhysicalInput, DeclaredSigmas } from "./inputs/table";
export { recordInputs, recordWith, recordQuantity, declaredSigmas } from "./inputs/recordInputs";
export type { RecordInput } from "./inputs/recordInputs";
export { inputKinds } from "./inputs/kinds";
export type { InputKind, KindInfo } from "./inputs/kinds";

// whatif: dopants and quench, temperature, screening, Monte Carlo, sensitivity
export { parseDopants, withDopant, withDopants, quenchElectrolyte, electrolyteWarnings } from "./whatif/doping";
export { quenchDefects, quenchDefectsWithSolution } from "./defects/quench";
export type { QuenchOptions, QuenchResult } from "./defects/quench";
export { temperatureRange, temperatureSweep } from "./whatif/temperature";
export type { TemperatureRow } from "./whatif/temperature";
export { screen, screenMaterials, rankPairs } from "./whatif/screen";
export type { ScreenRow, ScreenResult, ScreenOptions, PairRank } from "./whatif/screen";
export { screenCsv, screenJson } from "./whatif/screenOutput";
export { monteCarlo, defaultUncertainties } from "./whatif/uncertainty";
export type { MonteCarloOptions, MonteCarloResult } from "./whatif/uncertainty";
export { parseUncertaintyMap } from "./whatif/perturb";
export type { UncertaintyMap } from "./whatif/perturb";
export { sensitivity, sensitivityTornadoFigure } from "./whatif/sensitivity";
export type { SensitivityOptions, SensitivityResult } from "./whatif/sensitivity";
export { exploreCell, explorerControls, knobsFromControls, selectedCathodeState, explorerSocOptions } from "./whatif/explore";
export type { ExplorerSelection, ExplorerKnobs, ExplorerControl, ExplorerResult } from "./whatif/explore";
export { syntheticDataSet, screenBenchmark } from "./whatif/synthetic";
// whatif: which coating (potmap coat, issue 21)
export { rankCoatings, coatingStates, windowFlags, coatCsv } from "./whatif/coat";
export type { CoatResult, CoatCandidate, CoatState, CoatInterface, CoatOptions, CoatingKind } from "./whatif/coat";
export { virtualCoatingModel, virtualCoatingSystem, virtualFermiLevelFunction, virtualModelHolds, scanStates, scanVirtualCoatings, virtualWorstByStack } from "./whatif/virtualCoating";
export type { VirtualCoatingModel, VirtualCoatingOverrides, ScanState, ScanGrid } from "./whatif/virtualCoating";
export { idealCoating, defaultTemplate } from "./whatif/idealCoating";
export type { IdealCoatingOptions, IdealCoatingResult, PlacedCandidate } from "./whatif/idealCoating";
export { virtualCoatingFigure } from "./whatif/coatFigures";
export { pairStability } from "./whatif/screenStability";
export type { PairStability } from "./whatif/screenStability";

// calibration: unpublished inputs against the published numbers, and the reproduction
export { calibrateElectrolyteIP } from "./calibration/calibrate";
export { calibrateDataSet, tableTargets, energyQuantity, knobBounds, bandEdgeMargin, stateLeaveOneOut } from "./calibration/calibrateDataSet";
export type { PublishedNumbers, DataSetCalibration, CalibrationOptions, Knob, KnobResult, StateFit, EnergyAddress } from "./calibration/calibrateDataSet";
export { cathodeStateVoltages, withCathodeVoltages } from "./calibration/cathodeVoltage";
export type { HullSegment, StateVoltage } from "./calibration/cathodeVoltage";
export { compareTable, summarisePairs, lowBarrierPairs, barrierLessInterfaces } from "./calibration/reproduction";
export {
  calibrateBuiltin, builtinKnobs, ipColumns, ipBounds, lpoCrossover, lpoFrenkel, withDefaultKnobs, withSpinelAnalogy,
  roundCalibrated, voltageForPotential, ocvOrder,
} from "./calibration/builtinCalibration";
export type { BuiltinKnob, RecordsByFile } from "./calibration/builtinCalibration";
export type { TableComparison, PairSummary } from "./calibration/reproduction";
export { claimsLedger, ledgerMarkdown, dominantBalance, claimKinds, countByKind } from "./calibration/claims";
export type { Claim, ClaimKind, PublishedClaims, LedgerOptions } from "./calibration/claims";

// check: is a data set physical? (findings naming file, field, value and what is expected)
export { checkDataSet, formatFinding } from "./check/checkDataSet";
export type { CheckOptions } from "./check/checkDataSet";
export { functionalFamily } from "./check/electrolytes";
export type { Finding, CheckResult, CheckName, Severity } from "./check/findings";
export type { CheckRecord } from "./check/records";

// figures: Plotly figure specs as plain data
export { figureToJSON, withDefaultLayout } from "./figures/figure";
export type { PlotlyFigure } from "./figures/figure";
export {
  mapColours, materialColours, bandAlignmentFigure, potentialMapFigure, potentialMapGrid,
  defectChemistryFigure, fermiLevelFigure, experimentFigure, stackMapFigure, curveSlopes,
} from "./figures/plots";
export type { DefectFigureOptions, FermiLevelFigureOptions } from "./figures/plots";
export { experimentCategoryMeans, resistanceCategories } from "./figures/experiment";
export type { ExperimentPoint, CategoryMean, ExperimentTrend, ResistanceCategory } from "./figures/experiment";
export { krogerVink, jumpColour, jumpColours } from "./figures/labels";
export { differenceFigure, curveDifference } from "./figures/difference";
export type { Curve, DifferenceFigureOptions } from "./figures/difference";
export { spaceChargeFigure, spaceChargeCurve, settledAt } from "./figures/spaceChargeFigure";
export type { SpaceChargeCurve, SpaceChargeFigureOptions } from "./figures/spaceChargeFigure";
export { galleryFigures, normaliseFigure } from "./figures/gallery";
export type { GalleryFigure } from "./figures/gallery";
