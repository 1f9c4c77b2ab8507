import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { actionsLogger } from "../../adapters/log/actions-logger.js";
import { describeError } from "../../core/errors.js";
import { mdText } from "../../core/text/markdown.js";
import { chatops } from "../cli/chatops.js";
import { actionLog, setOutput, writeJobSummary } from "../github-output.js";
import { optionalInput } from "./inputs.js";

/** The chatops action: one issue_comment event -> `steward chatops` -> reaction, reply, outputs. */
export async function run(env: Record<string, string | undefined> = process.env): Promise<void> {
  try {
    const root = resolve(optionalInput("root") ?? ".");
    const prInput = optionalInput("pr-root");
    const prRoot = prInput && existsSync(resolve(prInput)) ? resolve(prInput) : undefined;
    const outcome = await chatops(env, root, prRoot, actionsLogger(), new Date());
    await writeJobSummary(`## steward chatops: ${outcome.status}\n\n${mdText(outcome.message)}\n`);
    setOutput("status", outcome.status);
    setOutput("url", outcome.url ?? "");
    if (outcome.status === "ignored" || outcome.status === "planned" || outcome.status === "proposed") actionLog.info(`${outcome.status}: ${outcome.message}`);
    else actionLog.fail(`${outcome.status}: ${outcome.message}`);
  } catch (err) {
    actionLog.fail(describeError(err));
  }
}
