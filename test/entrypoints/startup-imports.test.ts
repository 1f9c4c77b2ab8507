/**
 * Fast start (issue #13): what a run parses before its first line of work is the static import
 * closure of its entry module; the heavy packages (AWS SDK, Octokit, undici, @actions/core's OIDC
 * client) must be reached only through a dynamic import, where they are used. esbuild resolves the
 * graph as the bundles are built (scripts/build.mjs), so a static import added by mistake fails here
 * instead of slowing every action down unnoticed.
 */
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const HEAVY = [/node_modules\/@aws-sdk\//, /node_modules\/@smithy\//, /node_modules\/@octokit\//, /node_modules\/undici\//, /node_modules\/@actions\//];

/** Every module reachable from `entry` through static imports (what loads before entry runs). */
function staticClosure(meta: Metafile, entry: string): Set<string> {
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length) {
    for (const i of meta.inputs[queue.shift()!]?.imports ?? []) {
      if (i.kind === "dynamic-import" || i.external || seen.has(i.path)) continue;
      seen.add(i.path);
      queue.push(i.path);
    }
  }
  return seen;
}

const ENTRIES = [
  "src/entrypoints/actions/validate.ts",
  "src/entrypoints/actions/model-card.ts",
  "src/entrypoints/actions/plan.ts",
  "src/entrypoints/actions/apply.ts",
  "src/entrypoints/actions/monitor.ts",
  "src/entrypoints/cli.ts",
  "src/entrypoints/cli/validate.ts",
  "src/entrypoints/cli/card.ts",
  "src/entrypoints/cli/detect.ts",
  "src/entrypoints/cli/plan.ts",
  "src/entrypoints/cli-main.ts",
  "src/entrypoints/cli-tools-main.ts",
];

const CHATOPS = "src/entrypoints/actions/chatops.ts";

describe("start-up: heavy packages load only where used", async () => {
  const { metafile } = await build({ entryPoints: [...ENTRIES, CHATOPS], bundle: true, platform: "node", format: "esm", target: "node20", splitting: true, outdir: "out", write: false, metafile: true, logLevel: "silent" });

  it.each(ENTRIES)("%s imports no AWS SDK, Octokit, undici or @actions/* statically", (entry) => {
    const heavy = [...staticClosure(metafile, entry)].filter((f) => HEAVY.some((re) => re.test(f)));
    expect(heavy.slice(0, 5)).toEqual([]);
  });

  it("the chatops action loads Octokit (its first work is on GitHub) and nothing else heavy", () => {
    const heavy = [...staticClosure(metafile, CHATOPS)].filter((f) => HEAVY.some((re) => re.test(f)) && !/node_modules\/@octokit\//.test(f));
    expect(heavy.slice(0, 5)).toEqual([]);
  });

  it("no dynamic import of a CommonJS package (bundled with splitting, it would yield only a default export)", () => {
    const bad = Object.entries(metafile.inputs).flatMap(([file, input]) =>
      input.imports.filter((i) => i.kind === "dynamic-import" && !i.external && metafile.inputs[i.path]?.format === "cjs").map((i) => `${file} -> ${i.path}`),
    );
    expect(bad).toEqual([]);
    // The check sees the packages' format: the SDK is CommonJS.
    expect(Object.entries(metafile.inputs).some(([f, i]) => f.includes("node_modules/@aws-sdk/client-s3/") && i.format === "cjs")).toBe(true);
  });

  it("the closure is followed through imports (the check can fail)", () => {
    // The plan adapters do import the AWS SDK: reaching it from them shows the walk sees packages.
    const closure = [...staticClosure(metafile, "src/adapters/aws/sagemaker-aws.ts")];
    expect(closure.some((f) => /node_modules\/@aws-sdk\//.test(f))).toBe(true);
  });
});
