/**
 * The `cloudwatch` target of `steward plan` / `steward apply`: one CloudWatch dashboard per
 * monitored model (src/core/plan/cloudwatch-dashboard.ts), created, kept in step and deleted when
 * the model is removed. It runs after the sagemaker target, whose alarms the dashboards list.
 */
import { describeError, UserError } from "../core/errors.js";
import { DASHBOARD_PREFIX, desiredDashboard, type DesiredDashboard } from "../core/plan/cloudwatch-dashboard.js";
import { diffDashboards } from "../core/plan/cloudwatch-dashboard-diff.js";
import type { StepOutcome } from "../core/plan/types.js";
import type { DashboardStore } from "../ports.js";
import type { TargetReconciler } from "./reconcilers.js";

/** The CloudWatch dashboards TargetReconciler over `store`. */
export function cloudwatchReconciler(deps: { store: DashboardStore }): TargetReconciler {
  const { store } = deps;
  return {
    target: "cloudwatch",

    async plan(state, ctx) {
      const region = await store.region();
      const policies = new Map(state.policies.map((p) => [p.name, p]));
      const desired: DesiredDashboard[] = [];
      for (const m of [...state.models].sort((a, b) => a.name.localeCompare(b.name))) {
        const d = desiredDashboard(m, policies.get(m.policy), { region, ...(ctx.repoUrl ? { repoUrl: ctx.repoUrl } : {}) });
        if (d) desired.push(d);
      }
      const listed = await store.list(DASHBOARD_PREFIX);
      const bodies = new Map<string, unknown>();
      // every managed-prefix dashboard: the desired ones to compare, the others to see whether this repository owns them
      for (const name of listed) {
        const body = await store.get(name);
        if (body !== undefined) bodies.set(name, body);
      }
      const alarmArns = await store.alarmArns([...new Set(desired.flatMap((d) => d.alarms))]);
      const plan = diffDashboards(desired, { listed, bodies, alarmArns }, ctx.repoUrl);
      return { target: "cloudwatch", ...plan };
    },

    async apply(plan, ctx) {
      const outcomes: StepOutcome[] = [];
      let failed = false;
      for (const step of plan.steps) {
        if (failed) { outcomes.push({ step, status: "skipped" }); continue; }
        ctx.logger.info(`cloudwatch: ${step.summary}`);
        try {
          const name = step.params.name as string;
          if (step.action === "put-dashboard") await store.put(name, step.params.body as string);
          else if (step.action === "delete-dashboard") await store.delete([name]);
          else throw new UserError(`cloudwatch: unknown plan step "${step.action}" (was the plan made by another version of steward?)`);
          outcomes.push({ step, status: "done" });
        } catch (err) {
          failed = true;
          const error = describeError(err);
          ctx.logger.error(`cloudwatch: ${step.action} ${step.resource} failed: ${error}`);
          outcomes.push({ step, status: "failed", error });
        }
      }
      return outcomes;
    },
  };
}
