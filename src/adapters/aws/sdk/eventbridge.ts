// The EventBridgeClient, loaded by a dynamic import of this module only where AWS is used (start-up time).
// Not `import("@aws-sdk/client-eventbridge")` itself: the SDK's packages are CommonJS, and a dynamic
// import of one, bundled with code splitting, yields only a default export. A static import in an
// ES module keeps the named exports (test/entrypoints/startup-imports.test.ts checks this).
export { EventBridgeClient } from "@aws-sdk/client-eventbridge";
