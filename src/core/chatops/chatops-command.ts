/**
 * ChatOps commands in issue and pull-request comments. Only the comment's first line counts, and
 * only when it starts with `/steward`; two commands exist. Everything in a comment is untrusted:
 * a model name must be a valid name (the schema's pattern) before it goes anywhere. Pure.
 */
import type { RepoRole } from "../../ports.js";
import { code, mdText } from "../text/markdown.js";

export type ChatOpsCommand =
  | { kind: "plan" }
  | { kind: "rollback"; model: string }
  /** `/steward` followed by anything else: answered with the list of commands. */
  | { kind: "unknown"; text: string };

const MODEL_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const COMMANDS_HELP = ["`/steward plan`: re-run the plan of what merging would change in MLflow and SageMaker, posted as a reply", "`/steward rollback <model>`: open the pull request that rolls the model's production back to its last healthy version (the monitor's rollback)"];

/** The command in a comment, or undefined when the comment is not addressed to steward. */
export function parseChatOpsCommand(body: string): ChatOpsCommand | undefined {
  const first = body.replace(/\r\n?/g, "\n").split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
  const words = first.split(/[ \t]+/);
  if (words[0] !== "/steward") return undefined;
  const [verb, ...args] = words.slice(1);
  if (verb === "plan" && args.length === 0) return { kind: "plan" };
  if (verb === "rollback" && args.length === 1 && MODEL_NAME.test(args[0]!)) return { kind: "rollback", model: args[0]! };
  return { kind: "unknown", text: first.slice(0, 200) };
}

/** Whether a role may run commands: write access or more (admin, maintain, write). */
export function mayRunCommands(role: RepoRole): boolean {
  return role === "admin" || role === "maintain" || role === "write";
}

/** The reply to a command from someone without write access. */
export function refusedReply(login: string, role: RepoRole): string {
  return `${code(login)} has ${code(role)} access to this repository; \`/steward\` commands need write access (write, maintain or admin). Nothing was run.`;
}

/** The reply to a command steward does not know. */
export function unknownReply(text: string): string {
  return [`Unknown command ${code(text)}. steward understands two commands, on the first line of a comment:`, "", ...COMMANDS_HELP.map((c) => `- ${c}`)].join("\n");
}

/** The reply to `/steward rollback` for a model the repository does not have. */
export function unknownModelReply(model: string, models: string[]): string {
  return `No model named ${code(model)} in this repository (models: ${models.map(code).join(", ") || "none"}). Nothing was proposed.`;
}

/** Text of a reply line from untrusted text (a model's or GitHub's message). */
export function replyText(text: string): string {
  return mdText(text);
}
