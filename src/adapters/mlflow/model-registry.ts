// The ModelRegistry port now lives in src/ports.ts with the others; re-exported for the adapter's imports.
export type { LegacyStageName, ModelRegistry } from "../../ports.js";
