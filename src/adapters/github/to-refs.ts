import type { RestEndpointMethodTypes } from "@octokit/rest";
import type { CommentRef, IssueRef, PullRequestRef } from "../../ports.js";

type Issue = RestEndpointMethodTypes["issues"]["get"]["response"]["data"];
/** The fields read from a pull request; both the list and the full representation have them. */
interface PullLike {
  number: number;
  html_url: string;
  state: string;
  title: string;
  body: string | null;
  closed_at: string | null;
  merged_at: string | null;
  created_at: string;
  head: { ref: string; sha: string };
  base: { ref: string };
  labels: Array<{ name?: string }>;
}
type Comment = RestEndpointMethodTypes["issues"]["getComment"]["response"]["data"];

const date = (s: string | null | undefined): Date | undefined => (s ? new Date(s) : undefined);

/** A label as GitHub sends it (a name or an object) to its name. */
export function labelName(label: string | { name?: string }): string {
  return typeof label === "string" ? label : (label.name ?? "");
}

/** GitHub's issue (from get, list or create) as the port's IssueRef. */
export function toIssueRef(issue: Issue): IssueRef {
  return {
    number: issue.number,
    url: issue.html_url,
    state: issue.state === "closed" ? "closed" : "open",
    title: issue.title,
    body: issue.body ?? "",
    labels: issue.labels.map(labelName).filter(Boolean),
    closedAt: date(issue.closed_at),
    updatedAt: date(issue.updated_at),
    createdAt: date(issue.created_at),
    assignees: (issue.assignees ?? []).map((a) => a.login),
  };
}

/** GitHub's pull request (list or full) as the port's PullRequestRef. */
export function toPullRequestRef(pull: PullLike): PullRequestRef {
  return {
    number: pull.number,
    url: pull.html_url,
    state: pull.state === "closed" ? "closed" : "open",
    merged: Boolean(pull.merged_at),
    branch: pull.head.ref,
    title: pull.title,
    body: pull.body ?? "",
    closedAt: date(pull.closed_at),
    base: pull.base.ref,
    headSha: pull.head.sha,
    labels: pull.labels.map(labelName).filter(Boolean),
    createdAt: date(pull.created_at),
    mergedAt: date(pull.merged_at),
  };
}

/** GitHub's issue comment as the port's CommentRef. */
export function toCommentRef(comment: Comment): CommentRef {
  return {
    id: comment.id,
    body: comment.body ?? "",
    author: comment.user?.login ?? "",
    createdAt: new Date(comment.created_at),
    updatedAt: new Date(comment.updated_at),
  };
}

/** Owners as GitHub assignee logins: "@" stripped, teams ("org/team") and blanks dropped, no duplicates. */
export function toAssignees(owners: string[]): string[] {
  const logins = owners.map((o) => o.trim().replace(/^@/, "")).filter((o) => o !== "" && !o.includes("/"));
  return [...new Set(logins)];
}
