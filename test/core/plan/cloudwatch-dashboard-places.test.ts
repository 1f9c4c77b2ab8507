import { describe, expect, it } from "vitest";
import { dashboardName, desiredDashboard, isManagedBody } from "../../../src/core/plan/cloudwatch-dashboard.js";
import { dashboardPlaces, nameClashes, namesToKeep, placeKey, plansDeletions } from "../../../src/core/plan/cloudwatch-dashboard-places.js";
import type { DeploymentEnvironment, ModelSpec } from "../../../src/core/types.js";
import { aModelSpec, aPolicySpec } from "../../support/builders.js";

const REPO = "https://github.com/acme/models";
const STAGING: DeploymentEnvironment = { name: "staging", account: "111111111111", region: "eu-west-1" };
const PRODUCTION: DeploymentEnvironment = { name: "production", account: "222222222222", region: "us-east-1" };
const policy = aPolicySpec({ monitoring: { recovery: 0, checks: [{ id: "accuracy", metric: "accuracy", metrics: ["accuracy"], detectors: [], threshold: { min: 0.9 }, sustained: 3, severity: "critical", compareVariants: false }] } });
const withEnvs = (m: ModelSpec, environments: DeploymentEnvironment[]): ModelSpec => ({ ...m, deployment: { ...m.deployment!, environments } });

describe("dashboard names", () => {
  it("steward-<model> without an environment, steward-<model>-<environment> with one; only A-Za-z0-9-_ and at most 255 characters", () => {
    expect(dashboardName("fraud-detection")).toBe("steward-fraud-detection");
    expect(dashboardName("fraud.detection v2", "eu-prod")).toBe("steward-fraud-detection-v2-eu-prod");
    const long = dashboardName("m".repeat(300), "staging");
    expect(long).toHaveLength(255);
    expect(long).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe("an environment's dashboard", () => {
  it("names the environment in its text widget (escaped) and keeps the ownership line; metric widgets chart the environment's region", () => {
    const model = aModelSpec({ description: "Scores *card* transactions." });
    const d = desiredDashboard(model, policy, { region: "eu-central-1", repoUrl: REPO, environment: PRODUCTION })!;
    expect(d.name).toBe("steward-fraud-detection-production");
    expect(d.environment).toBe("production");
    const md = d.body.widgets[0]!.properties.markdown as string;
    expect(md).toContain("## fraud-detection: production");
    expect(md).toContain("Environment production: AWS account 222222222222, region us-east-1.");
    expect(md).toContain("Scores \\*card\\* transactions.");
    expect(md).toContain("when the model is removed or no longer deploys to production.");
    expect(isManagedBody(d.body, REPO)).toBe(true);
    expect(isManagedBody(d.body, "https://github.com/other/repo")).toBe(false);
    expect(d.body.widgets.filter((w) => w.type === "metric").map((w) => w.properties.region)).toEqual(["us-east-1"]);
  });

  it("a model without environments is as before: no environment in the name, text or widgets", () => {
    const d = desiredDashboard(aModelSpec(), policy, { region: "eu-central-1", repoUrl: REPO })!;
    expect(d.name).toBe("steward-fraud-detection");
    expect(d.environment).toBeUndefined();
    expect(d.body.widgets[0]!.properties.markdown).toBe(`## fraud-detection\n\nScores card transactions.\n\nManaged by model-steward from models/fraud-detection/model.yaml in ${REPO}. \`steward apply\` overwrites changes made here and deletes this dashboard when the model is removed.`);
  });
});

describe("places", () => {
  const models = [withEnvs(aModelSpec({ name: "fraud" }), [STAGING, PRODUCTION]), aModelSpec({ name: "churn" }), withEnvs(aModelSpec({ name: "ads" }), [STAGING])];
  const places = dashboardPlaces(models, [policy], { region: "eu-central-1", repoUrl: REPO });

  it("the default place first (the models without environments), then each environment with its models' dashboards", () => {
    expect(places.map((p) => [p.env?.name ?? "-", p.desired.map((d) => d.name)])).toEqual([
      ["-", ["steward-churn"]],
      ["staging", ["steward-ads-staging", "steward-fraud-staging"]],
      ["production", ["steward-fraud-production"]],
    ]);
    expect(dashboardPlaces([withEnvs(aModelSpec(), [STAGING])], [policy], { region: "x" })[0]).toEqual({ models: [], desired: [] });
  });

  it("keeps, per place, the names wanted in the same account and region, or in a place whose account is not known", () => {
    const known = namesToKeep(places, [placeKey({ account: "999999999999" }), placeKey(STAGING), placeKey(PRODUCTION)]);
    expect(known.map((k) => [...k].sort())).toEqual([["steward-churn"], ["steward-ads-staging", "steward-fraud-staging"], ["steward-fraud-production"]]);
    const unknown = namesToKeep(places, [undefined, placeKey(STAGING), placeKey(PRODUCTION)]);
    expect([...unknown[0]!].sort()).toEqual(["steward-ads-staging", "steward-churn", "steward-fraud-production", "steward-fraud-staging"]);
    expect([...unknown[2]!].sort()).toEqual(["steward-churn", "steward-fraud-production"]);
  });

  it("an account's deletions are planned once: by its first environment, by the default place only when no environment shares its account", () => {
    const same = [placeKey(STAGING), placeKey(STAGING), placeKey(PRODUCTION)];
    expect(places.map((_, i) => plansDeletions(places, same, i))).toEqual([false, true, true]);
    const twoInOne = [placeKey({ account: "999999999999" }), placeKey(PRODUCTION), placeKey(PRODUCTION)];
    expect(places.map((_, i) => plansDeletions(places, twoInOne, i))).toEqual([true, true, false]);
    expect(places.map((_, i) => plansDeletions(places, [undefined, placeKey(STAGING), placeKey(PRODUCTION)], i))).toEqual([true, true, true]);
  });

  it("two dashboards of one name in one account clash; in different accounts they do not", () => {
    const eu: DeploymentEnvironment = { name: "eu", account: "999999999999", region: "eu-central-1" };
    const clashing = dashboardPlaces([aModelSpec({ name: "churn-eu" }), withEnvs(aModelSpec({ name: "churn" }), [eu])], [policy], { region: "eu-central-1" });
    expect(nameClashes(clashing, [placeKey(eu), placeKey(eu)])).toEqual(["churn-eu and churn in environment eu would both keep dashboard steward-churn-eu in account 999999999999; rename a model or an environment"]);
    expect(nameClashes(clashing, [placeKey(STAGING), placeKey(eu)])).toEqual([]);
    expect(nameClashes(clashing, [undefined, placeKey(eu)])).toEqual([]);
  });
});
