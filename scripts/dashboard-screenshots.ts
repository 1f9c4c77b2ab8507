// Regenerates the screenshots in docs/dashboard.md: `npm run screenshots`. Builds the dashboard of
// the sample repository (its git history, the embedded sample metrics replayed to end at a fixed
// time, one dry-run monitor pass), opens it in headless Chromium (Debian's /usr/bin/chromium or
// CHROMIUM_PATH) and writes docs/dashboard-fleet.png, docs/dashboard-model.png (the
// fraud-detection page with a point hovered) and docs/dashboard-drift.png (its drifted feature's histograms). Deterministic input; the PNGs change only when the pages do.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { fileMetricSource } from "../src/adapters/fs/file-metric-source.js";
import { fsRepoFiles } from "../src/adapters/fs/repo-files.js";
import { gitCliHistory } from "../src/adapters/git/git-cli-history.js";
import { silentLogger } from "../src/adapters/log/console-logger.js";
import { buildDashboard } from "../src/commands/dashboard.js";

const ROOT = new URL("../", import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const NOW = new Date("2026-11-26T04:00:00Z");

if (!existsSync(CHROMIUM)) {
  process.stderr.write(`dashboard-screenshots: ${CHROMIUM} not found; install it (apt-get install -y chromium) or set CHROMIUM_PATH\n`);
  process.exit(2);
}
const site = mkdtempSync(join(tmpdir(), "steward-screenshots-"));
try {
  const built = await buildDashboard(
    { files: fsRepoFiles(ROOT), out: fsRepoFiles(site), logger: silentLogger, git: gitCliHistory(ROOT), metrics: fileMetricSource(join(ROOT, "samples/metrics"), { replay: true }) },
    { now: NOW, links: { repoUrl: "https://github.com/acme/models", ref: "main", mlflowUrl: "https://mlflow.acme.example" } },
  );
  for (const w of built.warnings) process.stderr.write(`warning: ${w}\n`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--font-render-hinting=none"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`file://${join(site, "index.html")}`);
    await page.screenshot({ path: join(ROOT, "docs/dashboard-fleet.png"), fullPage: true });
    await page.goto(`file://${join(site, "models/fraud-detection.html")}`);
    const chart = page.locator('figure[data-metric="accuracy"] svg.chart:not(.zoom)');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.96, box.y + box.height * 0.6);
    await page.locator('figure[data-metric="accuracy"] .tip').first().waitFor({ state: "visible" });
    await page.locator('figure[data-metric="accuracy"]').screenshot({ path: join(ROOT, "docs/dashboard-model.png") });
    await page.mouse.move(0, 0);
    await page.locator('figure.hist-box[data-column="amount"]').screenshot({ path: join(ROOT, "docs/dashboard-drift.png") });
  } finally {
    await browser.close();
  }
  process.stdout.write("wrote docs/dashboard-fleet.png, docs/dashboard-model.png and docs/dashboard-drift.png\n");
} finally {
  rmSync(site, { recursive: true, force: true });
}
