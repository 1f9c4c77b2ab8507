/**
 * Deterministic, content-addressed names for SageMaker resources.
 * SageMaker names (models, endpoint configs, endpoints, variants) match
 * `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$`: at most 63 characters, letters, digits and hyphens,
 * starting and ending with a letter or digit.
 */
import { createHash } from "node:crypto";

export const SAGEMAKER_NAME_MAX = 63;
export const SAGEMAKER_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
/** Hex characters of the content hash appended to every generated name. */
export const HASH_LENGTH = 10;

/** JSON with object keys sorted at every level, so equal values always serialize the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The first `HASH_LENGTH` hex characters of the SHA-256 of the value's canonical JSON. */
export function contentHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, HASH_LENGTH);
}

/** `text` reduced to the SageMaker alphabet: runs of other characters become one hyphen, no hyphen at either end. */
export function sanitizeName(text: string): string {
  return text.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/**
 * `<base>-<hash>` within 63 characters: the base is sanitized and cut so the hash always fits.
 * Two different contents never share a name (the hash differs); the same content always gets
 * the same name, so a rollback finds the resource it created before.
 */
export function hashedName(base: string, hash: string): string {
  const room = SAGEMAKER_NAME_MAX - hash.length - 1;
  const cut = sanitizeName(sanitizeName(base).slice(0, room)) || "x";
  return `${cut}-${hash}`;
}

/** Name of the SageMaker Model for one version of a governed model. */
export function sageMakerModelName(model: string, version: string, hash: string): string {
  return hashedName(`${model}-v${version}`, hash);
}

/** Name of an endpoint config of `endpoint`; every config of an endpoint shares its prefix. */
export function endpointConfigName(endpoint: string, hash: string): string {
  return hashedName(endpoint, hash);
}

/**
 * Production variant name for a version within a stage. A stage served by one version uses
 * `AllTraffic` (SageMaker's default, and stable across versions, which blue/green guardrails
 * require); a weighted split names each variant after its version.
 */
export function variantName(version: string, variants: number): string {
  if (variants === 1) return "AllTraffic";
  return (`v-${sanitizeName(version)}`).slice(0, SAGEMAKER_NAME_MAX).replace(/-+$/, "");
}
