/**
 * The reusable workflows adopters call (`steward init` writes the callers): each is a
 * `workflow_call`, calls the published actions at the package's major tag (never `./actions`),
 * and passes every input those actions declare only by names they declare.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { majorTag, PUBLISHED_REPO, starterFiles } from "../../src/core/init/starter-layout.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const FLOWS = ["steward-pr", "steward-apply", "steward-monitor"];

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { workflow_call?: { inputs?: Record<string, unknown>; secrets?: Record<string, unknown> } };
  jobs: Record<string, { steps: Step[]; permissions?: Record<string, string> }>;
}

describe.each(FLOWS)("%s.yml", (flow) => {
  const wf = parse(readFileSync(join(ROOT, ".github/workflows", `${flow}.yml`), "utf8")) as Workflow;
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);

  it("is a reusable workflow with a root input", () => {
    expect(wf.on.workflow_call?.inputs).toHaveProperty("root");
    expect(wf.on.workflow_call?.secrets).toHaveProperty("MLFLOW_TRACKING_TOKEN");
  });

  it("calls the published actions at the package's major tag, with inputs they declare", () => {
    const ours = steps.filter((s) => s.uses?.includes("/model-steward/actions/"));
    expect(ours.length).toBeGreaterThan(0);
    expect(steps.filter((s) => s.uses?.startsWith("./"))).toEqual([]);
    for (const s of ours) {
      const m = new RegExp(`^${PUBLISHED_REPO}/actions/([\\w-]+)@(\\S+)$`).exec(s.uses!);
      expect(m, s.uses).not.toBeNull();
      expect(m![2]).toBe(majorTag(version));
      const action = parse(readFileSync(join(ROOT, "actions", m![1]!, "action.yml"), "utf8")) as { inputs: Record<string, unknown> };
      for (const key of Object.keys(s.with ?? {})) expect(Object.keys(action.inputs), `${m![1]} input ${key}`).toContain(key);
    }
  });

  it("is what the caller that init writes names", () => {
    const caller = starterFiles({ model: "m", ref: majorTag(version), layout: true }).find((f) => f.path === `.github/workflows/${flow}.yml`)!;
    expect(caller.text).toContain(`uses: ${PUBLISHED_REPO}/.github/workflows/${flow}.yml@${majorTag(version)}`);
    const parsed = parse(caller.text) as { jobs: Record<string, { uses: string }> };
    expect(Object.values(parsed.jobs)[0]!.uses).toBe(`${PUBLISHED_REPO}/.github/workflows/${flow}.yml@${majorTag(version)}`);
    expect(caller.text.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#")).length).toBeLessThanOrEqual(20);
  });

  it("asks for no permission the caller init writes does not grant (a called workflow cannot exceed its caller)", () => {
    const caller = parse(starterFiles({ model: "m", ref: majorTag(version), layout: true }).find((f) => f.path === `.github/workflows/${flow}.yml`)!.text) as { permissions?: Record<string, string> };
    for (const job of Object.values(wf.jobs)) {
      for (const [scope, level] of Object.entries(job.permissions ?? {})) {
        if (level === "write") expect(caller.permissions?.[scope], `${flow}: ${scope}`).toBe("write");
        else expect(caller.permissions?.[scope], `${flow}: ${scope}`).toMatch(/^(read|write)$/);
      }
    }
  });
});
