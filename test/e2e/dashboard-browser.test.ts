/**
 * The dashboard rendered and clicked in a real browser: Debian's chromium driven by playwright-core,
 * against the generated files served on loopback. In CI (CI set) Chromium is required: `.ci/run`
 * installs it, and without it this test fails and says how. Elsewhere, a machine without Chromium
 * skips these tests with a message saying so and how to install it.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileMetricSource } from "../../src/adapters/fs/file-metric-source.js";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { gitCliHistory } from "../../src/adapters/git/git-cli-history.js";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { buildDashboard } from "../../src/commands/dashboard.js";
import { scratchGit, type ScratchGit } from "../support/scratch-git.js";
import { staticServer, type StaticServer } from "../support/static-server.js";

// Debian's chromium by default; CHROMIUM_PATH points elsewhere (GitHub's Ubuntu runners ship google-chrome).
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const INSTALL = "Install it as root with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)";
const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI;
if (skipBrowser) process.stderr.write(`SKIPPED: the dashboard browser tests: ${CHROMIUM} not found. ${INSTALL}\n`);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const ROOT = new URL("../../", import.meta.url).pathname;
const NOW = new Date("2026-11-26T04:00:00Z");
const HOSTILE = "<script>window.owned = true</script><img src=x onerror='window.owned = true'>";

/** The project's governed models in a scratch git repo, with one promotion in the history. */
function governedRepo(): ScratchGit {
  const repo = scratchGit();
  for (const dir of ["models", "policies", "data"]) {
    rmSync(join(repo.root, dir), { recursive: true, force: true });
    cpSync(join(ROOT, dir), join(repo.root, dir), { recursive: true });
  }
  const fraud = "models/fraud-detection/model.yaml";
  const text = readFileSync(join(repo.root, fraud), "utf8");
  repo.write(fraud, text.replace('production: "7"', 'production: "6"'));
  // Hostile text in YAML must show as text and never run.
  const churn = "models/churn-prediction/model.yaml";
  repo.write(churn, readFileSync(join(repo.root, churn), "utf8").replace(/^description: /m, `description: ${HOSTILE} `));
  repo.commit("models: initial", "2026-10-01T09:00:00Z");
  repo.commit("promote fraud-detection 7 to production", "2026-11-02T10:00:00Z", { [fraud]: text }, "bob");
  return repo;
}

describe.skipIf(skipBrowser)("the dashboard in headless Chromium", () => {
  let repo: ScratchGit;
  let site: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} not found: in CI this test needs Debian's chromium. ${INSTALL}`);
    }
    repo = governedRepo();
    site = mkdtempSync(join(tmpdir(), "steward-site-"));
    const built = await buildDashboard(
      { files: fsRepoFiles(repo.root), out: fsRepoFiles(site), logger: silentLogger, git: gitCliHistory(repo.root), metrics: fileMetricSource(join(ROOT, "samples/metrics"), { replay: true }) },
      { now: NOW },
    );
    expect(built.warnings).toEqual([]);
    server = await staticServer(site);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/index.html`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    repo?.dispose();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  it("lists every model with its health", async () => {
    const rows = page.locator("#models tbody tr");
    expect(await rows.count()).toBe(3);
    const health = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-model"), tr.querySelector(".badge")?.textContent]));
    expect(health).toEqual([["churn-prediction", "OK"], ["demand-forecasting", "OK"], ["fraud-detection", "Critical"]]);
    await expect(page.title()).resolves.toBe("Models — model-steward dashboard");
  });

  it("hides the rows that do not match the filter", async () => {
    await page.getByLabel("Filter models").fill("fraud");
    expect(await page.locator("#models tbody tr:visible").count()).toBe(1);
    expect(await page.locator('#models tr[data-model="churn-prediction"]').isHidden()).toBe(true);
    expect(await page.locator("#filter-count").textContent()).toBe("1 of 3 models shown");
    await page.getByLabel("Filter models").fill("");
    expect(await page.locator("#models tbody tr:visible").count()).toBe(3);
  });

  it("sorts by health, worst first", async () => {
    await page.getByRole("button", { name: /^Health/ }).click();
    expect(await page.locator("#models tbody tr").first().getAttribute("data-model")).toBe("fraud-detection");
    expect(await page.locator("#models thead th").nth(1).getAttribute("aria-sort")).toBe("ascending");
  });

  it("opens a model's page with a chart of each metric, thresholds and the anomalies marked", async () => {
    await page.getByRole("link", { name: "fraud-detection" }).click();
    await page.waitForURL(/models\/fraud-detection\.html$/);
    await expect(page.locator("h1").textContent()).resolves.toContain("fraud-detection");
    const chart = page.locator('figure[data-metric="accuracy"] svg[role="img"]:not(.zoom)');
    await chart.waitFor();
    expect(await chart.getAttribute("aria-label")).toMatch(/^accuracy: \d+ points/);
    const points = await chart.locator("polyline.series").getAttribute("points");
    expect(points!.split(" ").length).toBeGreaterThan(1000);
    expect(await chart.locator('line.threshold[data-bound="min"]').count()).toBe(1);
    expect(await chart.locator("circle.marker").count()).toBeGreaterThan(0);
    expect(await chart.locator("polyline.series").isVisible()).toBe(true);
    // The degradation is the last hours of 14 days: a close-up shows the marked points readably.
    const zoom = page.locator('figure[data-metric="accuracy"] svg.chart.zoom');
    expect(await zoom.locator("circle.marker").count()).toBe(await chart.locator("circle.marker").count());
    expect(await zoom.locator('line.threshold[data-bound="min"]').count()).toBe(1);
    expect(await page.locator('figure[data-metric="latency"] svg circle.marker.anomaly').count()).toBeGreaterThan(0);
    await expect(page.locator("#stage-history-h + ol.timeline li").count()).resolves.toBe(3);
    await expect(page.locator("#remediation-h").isVisible()).resolves.toBe(true);
  });

  it("shows hostile text from YAML as text, without running it", async () => {
    const p = await browser.newPage();
    p.on("pageerror", (e) => pageErrors.push(e.message));
    await p.goto(`${server.url}/models/churn-prediction.html`);
    expect(await p.locator("main > p").first().textContent()).toContain(HOSTILE);
    expect(await p.evaluate(() => (globalThis as { owned?: boolean }).owned)).toBeUndefined();
    expect(await p.locator("main img").count()).toBe(0);
    await p.close();
  });

  it("takes a screenshot, fetched nothing but its own pages and ran without script errors", async () => {
    // Kept for a person to look at only when STEWARD_SCREENSHOT_DIR names a folder; else removed with the site.
    const shot = join(process.env.STEWARD_SCREENSHOT_DIR || site, "fraud-detection.png");
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    expect(server.requests.every((p) => p.endsWith(".html") || p === "/favicon.ico")).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
