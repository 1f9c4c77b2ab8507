import { describe } from "vitest";
import { octokitScm } from "../../../src/adapters/github/octokit-scm.js";
import { inMemoryScm } from "../../support/in-memory-scm.js";
import { githubUnderTest } from "./github-test-setup.js";
import { scmBehaviour } from "./scm-behaviour.js";

const files = { "models/churn/model.yaml": 'stages:\n  production: "3"\n' };

describe("octokitScm over the fake GitHub", () => {
  scmBehaviour(async () => {
    const gh = await githubUnderTest({ files });
    return {
      scm: gh.scm,
      nextRun: () => octokitScm({ octokit: gh.octokit, owner: gh.fake.owner, repo: gh.fake.repo }),
      closePull: (n, merge) => gh.fake.closePull(n, { merge }),
      [Symbol.asyncDispose]: () => gh.fake.close(),
    };
  });
});

describe("inMemoryScm", () => {
  scmBehaviour(async () => {
    const scm = inMemoryScm({ files });
    return { scm, nextRun: () => scm, closePull: (n, merge) => scm.closePull(n, { merge }), [Symbol.asyncDispose]: async () => {} };
  });
});
