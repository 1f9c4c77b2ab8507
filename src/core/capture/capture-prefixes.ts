/**
 * Where SageMaker writes the captures of one variant for a time window: one S3 prefix per UTC hour,
 * `<prefix>/<endpoint>/<variant>/<yyyy>/<mm>/<dd>/<hh>/`. Pure: the clock is passed in.
 */

export interface S3Location {
  bucket: string;
  /** Key prefix without a leading slash; "" or ending in "/". */
  prefix: string;
}

/** `s3://bucket/a/b` -> { bucket, prefix: "a/b/" }; undefined for anything else. */
export function parseS3Uri(uri: string): S3Location | undefined {
  const m = /^s3:\/\/([a-z0-9.-]{3,63})(?:\/(.*))?$/.exec(uri);
  if (!m) return undefined;
  const rest = (m[2] ?? "").replace(/^\/+|\/+$/g, "");
  return { bucket: m[1]!, prefix: rest ? `${rest}/` : "" };
}

const two = (n: number) => String(n).padStart(2, "0");

/** The hourly prefixes covering (now - windowSeconds, now], newest first; at most `maxHours`. */
export function captureHourPrefixes(destination: S3Location, endpoint: string, variant: string, now: Date, windowSeconds: number, maxHours = 24 * 31): string[] {
  const out: string[] = [];
  const hour = 3600_000;
  const end = Math.floor(now.getTime() / hour) * hour;
  const start = now.getTime() - windowSeconds * 1000;
  for (let t = end; t > start - hour && out.length < maxHours; t -= hour) {
    const d = new Date(t);
    out.push(`${destination.prefix}${endpoint}/${variant}/${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCHours())}/`);
  }
  return out;
}
