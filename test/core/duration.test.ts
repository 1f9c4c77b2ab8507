import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../src/core/duration.js";

describe("parseDuration", () => {
  it.each([
    ["90s", 90],
    ["10m", 600],
    ["72h", 259200],
    ["14d", 1209600],
    ["2w", 1209600],
    ["1h30m", 5400],
    ["45", 45],
  ])("%s is %d seconds", (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(["", "h", "10x", "1h 30m", "-5m", "10m5"])("rejects %j", (text) => expect(parseDuration(text)).toBeUndefined());
});

describe("formatDuration", () => {
  it("keeps the two largest units", () => {
    expect(formatDuration(3 * 86400 + 4 * 3600 + 5 * 60)).toBe("3d 4h");
    expect(formatDuration(2700)).toBe("45m");
    expect(formatDuration(12)).toBe("12s");
  });
});
