/**
 * CaptureStore over a folder laid out like S3: `<root>/<bucket>/<key>`. The demo and the file
 * metric source (`steward monitor --source DIR`) read embedded capture files from `DIR/capture`.
 * With `replayTo`, the embedded hours are shifted so that the newest one is the hour of `replayTo`
 * (as the file metric source replays its series to end now): a request for the hour prefix
 * `.../2026/12/03/09/` lists the files of the hour as far before the newest embedded one.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { CaptureStore } from "../../ports.js";

const HOUR_PREFIX = /(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\/$/;
const HOUR_IN_KEY = /\/(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\//;
const HOUR = 3_600_000;
const two = (n: number) => String(n).padStart(2, "0");
const hourOf = (m: RegExpExecArray) => Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!);

/** CaptureStore reading `<root>/<bucket>/<prefix>...`; a missing folder lists nothing. */
export function folderCaptureStore(root: string, options: { replayTo?: Date } = {}): CaptureStore {
  const base = resolve(root);
  const inside = (p: string) => {
    const abs = resolve(base, p);
    if (abs !== base && !abs.startsWith(base + sep)) throw new RangeError(`${p} is outside ${root}`);
    return abs;
  };
  async function keysUnder(bucket: string, dirPrefix: string): Promise<string[]> {
    const dir = inside(join(bucket, dirPrefix));
    try {
      const bucketDir = inside(bucket);
      return (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((d) => d.isFile())
        .map((d) => relative(bucketDir, join(d.parentPath, d.name)).split(sep).join("/"));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
  }
  const newest = new Map<string, Promise<number | undefined>>();
  /** Milliseconds from the requested hours back to the embedded ones, per bucket. */
  async function shift(bucket: string): Promise<number> {
    if (!options.replayTo) return 0;
    if (!newest.has(bucket)) {
      newest.set(bucket, keysUnder(bucket, "").then((keys) => {
        const hours = keys.map((k) => HOUR_IN_KEY.exec(k)).filter((m): m is RegExpExecArray => !!m).map(hourOf);
        return hours.length ? Math.max(...hours) : undefined;
      }));
    }
    const last = await newest.get(bucket)!;
    return last === undefined ? 0 : Math.floor(options.replayTo.getTime() / HOUR) * HOUR - last;
  }
  return {
    async list(bucket, prefix) {
      let wanted = prefix;
      const m = HOUR_PREFIX.exec(prefix);
      const offset = m ? await shift(bucket) : 0;
      if (m && offset) {
        const d = new Date(hourOf(m) - offset);
        wanted = `${prefix.slice(0, m.index)}${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCHours())}/`;
      }
      const keys = await keysUnder(bucket, wanted.slice(0, wanted.lastIndexOf("/") + 1));
      return keys.filter((key) => key.startsWith(wanted)).sort().map((key) => ({ key }));
    },
    async read(bucket, key) {
      return readFile(inside(join(bucket, key)), "utf8");
    },
  };
}
