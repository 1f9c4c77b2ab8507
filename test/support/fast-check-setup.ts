import fc from "fast-check";

// Property tests explore new random inputs on every local run. In CI (CI=true) they replay a fixed
// seed, so that a landing run is reproducible; FC_SEED=<n> replays any run (fast-check prints the
// seed of a failure), FC_SEED=random explores in CI too.
const seed = process.env.FC_SEED ?? (process.env.CI ? "20261126" : "random");
if (seed !== "random") fc.configureGlobal({ seed: Number(seed) });
