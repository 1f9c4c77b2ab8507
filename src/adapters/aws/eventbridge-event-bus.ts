import { redactDeep } from "../output/redaction.js";
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { ExternalError, PartialPublishError } from "../../core/errors.js";
import type { EventBus, StewardEvent } from "../../ports.js";
import { toExternalError } from "./to-external-error.js";

/** The `source` of every event model-steward publishes. */
export const EVENT_SOURCE = "model-steward";

/** PutEvents accepts at most 10 entries and 256 KiB a call. */
const MAX_ENTRIES = 10;
const MAX_BYTES = 256 * 1024;

export interface EventBridgeEventBusOptions {
  client: Pick<EventBridgeClient, "send">;
  /** Name or ARN of the bus; default: the account's default bus. */
  eventBusName?: string;
  /** Retries of the entries PutEvents reports as failed (FailedEntryCount); default 3. */
  maxRetries?: number;
  /** First backoff in ms, doubled on each retry (with jitter); default 200. */
  baseDelayMs?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * EventBus over EventBridge PutEvents. Every entry has Source "model-steward", the event's detail-type
 * and its detail as JSON. Entries go out in calls of at most 10 entries and 256 KiB. PutEvents can
 * succeed as a call while failing some entries (FailedEntryCount > 0, ErrorCode per entry, e.g.
 * ThrottlingException or InternalFailure): only those entries are sent again, with exponential
 * backoff, at most `maxRetries` times. Throws PartialPublishError("aws") naming the entries still
 * failing (the others were accepted), or ExternalError when a call itself fails after the SDK's retries. An entry larger than 256 KiB is refused up
 * front with an ExternalError (status 413).
 */
export function eventBridgeEventBus(options: EventBridgeEventBusOptions): EventBus {
  const maxRetries = options.maxRetries ?? 3;
  const base = options.baseDelayMs ?? 200;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  return {
    async publish(events) {
      // Event details carry report text: no known secret leaves in them.
      const entries = redactDeep(events).map((e) => toEntry(e, options.eventBusName));
      for (const e of entries) {
        if (entrySize(e) > MAX_BYTES) throw new ExternalError("aws", 413, `event "${e.DetailType}" is larger than 256 KiB; not published`);
      }
      const indexOf = new Map(entries.map((e, i) => [e, i]));
      let pending = entries;
      let failures: { index: number; reason: string }[] = [];
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await sleep(base * 2 ** (attempt - 1) * (0.5 + random() / 2));
        const failed: { entry: PutEventsRequestEntry; reason: string }[] = [];
        for (const chunk of chunks(pending)) failed.push(...(await putChunk(options.client, chunk)));
        pending = failed.map((f) => f.entry);
        if (attempt >= maxRetries && failed.length > 0) {
          failures = failed.map((f) => ({ index: indexOf.get(f.entry)!, reason: `${f.entry.DetailType}: ${f.reason}` }));
          break;
        }
      }
      if (failures.length) throw new PartialPublishError("aws", failures, `PutEvents: ${failures.length} of ${entries.length} event(s) still failing after ${maxRetries} retries: ${failures.slice(0, 3).map((f) => f.reason).join("; ")}`);
    },
  };
}

function toEntry(e: StewardEvent, bus?: string): PutEventsRequestEntry {
  return {
    Source: EVENT_SOURCE,
    DetailType: e.detailType,
    Detail: JSON.stringify(e.detail),
    ...(e.resources?.length ? { Resources: e.resources } : {}),
    ...(e.time ? { Time: e.time } : {}),
    ...(bus ? { EventBusName: bus } : {}),
  };
}

/** The size PutEvents counts: 14 bytes for a time, plus the UTF-8 bytes of source, detail-type, detail and resources. */
export function entrySize(e: PutEventsRequestEntry): number {
  const bytes = (s: string | undefined) => (s ? new TextEncoder().encode(s).length : 0);
  return (e.Time ? 14 : 0) + bytes(e.Source) + bytes(e.DetailType) + bytes(e.Detail) + (e.Resources ?? []).reduce((n, r) => n + bytes(r), 0);
}

function chunks(entries: PutEventsRequestEntry[]): PutEventsRequestEntry[][] {
  const out: PutEventsRequestEntry[][] = [];
  let cur: PutEventsRequestEntry[] = [];
  let size = 0;
  for (const e of entries) {
    const s = entrySize(e);
    if (cur.length === MAX_ENTRIES || (cur.length > 0 && size + s > MAX_BYTES)) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(e);
    size += s;
  }
  if (cur.length) out.push(cur);
  return out;
}

async function putChunk(client: Pick<EventBridgeClient, "send">, chunk: PutEventsRequestEntry[]): Promise<{ entry: PutEventsRequestEntry; reason: string }[]> {
  let out;
  try {
    out = await client.send(new PutEventsCommand({ Entries: chunk }));
  } catch (err) {
    throw toExternalError(err, "PutEvents");
  }
  if (!out.FailedEntryCount) return [];
  const failed: { entry: PutEventsRequestEntry; reason: string }[] = [];
  chunk.forEach((entry, i) => {
    const r = out.Entries?.[i];
    if (!r || r.ErrorCode || !r.EventId) failed.push({ entry, reason: r?.ErrorCode ? `${r.ErrorCode} ${r.ErrorMessage ?? ""}`.trim() : "no result" });
  });
  return failed;
}
