import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { gitCliHistory } from "../../adapters/git/git-cli-history.js";
import { octokitChatOps } from "../../adapters/github/chatops-operations.js";
import { createOctokit } from "../../adapters/github/create-octokit.js";
import { parseRepository } from "../../adapters/github/octokit-scm.js";
import { consoleLogger, silentLogger } from "../../adapters/log/console-logger.js";
import { runChatOps, type ChatOpsOutcome } from "../../commands/chatops.js";
import { runPlan } from "../../commands/plan.js";
import { readCommentEvent } from "../../core/chatops/comment-event.js";
import { UserError } from "../../core/errors.js";
import { BOT_LABEL } from "../../core/github-conventions.js";
import { readGitHubEnv, scmFromEnv } from "../github-env.js";
import { commonFlags, EXIT_FINDINGS, EXIT_OK, parseFlags, readFormat, type CliCommand } from "./io.js";
import { targetSlots } from "./plan.js";

const HELP = `usage: steward chatops [--pr-root DIR] [--root DIR] [--format text|json]

Runs the /steward command of one issue_comment event (GITHUB_EVENT_PATH), for a user with write
access to the repository (their role read through the API: admin, maintain or write), and answers
with a reaction (eyes while working, +1 done, -1 refused or failed) and a reply:
  /steward plan               re-run the plan (MLflow, SageMaker, CloudWatch) and post it as a reply;
                              on a pull request, of its files under --pr-root (read as data)
  /steward rollback <model>   open the rollback pull request the monitor would open for the model,
                              built from the default branch as it is on GitHub now
Only the first line of a new comment counts; anything else is ignored or answered with the list.
--root is the default branch's checkout (models, policies, git history). Needs GITHUB_TOKEN,
GITHUB_REPOSITORY and GITHUB_EVENT_PATH (GITHUB_API_URL outside github.com); the plan reads MLflow
and AWS as steward plan does.
Exit 0 done or nothing to do, 1 refused, unknown, declined or failed (the reply says why), 2 usage or environment.
`;

export const chatopsCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, { ...commonFlags, "pr-root": { type: "string" } });
  if (values.help) return io.stdout(HELP), EXIT_OK;
  const format = readFormat(values.format, ["text", "json"]);
  const outcome = await chatops(io.env, resolve(io.cwd, values.root ?? "."), values["pr-root"] === undefined ? undefined : resolve(io.cwd, values["pr-root"]), format === "json" ? silentLogger : consoleLogger({ write: io.stderr }), io.now());
  io.stdout(format === "json" ? `${JSON.stringify(outcome, null, 2)}\n` : `${outcome.status}: ${outcome.message}${outcome.url ? ` (${outcome.url})` : ""}\n`);
  return chatopsExit(outcome);
};

/** 0 when done or nothing was asked; 1 when the command was refused, unknown, declined or failed. */
export function chatopsExit(o: ChatOpsOutcome): number {
  return o.status === "ignored" || o.status === "planned" || o.status === "proposed" ? EXIT_OK : EXIT_FINDINGS;
}

/** The wiring shared by the CLI and the action: environment in, outcome out. */
export async function chatops(env: Record<string, string | undefined>, root: string, prRoot: string | undefined, logger: Parameters<typeof runChatOps>[0]["logger"], now: Date): Promise<ChatOpsOutcome> {
  const gh = readGitHubEnv(env);
  if (!env.GITHUB_EVENT_PATH) throw new UserError("GITHUB_EVENT_PATH is not set: steward chatops reads the issue_comment event from it");
  let payload: unknown;
  try {
    payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, "utf8"));
  } catch (err) {
    throw new UserError(`cannot read the event ${env.GITHUB_EVENT_PATH}: ${(err as Error).message}`);
  }
  const event = readCommentEvent(payload);
  const scm = scmFromEnv(gh, logger, { required: true })!;
  const { owner, repo } = parseRepository(gh.repository!);
  const octokit = createOctokit({ token: gh.token!, logger, ...(gh.apiUrl ? { baseUrl: gh.apiUrl } : {}) });
  const github = octokitChatOps({ octokit, owner, repo, label: BOT_LABEL, logger });
  const files = fsRepoFiles(root);
  return runChatOps(
    {
      scm, github, files, git: gitCliHistory(root), logger,
      ...(prRoot ? { planFiles: fsRepoFiles(prRoot) } : {}),
      plan: async (f) => runPlan({ files: f, reconcilers: await targetSlots(env, f), logger }, { now, ...(gh.sha ? { commit: gh.sha } : {}), ...(gh.repository ? { repoUrl: `${gh.serverUrl}/${gh.repository}` } : {}) }),
    },
    event,
    { now, ...(gh.runUrl ? { runUrl: gh.runUrl } : {}) },
  );
}
