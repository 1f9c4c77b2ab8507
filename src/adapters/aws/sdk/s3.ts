// The S3Client, loaded by a dynamic import of this module only where AWS is used (start-up time).
// Not `import("@aws-sdk/client-s3")` itself: the SDK's packages are CommonJS, and a dynamic
// import of one, bundled with code splitting, yields only a default export. A static import in an
// ES module keeps the named exports (test/entrypoints/startup-imports.test.ts checks this).
export { S3Client } from "@aws-sdk/client-s3";
