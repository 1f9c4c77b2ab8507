/**
 * ChatOps: `/steward plan` and `/steward rollback <model>` in an issue or pull-request comment, run
 * for a user with write access only (their role read through the API for every command), answered
 * with a reaction and a reply. Nothing else runs from a comment. The plan reads the pull request's
 * files as data (`planFiles`); the rollback is the monitor's (planChange, then proposeFromBase on the
 * base as it is on GitHub now), asked for by a person instead of a finding.
 */
import { mayRunCommands, parseChatOpsCommand, refusedReply, replyText, unknownModelReply, unknownReply } from "../core/chatops/chatops-command.js";
import type { CommentEvent } from "../core/chatops/comment-event.js";
import { describeError } from "../core/errors.js";
import { changeBranch } from "../core/github-conventions.js";
import { applyModelEdit } from "../core/monitor/edit-model-file.js";
import { planChange } from "../core/monitor/plan-change.js";
import type { Observed } from "../core/monitor/types.js";
import { renderPlanByModel } from "../core/plan/render-plan.js";
import { realChanges } from "../core/plan/types.js";
import { fitComment } from "../core/report/pr-comment.js";
import { code } from "../core/text/markdown.js";
import type { ChatOpsGitHub, GitHistory, Logger, RepoFiles, Scm } from "../ports.js";
import { loadHistories } from "./monitor-read.js";
import { loadRepo } from "./load-repo.js";
import type { PlanRun } from "./plan.js";
import { proposeFromBase } from "./propose-from-base.js";
import { publishPrSection } from "./publish-pr-section.js";

export interface ChatOpsDeps {
  scm: Scm;
  github: ChatOpsGitHub;
  /** The default branch's checkout: models, policies and their history (the rollback). */
  files: RepoFiles;
  git?: GitHistory;
  /** The pull request's files, read as data, for `/steward plan` on a pull request; default `files`. */
  planFiles?: RepoFiles;
  /** Plans every configured target over the given files (the plan command, wired by the entrypoint). */
  plan(files: RepoFiles): Promise<PlanRun>;
  logger: Logger;
}

/**
 * ignored: not a command (or an edit, or the bot's own comment), nothing done; refused: the user
 * lacks write access; unknown: not one of the two commands; planned / proposed: done; declined: the
 * rollback was not proposed (no target, no such model), with why; failed: the plan or the proposal
 * failed (the reply says so, and the error is in `reason`).
 */
export type ChatOpsStatus = "ignored" | "refused" | "unknown" | "planned" | "proposed" | "declined" | "failed";

export interface ChatOpsOutcome {
  status: ChatOpsStatus;
  /** One line for the log and the job summary. */
  message: string;
  command?: string;
  reaction?: "+1" | "-1" | "eyes";
  reply?: string;
  url?: string;
}

/** Runs the command of one comment event. Throws what GitHub throws while reading the role or answering. */
export async function runChatOps(deps: ChatOpsDeps, event: CommentEvent, opts: { now: Date; runUrl?: string }): Promise<ChatOpsOutcome> {
  if (event.action !== "created") return { status: "ignored", message: `comment ${event.action}: only new comments run commands` };
  const command = parseChatOpsCommand(event.comment.body);
  if (!command) return { status: "ignored", message: "the comment is not a /steward command" };
  if (event.comment.isBot) return { status: "ignored", message: `${event.comment.login} is a bot: commands run only for people` };
  const who = event.comment.login;
  const role = await deps.github.role(who);
  const answer = async (o: ChatOpsOutcome): Promise<ChatOpsOutcome> => {
    if (o.reaction) await deps.github.react(event.comment.id, o.reaction);
    if (o.reply) await deps.scm.comment(event.issue.number, fitComment(o.reply, opts.runUrl));
    return o;
  };
  if (!mayRunCommands(role)) {
    return answer({ status: "refused", message: `${who} has ${role} access: commands need write`, reaction: "-1", reply: refusedReply(who, role) });
  }
  if (command.kind === "unknown") return answer({ status: "unknown", message: `unknown command from ${who}`, command: command.text, reaction: "-1", reply: unknownReply(command.text) });
  await deps.github.react(event.comment.id, "eyes");
  if (command.kind === "plan") return answer(await plan(deps, event, opts.runUrl));
  return answer(await rollback(deps, event, command.model, opts.now));
}

