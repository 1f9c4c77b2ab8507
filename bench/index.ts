// `npm run bench`: every benchmark of the project, one table. Figures are wall-clock on this
// machine (see the header line); run on an otherwise idle machine, they are what the issues quote.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import type { BenchRow } from "./types.js";

const MODULES = ["validate", "detect", "drift", "monitor", "startup", "dashboard", "mlflow", "import"];
const only = process.argv.slice(2);

const rows: (BenchRow & { bench: string })[] = [];
console.log(`model-steward benchmarks — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
for (const name of MODULES) {
  if (only.length && !only.includes(name)) continue;
  const file = new URL(`./${name}.ts`, import.meta.url);
  if (!existsSync(file)) continue;
  process.stdout.write(`running ${name}... `);
  const t0 = performance.now();
  const mod = (await import(file.href)) as { run: () => Promise<BenchRow[]> };
  const out = await mod.run();
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  rows.push(...out.map((r) => ({ bench: name, ...r })));
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toPrecision(3));
const table = rows.map((r) => [r.bench, r.name, `${fmt(r.value)} ${r.unit}`, r.note ?? ""]);
const widths = [0, 1, 2].map((i) => Math.max(...table.map((t) => t[i]!.length), 4));
console.log("");
for (const t of table) console.log(`${t[0]!.padEnd(widths[0]!)}  ${t[1]!.padEnd(widths[1]!)}  ${t[2]!.padStart(widths[2]!)}  ${t[3]}`);
mkdirSync(new URL("./out/", import.meta.url), { recursive: true });
writeFileSync(new URL("./out/results.json", import.meta.url), JSON.stringify({ node: process.version, cpus: cpus().length, rows }, null, 2));
