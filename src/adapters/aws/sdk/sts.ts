// The STSClient, loaded by a dynamic import of this module only where AWS is used (start-up time).
// Not `import("@aws-sdk/client-sts")` itself: the SDK's packages are CommonJS, and a dynamic
// import of one, bundled with code splitting, yields only a default export. A static import in an
// ES module keeps the named exports (test/entrypoints/startup-imports.test.ts checks this).
export { STSClient } from "@aws-sdk/client-sts";
