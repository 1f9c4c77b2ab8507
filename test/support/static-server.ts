import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png" };

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** Paths requested, in order (for asserting that a page fetched nothing else). */
  requests: string[];
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Serves the files under `root` read-only on 127.0.0.1, on a free port. GET/HEAD only; nothing outside `root`. */
export async function staticServer(root: string): Promise<StaticServer> {
  const base = resolve(root);
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    requests.push(path);
    const file = normalize(join(base, path.endsWith("/") ? `${path}index.html` : path));
    if ((req.method !== "GET" && req.method !== "HEAD") || (file !== base && !file.startsWith(base + sep))) {
      res.writeHead(req.method === "GET" || req.method === "HEAD" ? 403 : 405).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-length": body.length });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  const close = () => new Promise<void>((ok) => server.close(() => ok()));
  return { url: `http://127.0.0.1:${port}`, requests, close, [Symbol.asyncDispose]: close };
}
