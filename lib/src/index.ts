/**
 * potmap: interface potential maps for all-solid-state lithium batteries
 * (Swift, Jagad, Park, Qie, Wu, Qi, "Predicting low-impedance interfaces for solid-state batteries").
 */
export * from "./errors";
export * from "./constants";
export * from "./logMath";
export * from "./fermiDirac";
export * from "./carriers";
export * from "./defects";
export * from "./neutrality";
export * from "./sweep";
export * from "./potential";
export * from "./alignment";
export * from "./voltage";
export * from "./materials";
export * from "./fermiLevel";
export * from "./potentialMap";
export * from "./dictionary";
export * from "./dataSet";
export * from "./calibrate";
export * from "./readMaterials";
export { materialSchema } from "./schema";
export { formatTable, formatNumber } from "./format";
export * from "./formula";
export * from "./phaseEntries";
export * from "./stabilityWindow";
export * from "./averageVoltage";
export * from "./scFermi";
export * from "./spaceCharge";
export * from "./spaceChargeData";
export * from "./calibrateDataSet";
export * from "./reactionVoltage";
export * from "./reproduction";
export * from "./figure";
export * from "./plots";
export * from "./stack";
export * from "./doping";
export * from "./temperature";
export * from "./screen";
export * from "./uncertainty";
export * from "./sensitivity";
export * from "./synthetic";
