import { parse } from "yaml";

/**
 * The least-privilege rules every workflow of this repository (and every reusable workflow an
 * adopter calls) must follow, as violations ("file: job: what") for a test to assert empty.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const PINNED = /^[\w.-]+\/[\w.-]+(\/[^@\s]+)?@[0-9a-f]{40}$/;
const SELF_AT_MAJOR = /^model-steward\/model-steward\/actions\/[\w-]+@v\d+$/;
const PR_EVENTS = ["pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment", "issue_comment"];
const DEFAULT_BRANCH_GUARD = /github\.ref\s*==\s*format\('refs\/heads\/\{0\}',\s*github\.event\.repository\.default_branch\)/;

function events(on: unknown): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return isObj(on) ? Object.keys(on) : [];
}

function readOnly(perms: unknown): boolean {
  if (perms === undefined) return false;
  if (typeof perms === "string") return perms === "read-all";
  if (!isObj(perms)) return false;
  return Object.values(perms).every((v) => v === "read" || v === "none");
}

export function checkWorkflow(file: string, text: string): string[] {
  const out: string[] = [];
  const v = (where: string, what: string) => out.push(`${file}: ${where}: ${what}`);
  const wf = parse(text) as Obj;
  const on = events(wf.on ?? (wf as Obj).true);
  const jobs = isObj(wf.jobs) ? wf.jobs : {};
  // Publishes (pages) or holds repository write / cloud credentials: what another run produced must come from the default branch.
  const privilegedWorkflow = /deploy-pages@|upload-pages-artifact@|contents:\s*write|id-token:\s*write/.test(text);

  // 1. Third-party actions and reusable workflows pinned by full commit SHA, with the tag in a comment.
  text.split("\n").forEach((line, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*["']?([^"'\s#]+)["']?\s*(#.*)?$/.exec(line);
    if (!m) return;
    const ref = m[1]!;
    if (ref.startsWith("./") || ref.startsWith("docker://")) return;
    // This project's reusable workflows call this project's actions at the same release's major
    // tag (scripts/release.mjs moves both together): the caller's pin of the workflow decides.
    if (on.includes("workflow_call") && SELF_AT_MAJOR.test(ref)) return;
    if (!PINNED.test(ref)) v(`line ${i + 1}`, `${ref} is not pinned by a full commit SHA`);
    else if (!/^#\s*v\d/.test(m[2] ?? "")) v(`line ${i + 1}`, `${ref} has no "# vX.Y.Z" comment naming its tag`);
  });

  // 2. Read-only by default; write permissions only where a job says why.
  if (!on.includes("workflow_call") && !readOnly(wf.permissions) && !(isObj(wf.permissions) && Object.keys(wf.permissions).length === 0)) {
    v("permissions", "the workflow's default permissions must be read-only ({} or read/none only)");
  }
  if (on.includes("pull_request_target")) v("on", "pull_request_target runs with secrets and a write token on pull request content: not allowed");
  const isPr = on.some((e) => PR_EVENTS.includes(e));
  if (isPr && wf.env && JSON.stringify(wf.env).includes("secrets.")) v("env", "a pull request workflow must not put secrets in the workflow environment");

  for (const [name, job] of Object.entries(jobs)) {
    if (!isObj(job)) continue;
    if (job.permissions === undefined) v(name, "no job-level permissions (say what this job needs)");
    if (job.uses === undefined && job["timeout-minutes"] === undefined) v(name, "no timeout-minutes");
    // 3. A dispatch (or any event) never runs a privileged job from a branch other than the default one.
    if (on.includes("workflow_dispatch") && !DEFAULT_BRANCH_GUARD.test(String(job.if ?? ""))) v(name, "workflow_dispatch is allowed, but the job does not refuse refs other than the default branch");
    const steps = Array.isArray(job.steps) ? (job.steps as unknown[]).filter(isObj) : [];
    // 4. Pages deploy only artifacts produced on the default branch.
    for (const s of steps) {
      const run = typeof s.run === "string" ? s.run : "";
      if (/gh run (list|download)/.test(run) && !/--branch\b/.test(run)) v(name, "artifacts are listed or downloaded without --branch (the default branch's runs only)");
      if (privilegedWorkflow && /actions\/download-artifact@/.test(String(s.uses ?? "")) && isObj(s.with) && s.with["run-id"] !== undefined) v(name, "download-artifact from another run must check that run's branch");
    }
    if (privilegedWorkflow && isObj(on.includes("workflow_run") ? (wf.on as Obj).workflow_run : undefined)) {
      const wr = (wf.on as Obj).workflow_run as Obj;
      if (!Array.isArray(wr.branches)) v("on.workflow_run", "workflow_run must name the branches (the default branch) whose runs it follows");
    }
    if (!isPr) continue;
    // 5. Pull request workflows: PR content is data. Secrets only reach actions from the default branch.
    const trusted = steps
      .filter((s) => /^actions\/checkout@/.test(String(s.uses ?? "")) && isObj(s.with) && /default_branch/.test(String(s.with.ref ?? "")))
      .map((s) => `./${String((s.with as Obj).path ?? "").replace(/^\.\/|\/$/g, "")}/`);
    if (JSON.stringify(job.env ?? {}).includes("secrets.")) v(name, "job-level env exposes secrets to every step, including pull request content");
    for (const s of steps) {
      const uses = String(s.uses ?? "");
      const label = String(s.name ?? (uses || (typeof s.run === "string" ? s.run.split("\n")[0] : "step")));
      if (/^actions\/checkout@/.test(uses) && !(isObj(s.with) && s.with["persist-credentials"] === false)) v(name, `${label}: checkout keeps the token in .git (persist-credentials: false)`);
      if (uses.startsWith("./") && !trusted.some((t) => t !== ".//" && uses.startsWith(t))) v(name, `${label}: runs ${uses} from the pull request's checkout (use the default branch's copy)`);
      const refs = JSON.stringify({ env: s.env, with: s.with, run: s.run });
      if (refs.includes("secrets.")) {
        if (typeof s.run === "string") v(name, `${label}: a run step with secrets in a pull request workflow`);
        if (/secrets\.MLFLOW_TRACKING_TOKEN\b/.test(refs)) v(name, `${label}: the apply credential (MLFLOW_TRACKING_TOKEN) in a pull request workflow; use the read-only MLFLOW_PLAN_TOKEN`);
      }
      const privileged = !readOnly(job.permissions) || JSON.stringify(job).includes("secrets.");
      if (privileged && typeof s.run === "string" && /\b(npm|npx|yarn|pnpm|node|make)\b/.test(s.run)) v(name, `${label}: runs code from the pull request in a job that holds a write token or secrets`);
    }
  }
  return out;
}
