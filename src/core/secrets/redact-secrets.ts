/**
 * One redaction function for every error, log line, summary, comment and file the tool writes.
 * Pure: the caller passes in the secret values it knows (see `secretValuesFromEnv`).
 *
 * What is masked, in this order:
 * 1. every known secret value (and its URL-encoded and base64 forms), longest first;
 * 2. URL userinfo: `scheme://user:pass@host` -> `scheme://***@host`;
 * 3. credentials in HTTP headers: `Bearer …`, `Basic …`, `token …`;
 * 4. well-known token shapes: GitHub (`ghp_…`, `github_pat_…`), Databricks (`dapi…`), AWS access key ids;
 * 5. `key=value` query parameters and assignments whose key names a secret (token, password, secret, …).
 */
export const REDACTED = "***";

/** Values shorter than this are not masked by value: masking "a" would destroy every message. */
export const MIN_SECRET_LENGTH = 4;

/** Environment variables whose values are secrets by name. */
const SECRET_ENV_NAME = /(TOKEN|PASSWORD|PASSWD|SECRET|_KEY|CREDENTIALS?|AUTH)$/i;
/** Variables holding URLs that may carry userinfo (user:password@). */
const URL_ENV_NAMES = ["MLFLOW_TRACKING_URI", "MLFLOW_REGISTRY_URI", "DATABRICKS_HOST", "GITHUB_API_URL", "AWS_ENDPOINT_URL"];

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^/\s@"'<>]+)@/gi;
const AUTH_HEADER = /\b(Bearer|Basic|token)(\s+)[A-Za-z0-9._~+/=-]{6,}/g;
const TOKEN_SHAPES = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bdapi[a-f0-9]{20,}(-\d+)?\b/g,
  /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g,
];
const SECRET_ASSIGNMENT = /\b([A-Za-z0-9_.-]*(?:token|password|passwd|secret|api[_-]?key|access[_-]?key|signature|credential)[A-Za-z0-9_.-]*)(["']?\s*[=:]\s*["']?)([^\s"'&,;}]+)/gi;

/**
 * Returns `text` with secrets masked as `***`. `secrets` are known values (tokens, passwords) to mask
 * wherever they appear; empty, undefined and too-short values are ignored. Never throws.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const value of secretForms(secrets)) out = out.split(value).join(REDACTED);
  out = out.replace(URL_USERINFO, (_m, scheme: string) => `${scheme}${REDACTED}@`);
  out = out.replace(AUTH_HEADER, (_m, kind: string, space: string) => `${kind}${space}${REDACTED}`);
  for (const re of TOKEN_SHAPES) out = out.replace(re, REDACTED);
  out = out.replace(SECRET_ASSIGNMENT, (m, key: string, sep: string, value: string) => (value === REDACTED ? m : `${key}${sep}${REDACTED}`));
  return out;
}

/** A redactor bound to a fixed list of known secrets, for adapters and loggers to keep. */
export type Redactor = (text: string) => string;

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const known = [...secrets];
  return (text) => redactSecrets(text, known);
}

/**
 * The secret values an environment holds: variables named like a secret (…_TOKEN, …_PASSWORD,
 * …_SECRET, …_KEY) and the passwords in userinfo of URL variables (MLFLOW_TRACKING_URI, …).
 * Pure: pass `process.env` (or a test's object) in.
 */
export function secretValuesFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const out = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < MIN_SECRET_LENGTH) continue;
    if (SECRET_ENV_NAME.test(name) && !/^(true|false|0|1)$/i.test(value)) out.add(value);
  }
  for (const name of URL_ENV_NAMES) {
    const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^/@]+)@/i.exec(env[name] ?? "")?.[1];
    const password = userinfo?.includes(":") ? userinfo.slice(userinfo.indexOf(":") + 1) : undefined;
    if (password && password.length >= MIN_SECRET_LENGTH) {
      out.add(password);
      out.add(safeDecode(password));
    }
  }
  return [...out];
}

/** Each secret as written, URL-encoded and base64-encoded; longest first so no partial match leaks the rest. */
function secretForms(secrets: readonly (string | undefined)[]): string[] {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < MIN_SECRET_LENGTH) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(base64(s));
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Base64 of the UTF-8 bytes, without Buffer (the core stays free of Node globals). */
function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
