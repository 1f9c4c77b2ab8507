/**
 * Polls DescribeEndpoint until the endpoint settles, with a bounded timeout and a progress line
 * per status change (and every few minutes while nothing changes). Time is injected for tests.
 */
import { formatDuration } from "../../core/duration.js";
import { IN_PROGRESS } from "../../core/plan/sagemaker-endpoint-steps.js";
import type { SageMakerEndpoints } from "../../ports.js";
import type { EndpointStatus, LiveEndpoint } from "../../core/plan/sagemaker-types.js";
import type { Logger } from "../../ports.js";

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type WaitResult =
  /** InService on the expected config (or any config, when none was expected). */
  | { kind: "in-service"; endpoint: LiveEndpoint }
  /** InService again, but on another config (or without the accepted change): SageMaker rolled the deployment back. */
  | { kind: "rolled-back"; endpoint: LiveEndpoint; reason: string }
  /** Failed or UpdateRollbackFailed, with SageMaker's FailureReason. */
  | { kind: "failed"; status: EndpointStatus; reason: string; endpoint: LiveEndpoint }
  /** A settled status that is none of the above (OutOfService, Deleting). */
  | { kind: "other"; endpoint: LiveEndpoint }
  | { kind: "timeout"; status: EndpointStatus; waitedSeconds: number }
  | { kind: "missing" };

export interface WaitOptions {
  endpoint: string;
  /** The config the deployment moves to; undefined to wait only until nothing is in progress. */
  configName?: string;
  /** What else InService must show to count as done (e.g. the requested weights); default: nothing. */
  accept?: (endpoint: LiveEndpoint) => boolean;
  timeoutSeconds: number;
  pollSeconds?: number;
  /** Seconds between progress lines while the status does not change. */
  reportEverySeconds?: number;
}

/**
 * Waits until `endpoint` is no longer Creating/Updating/SystemUpdating/RollingBack, or the timeout.
 * `missing` only when the endpoint does not exist at all (after a delete, or a typo).
 */
export async function waitForEndpoint(deps: { sagemaker: SageMakerEndpoints; clock: Clock; logger: Logger }, opts: WaitOptions): Promise<WaitResult> {
  const { clock, logger } = deps;
  const poll = (opts.pollSeconds ?? 30) * 1000;
  const reportEvery = (opts.reportEverySeconds ?? 300) * 1000;
  const start = clock.now().getTime();
  let lastStatus: string | undefined;
  let lastReport = start;
  let sawProgress = false;
  for (;;) {
    const ep = await deps.sagemaker.describeEndpoint(opts.endpoint);
    const elapsed = clock.now().getTime() - start;
    if (!ep) return { kind: "missing" };
    if (ep.status !== lastStatus || clock.now().getTime() - lastReport >= reportEvery) {
      const variants = ep.variants
        .filter((v) => v.currentWeight !== undefined || v.currentInstanceCount !== undefined)
        .map((v) => `${v.name}: weight ${v.currentWeight ?? "?"}, ${v.currentInstanceCount ?? "?"} instance(s)`)
        .join("; ");
      logger.info(`endpoint ${opts.endpoint}: ${ep.status} after ${formatDuration(elapsed / 1000)}${variants ? ` (${variants})` : ""}${ep.failureReason ? ` - ${ep.failureReason}` : ""}`);
      lastStatus = ep.status;
      lastReport = clock.now().getTime();
    }
    if (IN_PROGRESS.has(ep.status)) {
      sawProgress = true;
    } else if (ep.status === "Failed" || ep.status === "UpdateRollbackFailed") {
      return { kind: "failed", status: ep.status, reason: ep.failureReason ?? "SageMaker gave no FailureReason", endpoint: ep };
    } else if (ep.status === "InService") {
      const arrived = (!opts.configName || ep.configName === opts.configName) && (opts.accept?.(ep) ?? true);
      if (arrived) return { kind: "in-service", endpoint: ep };
      // Right after UpdateEndpoint the old config may still show for a moment; a rollback is only
      // certain once the update was seen in progress or SageMaker says why.
      if (sawProgress || ep.failureReason) return { kind: "rolled-back", endpoint: ep, reason: ep.failureReason ?? "SageMaker rolled the deployment back (a rollback alarm fired or the new fleet failed)" };
    } else {
      return { kind: "other", endpoint: ep };
    }
    if (elapsed + poll > opts.timeoutSeconds * 1000) return { kind: "timeout", status: ep.status, waitedSeconds: Math.round(elapsed / 1000) };
    await clock.sleep(poll);
  }
}

/** One line for a person (and the issue apply opens) about a wait that did not end InService. */
export function describeWait(r: Exclude<WaitResult, { kind: "in-service" }>, endpoint: string): { status: string; reason: string; message: string } {
  switch (r.kind) {
    case "rolled-back":
      return { status: "InService", reason: r.reason, message: `deployment to ${endpoint} was rolled back by SageMaker: ${r.reason}; the endpoint serves ${r.endpoint.configName ?? "its previous config"} again` };
    case "failed":
      return { status: r.status, reason: r.reason, message: `endpoint ${endpoint} is ${r.status}: ${r.reason}` };
    case "timeout":
      return { status: r.status, reason: "timeout", message: `endpoint ${endpoint} is still ${r.status} after ${r.waitedSeconds}s; apply stopped waiting (the deployment goes on in SageMaker; re-run apply to follow it)` };
    case "missing":
      return { status: "Missing", reason: "the endpoint disappeared", message: `endpoint ${endpoint} does not exist any more` };
    case "other":
      return { status: r.endpoint.status, reason: r.endpoint.failureReason ?? r.endpoint.status, message: `endpoint ${endpoint} is ${r.endpoint.status}${r.endpoint.failureReason ? `: ${r.endpoint.failureReason}` : ""}` };
  }
}

