// undici's fetch and Agent (TLS settings for MLflow), loaded by a dynamic import with the first
// request that needs them (start-up time). undici is CommonJS: see sigv4-libs.ts for why this
// module re-exports it rather than the caller importing the package dynamically.
export { Agent, fetch } from "undici";
