import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeMlflowServer, type FakeMlflowServer } from "../../support/fake-mlflow-server.js";

/**
 * Replays every request recorded from a real MLflow 2.12.2 server (test/fixtures/mlflow), in order,
 * against the fake, and checks the status, the content type, the body's shape, and every value that
 * does not depend on the clock. This keeps the fake honest: it is what the adapter tests run against.
 */

interface Recorded {
  name: string;
  method: string;
  path: string;
  request_content_type: string | null;
  request_body: unknown;
  status: number;
  response_content_type: string;
  response_is_json: boolean;
  response_body: unknown;
}

const dir = join(import.meta.dirname, "../../fixtures/mlflow");
const files = readdirSync(dir).filter((f) => /^\d{2}-.*\.json$/.test(f)).sort();
const recordings = files.map((f) => [f, JSON.parse(readFileSync(join(dir, f), "utf8")) as Recorded] as const);

const CLOCK_KEYS = new Set(["creation_timestamp", "last_updated_timestamp", "last_update_time", "creation_time"]);

/** The JSON value with every leaf replaced by its type; object keys sorted; arrays keep their length. */
export function shapeOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shapeOf);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shapeOf((v as Record<string, unknown>)[k])]));
  return v === null ? "null" : typeof v;
}

/** The JSON value without clock-dependent fields and free-text messages (MLflow's carry raw SQL). */
function stableValues(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stableValues);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([k]) => !CLOCK_KEYS.has(k) && k !== "message")
        .map(([k, x]) => [k, stableValues(x)]),
    );
  }
  return v;
}

describe("fake MLflow server against the recorded MLflow 2.12.2 answers", () => {
  let server: FakeMlflowServer;
  beforeAll(async () => {
    // The recording's run id, so later requests that name it find the run.
    server = await fakeMlflowServer({ newRunId: () => "23e88a018e484de59b0ccb06d775be0a" });
  });
  afterAll(() => server.close());

  it("has the whole recording to replay", () => {
    expect(recordings.length).toBeGreaterThanOrEqual(95);
  });

  // Sequential on purpose: each call sees the state the earlier calls left, as in the recording.
  for (const [file, rec] of recordings) {
    it(`${file}: ${rec.method} ${rec.path} -> ${rec.status}`, async () => {
      const headers: Record<string, string> = {};
      if (rec.request_content_type) headers["content-type"] = rec.request_content_type;
      const body = rec.request_body === null ? undefined : typeof rec.request_body === "string" ? rec.request_body : JSON.stringify(rec.request_body);
      const res = await fetch(server.url + rec.path, { method: rec.method, headers, body });
      const text = await res.text();

      expect(res.status).toBe(rec.status);
      expect(res.headers.get("content-type")?.split(";")[0]).toBe(rec.response_content_type.split(";")[0]);
      if (rec.response_is_json) {
        const actual = JSON.parse(text) as unknown;
        expect(shapeOf(actual)).toEqual(shapeOf(rec.response_body));
        expect(stableValues(actual)).toEqual(stableValues(rec.response_body));
      } else {
        // Flask's HTML pages: the same title; /health and /version: the same text.
        const title = (s: string) => /<title>(.*)<\/title>/.exec(s)?.[1] ?? s.trim();
        expect(title(text)).toBe(title(String(rec.response_body)));
      }
    });
  }
});
