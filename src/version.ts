import pkg from "../package.json" with { type: "json" };

/** This build's version, from package.json (inlined into the bundles at build time). */
export const STEWARD_VERSION: string = pkg.version;
