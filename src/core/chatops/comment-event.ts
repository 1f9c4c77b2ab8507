/**
 * The parts of an `issue_comment` webhook payload ChatOps reads (GITHUB_EVENT_PATH), checked one by
 * one: a payload of another shape is an error naming the field, never a command. Pure.
 */
import { UserError } from "../errors.js";

export interface CommentEvent {
  /** created, edited or deleted: only created runs anything. */
  action: string;
  comment: { id: number; body: string; login: string; isBot: boolean; url?: string };
  issue: { number: number; isPullRequest: boolean };
  defaultBranch: string;
}

const obj = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** Reads an issue_comment payload; throws UserError naming the first missing or mistyped field. */
export function readCommentEvent(payload: unknown): CommentEvent {
  const p = obj(payload);
  const comment = obj(p?.comment);
  const issue = obj(p?.issue);
  const user = obj(comment?.user);
  const repository = obj(p?.repository);
  const need = <T>(ok: boolean, value: T, field: string): T => {
    if (!ok) throw new UserError(`the event is not an issue_comment event: ${field} is missing or not of its type (GITHUB_EVENT_PATH)`);
    return value;
  };
  return {
    action: need(typeof p?.action === "string", p?.action as string, "action"),
    comment: {
      id: need(Number.isSafeInteger(comment?.id), comment?.id as number, "comment.id"),
      body: need(typeof comment?.body === "string", comment?.body as string, "comment.body"),
      login: need(typeof user?.login === "string", user?.login as string, "comment.user.login"),
      isBot: user?.type === "Bot",
      ...(typeof comment?.html_url === "string" ? { url: comment.html_url } : {}),
    },
    issue: {
      number: need(Number.isSafeInteger(issue?.number), issue?.number as number, "issue.number"),
      isPullRequest: obj(issue?.pull_request) !== undefined,
    },
    defaultBranch: need(typeof repository?.default_branch === "string", repository?.default_branch as string, "repository.default_branch"),
  };
}
