#!/usr/bin/env node
// Writes the sample repository's drift samples, deterministic (seeded):
// - data/fraud/baseline-features.csv: fraud-detection's baseline sample (400 transactions: amount,
//   merchant_category, hour, score), and its pointer data/fraud/baseline-features.csv.dvc with the
//   file's true md5 and size. The sample repository is not a real DVC workspace: there is no remote
//   and no cache, so the data file is committed beside its pointer, as `dvc pull` would leave it.
// - samples/metrics/fraud-detection/drift.csv: the current sample (300 transactions) the monitor
//   compares with it. One column drifts realistically: amounts are about 50 % higher (a pricing
//   change upstream); merchant_category, hour and score come from the same distributions as before.
// Usage: node scripts/make-sample-drift.mjs
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { rng } from "./seeded-random.mjs";


const CATEGORIES = [
  ["grocery", 0.3],
  ["restaurants", 0.2],
  ["fuel", 0.15],
  ["online", 0.2],
  ["electronics", 0.1],
  ["travel", 0.05],
];

/** One sample of `n` transactions; `amountFactor` scales amounts (1 = the baseline's distribution). */
function sample(seed, n, amountFactor) {
  const r = rng(seed);
  const rows = ["amount,merchant_category,hour,score"];
  for (let i = 0; i < n; i++) {
    const amount = Math.exp(3.6 + 0.8 * r.normal()) * amountFactor;
    let u = r.next();
    const category = CATEGORIES.find(([, p]) => (u -= p) < 0)?.[0] ?? "grocery";
    // Daytime-heavy hours: a normal around 14:00, wrapped to 0..23.
    const hour = ((Math.round(14 + 4.5 * r.normal()) % 24) + 24) % 24;
    // Fraud scores: mostly low, a thin tail (a logistic of a normal).
    const score = 1 / (1 + Math.exp(-(-3 + 1.2 * r.normal())));
    rows.push(`${amount.toFixed(2)},${category},${hour},${score.toFixed(4)}`);
  }
  return `${rows.join("\n")}\n`;
}

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const baseline = sample(20261101, 400, 1);
write("data/fraud/baseline-features.csv", baseline);
const bytes = Buffer.from(baseline, "utf8");
write(
  "data/fraud/baseline-features.csv.dvc",
  `outs:\n- md5: ${createHash("md5").update(bytes).digest("hex")}\n  size: ${bytes.length}\n  hash: md5\n  path: baseline-features.csv\n`,
);
write("samples/metrics/fraud-detection/drift.csv", sample(20261126, 300, 1.5));
