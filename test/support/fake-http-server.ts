import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake server received, kept in arrival order. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body ("" when none). */
  body: string;
}

/** What to answer: a JSON value (objects, arrays) or a raw string with its content type. */
export interface Reply {
  status: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (req: RecordedRequest) => Reply | Promise<Reply>;

/** Routes by "METHOD /path" (query ignored): a fixed `[status, body]`, a Reply, or a handler. */
export type Routes = Record<string, [number, unknown] | Reply | Handler>;

export interface FakeHttpServer extends AsyncDisposable {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a node:http server on 127.0.0.1 with an ephemeral port that records every request and answers
 * from `routes` (or one handler). An unrouted request gets 599 and a JSON body naming it, so a test
 * notices. Use with `await using` so the server closes when the test ends.
 */
export async function fakeHttpServer(routes: Routes | Handler): Promise<FakeHttpServer> {
  const requests: RecordedRequest[] = [];
  const handler: Handler = typeof routes === "function" ? routes : routeHandler(routes);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      Promise.resolve()
        .then(() => handler(recorded))
        .catch((err: unknown): Reply => ({ status: 500, body: { error_code: "INTERNAL_ERROR", message: String(err) } }))
        .then((reply) => {
          const isText = typeof reply.body === "string";
          const text = reply.body === undefined ? "" : isText ? (reply.body as string) : JSON.stringify(reply.body);
          res.writeHead(reply.status, {
            "content-type": reply.contentType ?? (isText ? "text/plain; charset=utf-8" : "application/json"),
            ...reply.headers,
          });
          res.end(text);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}`, requests, close, [Symbol.asyncDispose]: close };
}

function routeHandler(routes: Routes): Handler {
  return (req) => {
    const route = routes[`${req.method} ${req.path}`];
    if (route === undefined) return { status: 599, body: { message: `no route for ${req.method} ${req.path}` } };
    if (typeof route === "function") return route(req);
    if (Array.isArray(route)) return { status: route[0], body: route[1] };
    return route;
  };
}
