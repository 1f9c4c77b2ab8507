/** The parts of `.dvc/config` (DVC's INI format) that matter here. */
export interface DvcConfig {
  defaultRemote?: string;
  /** Remote name -> URL, e.g. storage -> s3://bucket/prefix. */
  remotes: Record<string, string>;
  /** Remote name -> other options (endpointurl, region, ...). */
  options: Record<string, Record<string, string>>;
}

/**
 * Parses `.dvc/config` (and `.dvc/config.local` layered on top by the caller). Accepts the section
 * spellings DVC writes: `['remote "name"']`, `[remote "name"]`, and `[core]` with `remote = name`.
 */
export function parseDvcConfig(text: string): DvcConfig {
  const cfg: DvcConfig = { remotes: {}, options: {} };
  let section = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[\s*'?\s*([a-z]+)(?:\s+"([^"]+)")?\s*'?\s*\]$/i.exec(line);
    if (header) {
      section = header[2] ? `${header[1]!.toLowerCase()}:${header[2]}` : header[1]!.toLowerCase();
      continue;
    }
    const kv = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = kv[1]!.toLowerCase();
    const value = kv[2]!.trim();
    if (section === "core" && key === "remote") cfg.defaultRemote = value;
    else if (section.startsWith("remote:")) {
      const name = section.slice("remote:".length);
      if (key === "url") cfg.remotes[name] = value;
      else (cfg.options[name] ??= {})[key] = value;
    }
  }
  return cfg;
}

/**
 * Where DVC keeps an object in a remote, newest layout first: DVC 3 `files/md5/xx/yyyy`,
 * DVC 2 `xx/yyyy`. `md5` may end in `.dir` (a folder listing).
 */
export function dvcObjectKeys(prefix: string, md5: string): { layout: "dvc3" | "dvc2"; key: string }[] {
  const p = prefix.replace(/^\/+|\/+$/g, "");
  const join = (...parts: string[]) => parts.filter(Boolean).join("/");
  const head = md5.slice(0, 2);
  const tail = md5.slice(2);
  return [
    { layout: "dvc3", key: join(p, "files", "md5", head, tail) },
    { layout: "dvc2", key: join(p, head, tail) },
  ];
}

/** Splits `s3://bucket/some/prefix` into bucket and prefix; undefined for other schemes. */
export function parseS3Url(url: string): { bucket: string; prefix: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  return m ? { bucket: m[1]!, prefix: m[2]!.replace(/\/+$/, "") } : undefined;
}
