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
export { parseJsonText, maxJsonDepth } from "./core/jsonText";
export { boltzmann, elementaryCharge, vacuumPermittivity, electronMass, roomTemperature, thermalEnergy, cubicAngstrom } from "./core/constants";

// defects: formation energies, carriers, the self-consistent Fermi level, sweeps vs voltage
export { formationEnergy, defectConcentration, transitionLevel } from "./defects/defects";
export type { ChargeState, Defect, Dopant, TiedPotential, DefectSystem, DefectResult } from "./defects/defects";
export { effectiveDensityOfStates } from "./defects/carriers";
export type { Carriers, ParabolicCarriers, TabulatedCarriers, NoCarriers } from "./defects/carriers";
export { compileSystem, solveFermiLevel, describeSolution } from "./defects/neutrality";
export type { FermiSolution, SolveOptions, CompiledSystem } from "./defects/neutrality";
export type { Occupancy } from "./defects/defects";
export { linspace, sweepVoltage, sweepWarnings, fermiLevelSlope } from "./defects/sweep";
export { classifyFermiLevel, siteFraction, solutionWarnings, uniqueWarnings, summariseWarnings, edgeMargin, diluteLimit, residualTolerance } from "./defects/guards";
export type { FermiLevelClass, PotmapWarning, WarningCode, GuardContext } from "./defects/guards";
export type { SweepPoint } from "./defects/sweep";
export { scFermiSystem, solveScFermi } from "./defects/scFermiSystem";
export type { ScFermiInput, ScFermiResult } from "./defects/scFermiSystem";

// cell: material types, band alignment, eqs. 4-7, potential maps, the dictionary, stacks
export type { FermiRule, Anode, Electrolyte, FrenkelEnergyConstraint, LiteratureConstraint, StateOfCharge, CathodeState, Cathode, Material, DataSet } from "./cell/materials";
export { paperOrder, findAnode, findElectrolyte, findCathodeState, orderedElectrolytes, orderedCathodeStates } from "./cell/dataSet";
export { bandEdgesVsVacuum } from "./cell/alignment";
export type { BandEdges, ScissorOptions } from "./cell/alignment";
export { electrostaticPotential, valenceBandMaximum, vacuumLevel, hinders } from "./cell/potential";
export { fermiLevelFunction, electrolyteFermiLevel, electrolyteSystem, guardContextOf, guardedFermiLevelFunction, fixedFermiLevelGuards } from "./cell/fermiLevel";
export type { GuardedFermiLevel } from "./cell/fermiLevel";
export { potentialMap, leakageThreshold } from "./cell/potentialMap";
export type { PotentialMap, MapOptions, Region, Profile, StabilityFlags } from "./cell/potentialMap";
export { potentialDictionary, dictionaryTable, dictionaryTableWithWarnings } from "./cell/dictionary";
export type { DictionaryRow } from "./cell/dictionary";
export { stackMap, interlayerState } from "./cell/stack";
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
export type { AverageVoltage, VoltageOptions } from "./thermo/averageVoltage";
export { reactionVoltage } from "./thermo/reactionVoltage";
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

// io: material records, phase entries, SC-FERMI inputs, space-charge parameter sets
export { parseMaterial, readMaterial, readDataSet, builtinMaterialsFolder, toMaterial } from "./io/readMaterials";
export { materialSchema } from "./io/schema";
export { readMergedDataSet, mergeRecords, materialFiles } from "./io/mergeMaterials";
export type { Replacement, FiledRecord } from "./io/mergeMaterials";
export { readPhaseEntries, parsePhaseEntries } from "./io/phaseEntries";
export { readInputFermi, readTotalDos, readUnitCell, loadScFermi } from "./io/scFermi";
export type { ScFermiFiles } from "./io/scFermi";
export { parseSpaceChargeData, loadSpaceChargeData } from "./io/spaceChargeData";
export type { SpaceChargeDataSet, SpaceChargeMaterial } from "./io/spaceChargeData";
export { readRawRecords } from "./io/readRecords";
export type { MaterialFailure } from "./io/readRecords";

// whatif: dopants and quench, temperature, screening, Monte Carlo, sensitivity
export { parseDopants, withDopant, withDopants, quenchDefects, quenchDefectsWithSolution, quenchElectrolyte, electrolyteWarnings } from "./whatif/doping";
export type { QuenchOptions, QuenchResult } from "./whatif/doping";
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
export { exploreCell, explorerControls, knobsFromControls, applyKnobs, defectKey } from "./whatif/explore";
export type { ExplorerSelection, ExplorerKnobs, ExplorerControl, ExplorerResult } from "./whatif/explore";
export { syntheticDataSet, screenBenchmark } from "./whatif/synthetic";

