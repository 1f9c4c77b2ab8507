/**
 * Stored XSS through monitor reports: the dashboard built from hostile report.json files and opened
 * in headless Chromium (Debian's chromium + playwright-core) with its own Content-Security-Policy in
 * force. Injected script would set a page-level flag (`window.owned`); it must stay unset on the
 * index and every model page, the hostile text must show as text, and the CSP must never have had to
 * block anything (escaping, not the CSP, is the first line).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { staticServer, type StaticServer } from "../support/static-server.js";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI;
if (skipBrowser) process.stderr.write(`SKIPPED: the hostile-report browser test: ${CHROMIUM} not found (apt-get install -y chromium, or set CHROMIUM_PATH)\n`);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const ROOT = new URL("../../", import.meta.url).pathname;
const NOW = "2026-11-26T04:00:00Z";
const XSS = `"'><script>window.owned=true</script><img src=x onerror="window.owned=true"><svg onload="window.owned=true">`;

type Json = Record<string, unknown>;

describe.skipIf(skipBrowser)("the dashboard from hostile monitor reports, in headless Chromium", () => {
  let work: string;
  let server: StaticServer;
  let browser: Browser;
  let pages: string[];
  let cliOutput: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "steward-xss-"));
    const repo = join(work, "repo");
    for (const d of ["models", "policies", "data"]) cpSync(join(ROOT, d), join(repo, d), { recursive: true });
    const io = captureIO({ cwd: repo });
    expect(await runCli(["monitor", "--dry-run", "--source", "samples", "--format", "json", "--now", NOW], io)).toBe(1);
    const report = JSON.parse(io.out()) as Json & { models: Json[]; findings: Json[]; actions: Json[]; warnings: string[] };

    // 1. Valid under the schema, hostile in every free-text field the pages show.
    const textual = structuredClone(report);
    for (const m of textual.models) {
      for (const c of m.checks as Json[]) Object.assign(c, { status: `odd-${XSS}`, summary: XSS });
      for (const ch of m.changes as Json[]) Object.assign(ch, { title: XSS, url: "javascript:window.owned=true" });
    }
    for (const f of textual.findings) Object.assign(f, { summary: XSS, checkId: `${f.checkId as string}` });
    // drift histograms: column and category names
    const histograms = textual.findings.flatMap((f) => ((f.drift as Json | undefined)?.histograms as Json[] | undefined) ?? []);
    expect(histograms.length).toBeGreaterThan(0);
    for (const h of histograms) Object.assign(h, { column: XSS }, h.kind === "categorical" ? { categories: (h.categories as string[]).map(() => XSS) } : {});
    for (const a of textual.actions) Object.assign(a, { summary: XSS, url: "javascript:window.owned=true" });
    textual.warnings.push(XSS);
    // 2. Hostile where the schema says enum: refused as a whole, and the reason is shown as text.
    const enums = structuredClone(report);
    for (const m of enums.models) Object.assign(m, { status: XSS });
    for (const f of enums.findings) Object.assign(f, { severity: XSS });

    const reports = join(work, "reports");
    mkdirSync(join(reports, "a"), { recursive: true });
    mkdirSync(join(reports, "b"), { recursive: true });
    writeFileSync(join(reports, "a/report.json"), JSON.stringify(textual));
    writeFileSync(join(reports, "b/report.json"), JSON.stringify(enums));
    const site = join(work, "site");
    const dio = captureIO({ cwd: repo });
    expect(await runCli(["dashboard", "--out", site, "--reports", reports, "--now", NOW], dio)).toBe(0);
    cliOutput = dio.out() + dio.err();
    pages = ["index.html", ...readdirSync(join(site, "models")).map((f) => `models/${f}`)];
    server = await staticServer(site);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("runs no injected script on any page, shows the hostile text as text, and the CSP never had to act", async () => {
    expect(pages.length).toBeGreaterThan(3);
    let shownAsText = 0;
    let histogramsDrawn = 0;
    for (const path of pages) {
      const page = await browser.newPage();
      const console: string[] = [];
      page.on("console", (m) => console.push(m.text()));
      page.on("pageerror", (e) => console.push(e.message));
      await page.goto(`${server.url}/${path}`);
      await page.waitForLoadState("load");
      expect(await page.evaluate(() => (globalThis as { owned?: boolean }).owned), path).toBeUndefined();
      expect(await page.locator("script").count(), path).toBe(1);
      expect(await page.locator("main img, main iframe, main object, main embed").count(), path).toBe(0);
      // Page-side code as a string: the test is compiled without the DOM library.
      const handlers = await page.evaluate<string[]>(`[...document.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.tagName + " " + a.name))`);
      expect(handlers, path).toEqual([]);
      expect(await page.locator('a[href^="javascript:" i]').count(), path).toBe(0);
      expect(console.filter((m) => /Content Security Policy|Refused to/i.test(m)), path).toEqual([]);
      if ((await page.locator("body").textContent())?.includes("<script>window.owned=true</script>")) shownAsText++;
      histogramsDrawn += await page.locator("svg.hist rect.hc").count();
      await page.close();
    }
    expect(shownAsText).toBeGreaterThan(1);
    expect(histogramsDrawn).toBeGreaterThan(0);
    expect(cliOutput).toMatch(/report\.json.*does not match schemas\/report\.schema\.json/);
  }, 120_000);

  it("has a CSP that would stop injected script even if escaping failed", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/index.html`);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    // Markup inserted after the fact (as a failed escape would) cannot run inline script.
    await page.evaluate(`new Promise((resolve) => {
      const s = document.createElement("script");
      s.textContent = "window.owned = true";
      document.body.append(s);
      const img = document.createElement("img");
      img.setAttribute("onerror", "window.owned = true");
      img.addEventListener("error", () => resolve()); // after the inline handler would have run
      img.src = "data:image/png;base64,AAAA";
      document.body.append(img);
    })`);
    expect(await page.evaluate(() => (globalThis as { owned?: boolean }).owned)).toBeUndefined();
    await page.close();
  });
});
