import { describe, expect, it } from "vitest";
import { ExternalError } from "../../../src/core/errors.js";
import { isNotFound, isUnprocessable, toExternalError } from "../../../src/adapters/github/to-external-error.js";

/** Octokit's RequestError as it arrives: name "HttpError", status, and the response when there was one. */
function httpError(status: number, data?: unknown): Error {
  return Object.assign(new Error(`boom - ${status}`), { name: "HttpError", status, ...(data === undefined ? {} : { response: { data, headers: {} } }) });
}

describe("toExternalError", () => {
  it("keeps the status, GitHub's message, the validation details and the first error code", () => {
    const err = toExternalError(httpError(422, {
      message: "Validation Failed",
      errors: [{ resource: "Label", code: "invalid", field: "color" }, { message: "name is too long" }],
      documentation_url: "https://docs.github.com/rest",
    }), "create label");
    expect(err).toBeInstanceOf(ExternalError);
    expect(err).toMatchObject({ service: "github", status: 422, code: "invalid", message: "create label: Validation Failed (Label color invalid; name is too long)" });
    expect((err.cause as Error).name).toBe("HttpError");
  });

  it("has no status when no response came back", () => {
    expect(toExternalError(httpError(500), "list issues")).toMatchObject({ status: undefined, message: "list issues: boom - 500" });
  });

  it("passes an ExternalError through and wraps anything else", () => {
    const mapped = new ExternalError("github", 404, "x");
    expect(toExternalError(mapped, "again")).toBe(mapped);
    expect(toExternalError(new TypeError("bad"), "parse")).toMatchObject({ status: undefined, message: "parse: bad" });
    expect(toExternalError("text", "odd")).toMatchObject({ message: "odd: text" });
  });

  it("recognises the expected 404 and 422s", () => {
    expect(isNotFound(httpError(404, { message: "Not Found" }))).toBe(true);
    expect(isNotFound(new Error("404"))).toBe(false);
    expect(isUnprocessable(httpError(422, { message: "Reference already exists" }), /already exists/)).toBe(true);
    expect(isUnprocessable(httpError(422, { message: "Reference does not exist" }), /already exists/)).toBe(false);
  });
});
