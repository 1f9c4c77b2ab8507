// SigV4 signing for SageMaker managed MLflow, loaded by a dynamic import with the first signed
// request (start-up time). These packages are CommonJS: imported statically here, in an ES module,
// their named exports survive bundling with code splitting, which a dynamic import of the package
// itself would lose (test/entrypoints/startup-imports.test.ts).
export { Sha256 } from "@aws-crypto/sha256-js";
export { defaultProvider } from "@aws-sdk/credential-provider-node";
export { SignatureV4 } from "@smithy/signature-v4";
