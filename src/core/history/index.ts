export { stageHistory, servesIn, type StageChange, type StageHistory, type StageSnapshot } from "./stage-history.js";
export { firstEntered, entries } from "./first-entered.js";
export { timeInStage } from "./time-in-stage.js";
export { parseStages, type StageMap } from "./parse-stages.js";