// calibration: unpublished inputs against the published numbers, and the reproduction
export { calibrateElectrolyteIP } from "./calibration/calibrate";
export { calibrateDataSet, tableTargets, energyQuantity, knobBounds, bandEdgeMargin, stateLeaveOneOut } from "./calibration/calibrateDataSet";
export type { PublishedNumbers, DataSetCalibration, CalibrationOptions, Knob, KnobResult, StateFit, EnergyAddress } from "./calibration/calibrateDataSet";
export { cathodeStateVoltages } from "./calibration/cathodeVoltage";
export type { HullSegment, StateVoltage } from "./calibration/cathodeVoltage";
export { compareTable, summarisePairs, lowBarrierPairs, barrierLessInterfaces } from "./calibration/reproduction";
export type { TableComparison, PairSummary } from "./calibration/reproduction";
export { claimsLedger, ledgerMarkdown, dominantBalance } from "./calibration/claims";
export type { Claim, PublishedClaims, LedgerOptions } from "./calibration/claims";

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
export { experimentCategoryMeans } from "./figures/experiment";
export type { ExperimentPoint, CategoryMean, ExperimentTrend } from "./figures/experiment";
export { krogerVink, jumpColour, jumpColours } from "./figures/labels";
export { differenceFigure, curveDifference } from "./figures/difference";
export type { Curve, DifferenceFigureOptions } from "./figures/difference";
export { spaceChargeFigure, spaceChargeCurve, settledAt } from "./figures/spaceChargeFigure";
export type { SpaceChargeCurve, SpaceChargeFigureOptions } from "./figures/spaceChargeFigure";
export { galleryFigures, normaliseFigure } from "./figures/gallery";
export type { GalleryFigure } from "./figures/gallery";

// course: exercises of the notebooks, checked by the library
export { exercises, findExercise, checkExercise, unboundedLpsFit, unboundedLpsElectrolyte } from "./course/exercises";
export type { Exercise, ExerciseCheck, ExerciseKind, ExerciseAnswer } from "./course/exercises";
// course: Brouwer diagrams and the electronic-versus-ionic criterion (notebook 03b); the exercises' answers stay unexported
export { brouwerPoints, decadesPerVolt, predictedDecadesPerVolt, conductivityRatio } from "./course/brouwer";
export type { BrouwerPoint, AssumedMobilities } from "./course/brouwer";
export { courseMobilities } from "./course/mobilities";
export { lithiumSideRows, fittedTableColumns, table1Wide, table1Entries, table1Summary, cathodeVoltages, greyWidths, cathodeMapGrid } from "./course/interfaces";
export type { LithiumSideRow, EntryRole, Table1Entry, CathodeVoltageRow } from "./course/interfaces";
export { resistanceCategories, resistanceObservations, observationPoints, categoryMeans, rankCorrelation } from "./course/experiments";
export type { ResistanceCategory, ResistanceObservation, ObservationPoint, CategoryMean as ObservationCategoryMean, RankCorrelation } from "./course/experiments";
export {
  withDefectEnergyShift, withScissorShift, withIonizationPotentialShift, jumpRow, scissorRows, temperatureRows, spreadByElectrolyte,
  cathodeIpRows, dopantRows, undopedVacancyConcentration, dopantFermiLevelFigure, quenchRows, temperatureSweepStudy,
  barrierlessProbabilityRows, robustRankingRows, robustRankingFigure,
} from "./course/whatIf";
export { defectSpecies, electronSpecies, balanceFermiLevel, speciesConcentration, allSpeciesFermiLevel, allSpeciesSlope, fermiDiracBalanceFermiLevel } from "./course/solutions";
export type { BalanceSpecies } from "./course/solutions";
export { interlayerRows, spaceChargeLimitsFigure, spaceChargeProfilesFigure } from "./course/stacks";
export { chargedSpecies, dominantSpecies, dominantPair, dominantPairChanges, dominantRow, windowPoints, windowRows, saturation } from "./course/defectTables";
export type { Species, Saturation } from "./course/defectTables";
export { compareElectrolyteModels, impliedAverageSlope } from "./course/compareModels";
export type { CompareOptions, ModelComparison } from "./course/compareModels";
export { inputProvenance } from "./course/provenance";
export type { RawMaterialRecord } from "./course/provenance";
