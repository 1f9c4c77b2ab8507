/**
 * Credentials of a role, assumed with STS AssumeRole through `sts` (whose own credentials are the
 * source: the default chain, e.g. the OIDC role in Actions). Cached until five minutes before they
 * expire, then assumed again; concurrent callers share one AssumeRole call.
 */
import { AssumeRoleCommand, type STSClient } from "@aws-sdk/client-sts";
import { ExternalError } from "../../core/errors.js";
import { mapAwsErrors } from "./to-external-error.js";

/** What STS accepts as RoleSessionName: 2-64 of [\w+=,.@-]. */
export function roleSessionName(prefix: string, name: string): string {
  const clean = `${prefix}-${name}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
  return clean.length >= 2 ? clean : `${clean}--`.slice(0, 2);
}

export interface AssumeRoleOptions {
  roleArn: string;
  sessionName: string;
  /** Seconds the credentials last (AssumeRole DurationSeconds); default 3600. */
  durationSeconds?: number;
  /** Epoch ms now; the tests' clock. */
  now?: () => number;
}

/** The SDK's credential identity (structurally; @aws-sdk/types is not a direct dependency). */
export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

const REFRESH_BEFORE_MS = 5 * 60_000;

/** A credential provider for the SDK's `credentials` option. Throws ExternalError when STS refuses. */
export function assumeRoleCredentials(sts: STSClient, opts: AssumeRoleOptions): AwsCredentialIdentityProvider {
  const now = opts.now ?? Date.now;
  let cached: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const assume = async (): Promise<AwsCredentialIdentity> => {
    const out = await mapAwsErrors(`assume role ${opts.roleArn} (sts:AssumeRole)`, () =>
      sts.send(new AssumeRoleCommand({ RoleArn: opts.roleArn, RoleSessionName: opts.sessionName, DurationSeconds: opts.durationSeconds ?? 3600 })),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new ExternalError("aws", undefined, `sts:AssumeRole of ${opts.roleArn} returned no credentials`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: new Date(c.Expiration) } : {}) };
  };
  return async () => {
    if (cached && (!cached.expiration || cached.expiration.getTime() - now() > REFRESH_BEFORE_MS)) return cached;
    pending ??= assume().then(
      (c) => ((cached = c), (pending = undefined), c),
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    );
    return pending;
  };
}