async function plan(deps: ChatOpsDeps, event: CommentEvent, runUrl: string | undefined): Promise<ChatOpsOutcome> {
  const head = `### \`/steward plan\` for ${code(event.comment.login)}`;
  const files = event.issue.isPullRequest ? (deps.planFiles ?? deps.files) : deps.files;
  const where = event.issue.isPullRequest && deps.planFiles ? "this pull request's files" : `${event.defaultBranch}`;
  try {
    const run = await deps.plan(files);
    const errors = run.findings.filter((f) => f.severity === "error");
    if (errors.length) {
      const list = errors.slice(0, 20).map((f) => `- ${code(`${f.file}${f.line ? `:${f.line}` : ""}`)}: ${replyText(f.message)}`);
      return { status: "failed", command: "plan", message: `nothing planned: ${errors.length} error(s) in the repository`, reaction: "-1", reply: [head, "", `Nothing planned: ${where} has ${errors.length} error(s) (\`steward validate\`):`, "", ...list].join("\n") };
    }
    const markdown = renderPlanByModel(run.reports, { title: `Plan of ${where}` });
    if (event.issue.isPullRequest && deps.planFiles) await publishPrSection(deps.scm, event.issue.number, "plan", markdown, runUrl);
    const failed = run.reports.filter((r) => r.status === "failed");
    const steps = run.reports.reduce((n, r) => n + realChanges(r.steps).length, 0);
    return failed.length
      ? { status: "failed", command: "plan", message: `${failed.map((r) => r.target).join(", ")} could not be planned`, reaction: "-1", reply: `${head}\n\n${markdown}` }
      : { status: "planned", command: "plan", message: `planned ${steps} change(s) of ${where}`, reaction: "+1", reply: `${head}\n\n${markdown}` };
  } catch (err) {
    return { status: "failed", command: "plan", message: `the plan failed: ${describeError(err)}`, reaction: "-1", reply: `${head}\n\nThe plan failed: ${replyText(describeError(err))}` };
  }
}

async function rollback(deps: ChatOpsDeps, event: CommentEvent, name: string, now: Date): Promise<ChatOpsOutcome> {
  const command = `/steward rollback ${name}`;
  const { state } = await loadRepo({ files: deps.files });
  const model = state.models.find((m) => m.name === name);
  if (!model) return { status: "declined", command, message: `no model named ${name}`, reaction: "-1", reply: unknownModelReply(name, state.models.map((m) => m.name).sort()) };
  const policy = state.policies.find((p) => p.name === model.policy);
  if (!policy) return { status: "declined", command, message: `${name}'s policy ${model.policy} does not load`, reaction: "-1", reply: `The policy ${code(model.policy)} of ${code(name)} does not load on ${code(event.defaultBranch)} (\`steward validate\`). Nothing was proposed.` };
  const branch = changeBranch("rollback", name);
  // A person asking overrides the cooldown after a declined rollback; an open one is never duplicated.
  const pr = await deps.scm.findPullRequest(branch);
  const observed: Observed = { issues: new Map(), pulls: new Map(pr && pr.state === "open" ? [[branch, { number: pr.number, state: "open", merged: false, url: pr.url }]] : []) };
  const warnings: string[] = [];
  const history = (await loadHistories(deps.git, state.models, [name], warnings)).get(name) ?? [];
  const decision = planChange({
    purpose: "rollback", model, policy, findings: [], versions: state.versions, history, observed, now: now.getTime(), base: event.defaultBranch,
    requestedBy: { login: event.comment.login, command, ...(event.comment.url ? { commentUrl: event.comment.url } : {}) },
  });
  if (!decision.action) {
    const open = pr && pr.state === "open";
    return { status: open ? "proposed" : "declined", command, message: decision.doing, reaction: open ? "+1" : "-1", reply: `${replyText(decision.doing)}${open ? ` ${pr.url}` : ""}${warnings.length ? `\n\n${warnings.map((w) => `- ${replyText(w)}`).join("\n")}` : ""}`, ...(open ? { url: pr.url } : {}) };
  }
  const a = decision.action;
  try {
    const proposed = await proposeFromBase(
      { scm: deps.scm, files: deps.files, ...(deps.git ? { git: deps.git } : {}), logger: deps.logger },
      {
        branch: a.branch, base: a.base, title: a.title, body: a.body, labels: a.labels, commitMessage: a.commitMessage, cards: [a.model],
        edit: async (files) => {
          const bytes = await files.read(a.path);
          if (!bytes) throw new Error(`${a.path} is not on ${a.base}`);
          return { [a.path]: applyModelEdit(new TextDecoder().decode(bytes), a.edit) };
        },
      },
    );
    const url = proposed.pullRequest.url;
    return { status: "proposed", command, message: `proposed ${a.title} in ${url}`, reaction: "+1", url, reply: [`${replyText(a.title)}: #${proposed.pullRequest.number}.`, "", replyText(decision.reason ?? ""), ...proposed.warnings.map((w) => `- ${replyText(w)}`)].join("\n") };
  } catch (err) {
    return { status: "failed", command, message: `the rollback could not be proposed: ${describeError(err)}`, reaction: "-1", reply: `The rollback of ${code(name)} could not be proposed: ${replyText(describeError(err))}` };
  }
}
