import { escapeData, escapeProperty } from "../../core/text/workflow-commands.js";
import { MIN_SECRET_LENGTH, REDACTED, redactSecrets, secretValuesFromEnv } from "../../core/secrets/redact-secrets.js";

let secrets: string[] = [];
let forms: string[] = [];

/**
 * Sets the secrets every output of this run is redacted of: the environment's secret-named
 * variables and URL passwords (see `secretValuesFromEnv`). Entrypoints call it once, first.
 */
export function configureRedaction(env: Readonly<Record<string, string | undefined>>): void {
  const known = secretValuesFromEnv(env);
  // Also as they read inside an escaped workflow command, so a command line can be redacted whole.
  secrets = [...new Set([...known, ...known.map(escapeData), ...known.map(escapeProperty)])];
  forms = [...new Set(known.flatMap((k) => [k, encodeURIComponent(k), Buffer.from(k, "utf8").toString("base64")]))].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** `text` with every configured secret (and the shapes `redactSecrets` knows) masked. */
export function redactOutput(text: string): string {
  return redactSecrets(text, secrets);
}

/**
 * `text` with only the configured secret values masked (as written, URL-encoded, base64), not the
 * shapes: for files and pull requests whose content must stay valid YAML or Markdown that the bot's
 * own checks accept (`tokenizer: bert` is not a secret).
 */
export function redactKnown(text: string): string {
  let out = text;
  for (const f of forms) out = out.split(f).join(REDACTED);
  return out;
}

/**
 * A value with every string inside it (keys too are kept as they are) redacted, by default of the known
 * secret values: plain objects and arrays are copied, anything else (numbers, dates, byte arrays) is kept.
 */
export function redactDeep<T>(value: T, redact: (s: string) => string = redactKnown): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact);
    return out as T;
  }
  return value;
}

/**
 * A port whose every method call has its arguments redacted (deeply), so nothing the tool sends out
 * through it (an issue, a comment, a pull request, an event) carries a secret.
 */
export function redactingPort<T extends object>(port: T): T {
  return new Proxy(port, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== "function") return v;
      return (...args: unknown[]) => (v as (...a: unknown[]) => unknown).apply(target, args.map((a) => redactDeep(a)));
    },
  });
}

export { REDACTED };
