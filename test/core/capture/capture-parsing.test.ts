import { describe, expect, it } from "vitest";
import { captureColumns, payloadRows, predictionValue } from "../../../src/core/capture/capture-columns.js";
import { captureHourPrefixes, parseS3Uri } from "../../../src/core/capture/capture-prefixes.js";
import { parseCaptureJsonLines } from "../../../src/core/capture/capture-records.js";

const line = (input: { data: string; encoding: string; type?: string }, output?: { data: string; encoding: string }) =>
  JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: input.type ?? "text/csv", mode: "INPUT", data: input.data, encoding: input.encoding },
      ...(output ? { endpointOutput: { observedContentType: "text/csv; charset=utf-8", mode: "OUTPUT", data: output.data, encoding: output.encoding } } : {}),
    },
    eventMetadata: { eventId: "5e4a5b1c-0000-4000-8000-000000000001", inferenceTime: "2026-11-26T11:05:00Z" },
    eventVersion: "0",
  });

describe("capture records", () => {
  it("reads CSV, JSON and BASE64 payloads; a bad line is counted, never fatal", () => {
    const text = [
      line({ data: "12.5,web,3", encoding: "CSV" }, { data: "0.91", encoding: "CSV" }),
      line({ data: Buffer.from('{"amount": 40, "channel": "pos", "hour": 4}').toString("base64"), encoding: "BASE64", type: "application/json" }, { data: Buffer.from("0.12").toString("base64"), encoding: "BASE64" }),
      "",
      "{not json",
      JSON.stringify({ eventVersion: "0" }),
      line({ data: "%%%", encoding: "BASE64" }),
    ].join("\n");
    const parsed = parseCaptureJsonLines(text);
    expect(parsed.records).toEqual([
      { inferenceTime: "2026-11-26T11:05:00Z", input: { data: "12.5,web,3", contentType: "text/csv" }, output: { data: "0.91", contentType: "text/csv; charset=utf-8" } },
      { inferenceTime: "2026-11-26T11:05:00Z", input: { data: '{"amount": 40, "channel": "pos", "hour": 4}', contentType: "application/json" }, output: { data: "0.12", contentType: "text/csv; charset=utf-8" } },
    ]);
    expect(parsed.badLines).toBe(3);
    expect(parsed.problems).toEqual(["line 4: not JSON", "line 5: no captureData", "line 6: neither endpointInput nor endpointOutput has decodable data"]);
  });
});

describe("capture columns by the version's input schema", () => {
  const csv = { format: "csv" as const, features: ["amount", "channel", "hour"] };
  const json = { format: "json" as const, features: ["amount", "channel", "hour"] };

  it("CSV rows in feature order (several rows a request, quoted cells); a wrong width does not fit", () => {
    expect(payloadRows('1,web,2\n3,"p,os",4\n', csv)).toEqual([["1", "web", "2"], ["3", "p,os", "4"]]);
    expect(payloadRows("1,web", csv)).toBeUndefined();
  });

  it("JSON: an object, a list of objects, {instances: [...]} of lists or objects, {features: {...}}", () => {
    expect(payloadRows('{"amount": 1, "channel": "web", "hour": 2}', json)).toEqual([["1", "web", "2"]]);
    expect(payloadRows('[{"amount": 1, "channel": "web", "hour": 2}, {"amount": 3, "hour": 4}]', json)).toEqual([["1", "web", "2"], ["3", "", "4"]]);
    expect(payloadRows('{"instances": [[1, "web", 2], [3, "pos", 4]]}', json)).toEqual([["1", "web", "2"], ["3", "pos", "4"]]);
    expect(payloadRows('{"instances": [{"features": {"amount": 5, "channel": "app", "hour": 6}}]}', json)).toEqual([["5", "app", "6"]]);
    expect(payloadRows('{"unrelated": 1}', json)).toBeUndefined();
    expect(payloadRows("not json", json)).toBeUndefined();
  });

  it("the response's first value is the prediction: CSV, a number, predictions[0], {score}", () => {
    expect(predictionValue("0.91\n")).toBe("0.91");
    expect(predictionValue("0.5")).toBe("0.5");
    expect(predictionValue('{"predictions": [{"score": 0.7}]}')).toBe("0.7");
    expect(predictionValue('{"predicted_label": 1}')).toBe("1");
    expect(predictionValue("")).toBeUndefined();
  });

  it("stops at maxRows, counts what does not fit, and adds prediction only when every row has one", () => {
    const records = [
      { input: { data: "1,web,2" }, output: { data: "0.9" } },
      { input: { data: "bad" }, output: { data: "0.1" } },
      { input: { data: "3,pos,4" }, output: { data: "0.2" } },
      { input: { data: "5,app,6" }, output: { data: "0.3" } },
    ];
    const c = captureColumns(records, csv, 2);
    expect(c).toEqual({ rows: 2, skipped: 1, columns: new Map([["amount", ["1", "3"]], ["channel", ["web", "pos"]], ["hour", ["2", "4"]], ["prediction", ["0.9", "0.2"]]]) });
    expect(captureColumns([{ input: { data: "1,web,2" } }], csv, 10).columns.has("prediction")).toBe(false);
  });
});

describe("capture prefixes", () => {
  it("one prefix per UTC hour of the window, newest first, as SageMaker lays them out", () => {
    const dest = parseS3Uri("s3://acme-capture/fraud/")!;
    expect(dest).toEqual({ bucket: "acme-capture", prefix: "fraud/" });
    expect(parseS3Uri("s3://acme-capture")).toEqual({ bucket: "acme-capture", prefix: "" });
    expect(parseS3Uri("https://x")).toBeUndefined();
    expect(captureHourPrefixes(dest, "fraud-prod", "AllTraffic", new Date("2026-11-26T01:30:00Z"), 3 * 3600)).toEqual([
      "fraud/fraud-prod/AllTraffic/2026/11/26/01/",
      "fraud/fraud-prod/AllTraffic/2026/11/26/00/",
      "fraud/fraud-prod/AllTraffic/2026/11/25/23/",
      "fraud/fraud-prod/AllTraffic/2026/11/25/22/",
    ]);
    expect(captureHourPrefixes(dest, "e", "v", new Date("2026-11-26T01:30:00Z"), 365 * 86400, 48)).toHaveLength(48);
  });
});
