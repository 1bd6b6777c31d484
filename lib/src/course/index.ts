/**
 * potmap/course: the helpers of the notebook course (exercises and their checker, the tables and
 * figures that keep the lessons' cells short). Not part of the library's API (`potmap`): they
 * arrange its physics for teaching. Rows are keyed by plain field names (dphiCathode,
 * fermiLevelAnodeSide, ...); `columnLabels` holds the display labels (LaTeX) the notebooks show,
 * `withLabels(rows)` applies them.
 */

// display labels of the rows' plain field names
export { columnLabels, columnLabel, withLabels } from "./labels";
export type { ColumnLabel } from "./labels";

// exercises of the notebooks, checked by the library
export { exercises, findExercise, checkExercise, unboundedLpsFit, unboundedLpsElectrolyte } from "./exercises";
export type { Exercise, ExerciseCheck, ExerciseKind, ExerciseAnswer } from "./exercises";
// Brouwer diagrams and the electronic-versus-ionic criterion (notebook 03b); the exercises' answers stay unexported
export { brouwerPoints, decadesPerVolt, predictedDecadesPerVolt, conductivityRatio } from "./brouwer";
export type { BrouwerPoint, AssumedMobilities } from "./brouwer";
export { courseMobilities } from "./mobilities";
export { lithiumSideRows, fittedTableColumns, table1Wide, table1Entries, table1Summary, cathodeVoltages, greyWidths, cathodeMapGrid } from "./interfaces";
export type { LithiumSideRow, EntryRole, Table1Entry, CathodeVoltageRow } from "./interfaces";
export { resistanceObservations, observationPoints, rankCorrelation } from "./experiments";
export type { ResistanceObservation, PublishedExperiments, ObservationPoint, RankCorrelation } from "./experiments";
export {
  withDefectEnergyShift, withScissorShift, withIonizationPotentialShift, jumpRow, scissorRows, temperatureRows, spreadByElectrolyte,
  cathodeIpRows, dopantRows, undopedVacancyConcentration, dopantFermiLevelFigure, quenchRows, temperatureSweepStudy,
  barrierlessProbabilityRows, robustRankingRows, robustRankingFigure,
} from "./whatIf";
export { defectSpecies, electronSpecies, balanceFermiLevel, speciesConcentration, allSpeciesFermiLevel, allSpeciesSlope, fermiDiracBalanceFermiLevel } from "./solutions";
export type { BalanceSpecies } from "./solutions";
export { interlayerRows, spaceChargeLimitsFigure, spaceChargeProfilesFigure } from "./stacks";
export { chargedSpecies, dominantSpecies, dominantPair, dominantPairChanges, dominantRow, windowPoints, windowRows, saturation } from "./defectTables";
export type { Species, Saturation } from "./defectTables";
export { compareElectrolyteModels, impliedAverageSlope } from "./compareModels";
export type { CompareOptions, ModelComparison } from "./compareModels";
export { inputProvenance } from "./provenance";
export type { RawMaterialRecord } from "./provenance";
