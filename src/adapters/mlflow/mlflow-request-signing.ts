import { readFileSync } from "node:fs";
import type { SignatureV4 } from "@smithy/signature-v4";
import { UserError } from "../../core/errors.js";
import type { MlflowConfig, MlflowTlsSettings } from "./mlflow-config.js";

/** AWS credentials as the SDK's providers return them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}
export type CredentialProvider = () => Promise<AwsCredentials>;

/** Adds headers to one request just before it is sent (SigV4); `body` is the exact JSON text sent. */
export type RequestSigner = (req: { method: string; url: URL; headers: Record<string, string>; body?: string }) => Promise<Record<string, string>>;

/**
 * A SigV4 signer for SageMaker managed MLflow (service `sagemaker-mlflow`), with credentials from the
 * AWS SDK's default chain (environment, SSO, web identity/OIDC in Actions, instance roles) unless given.
 */
export function sigv4Signer(sigv4: NonNullable<MlflowConfig["sigv4"]>, credentials?: CredentialProvider): RequestSigner {
  // The signer and the credential chain load with the first request: a run that never calls
  // MLflow does not parse them (start-up time, issue #13).
  let loading: Promise<SignatureV4> | undefined;
  const load = async (): Promise<SignatureV4> => {
    const { SignatureV4: Signer, Sha256, defaultProvider } = await import("./sigv4-libs.js");
    const chain = credentials ?? defaultProvider();
    return new Signer({ service: sigv4.service, region: sigv4.region, credentials: chain, sha256: Sha256, uriEscapePath: true, applyChecksum: true });
  };
  return async ({ method, url, headers, body }) => {
    const signer = await (loading ??= load());
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query,
      headers: { ...headers, host: url.host },
      ...(body !== undefined ? { body } : {}),
    });
    return signed.headers;
  };
}

/**
 * The fetch to use for `tls`: Node's own when nothing is set; otherwise undici's with an Agent that
 * trusts `serverCertPath` (a PEM bundle), presents `clientCertPath` (PEM with its key, or
 * `cert.pem,key.pem`), or skips verification (`insecure`, as MLFLOW_TRACKING_INSECURE_TLS).
 */
export function fetchForTls(tls: MlflowTlsSettings | undefined, read: (path: string) => string = (p) => readFileSync(p, "utf8")): typeof fetch | undefined {
  if (!tls || (!tls.insecure && !tls.serverCertPath && !tls.clientCertPath)) return undefined;
  const load = (path: string, what: string) => {
    try {
      return read(path);
    } catch (err) {
      throw new UserError(`${what}: cannot read ${path} (${(err as Error).message})`);
    }
  };
  const connect: Record<string, unknown> = {};
  if (tls.insecure) connect.rejectUnauthorized = false;
  if (tls.serverCertPath) connect.ca = load(tls.serverCertPath, "MLFLOW_TRACKING_SERVER_CERT_PATH");
  if (tls.clientCertPath) {
    const [certPath, keyPath] = tls.clientCertPath.split(",").map((s) => s.trim());
    const cert = load(certPath!, "MLFLOW_TRACKING_CLIENT_CERT_PATH");
    connect.cert = cert;
    connect.key = keyPath ? load(keyPath, "MLFLOW_TRACKING_CLIENT_CERT_PATH") : cert;
  }
  // undici (for its Agent's TLS options) loads with the first request; the files above are read now,
  // so a missing certificate is reported before any request.
  let client: Promise<{ fetch: (input: URL | string, init: never) => Promise<unknown>; dispatcher: unknown }> | undefined;
  const loadUndici = async () => {
    const undici = await import("./undici-libs.js");
    return { fetch: undici.fetch as never, dispatcher: new undici.Agent({ connect }) };
  };
  return (async (input: URL | string, init?: RequestInit) => {
    const { fetch: undiciFetch, dispatcher } = await (client ??= loadUndici());
    return undiciFetch(input, { ...(init as object), dispatcher } as never);
  }) as unknown as typeof fetch;
}
