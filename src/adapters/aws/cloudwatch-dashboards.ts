/** DashboardStore over the AWS SDK v3 CloudWatch client (ListDashboards, GetDashboard, PutDashboard, DeleteDashboards, DescribeAlarms). */
import {
  DeleteDashboardsCommand, DescribeAlarmsCommand, GetDashboardCommand, ListDashboardsCommand, PutDashboardCommand, type CloudWatchClient,
} from "@aws-sdk/client-cloudwatch";
import { ExternalError } from "../../core/errors.js";
import type { DashboardStore } from "../../ports.js";
import { isAwsNotFound, mapAwsErrors, toExternalError } from "./to-external-error.js";

/** DescribeAlarms takes at most 100 names a call. */
const NAMES_PER_CALL = 100;

/** GetDashboard and DeleteDashboards answer a missing dashboard with DashboardNotFoundError (code ResourceNotFound). */
function isMissingDashboard(err: unknown): boolean {
  return isAwsNotFound(err) || (err instanceof Error && err.name === "DashboardNotFoundError");
}

/** DashboardStore backed by `client`. */
export function cloudWatchDashboards(client: CloudWatchClient): DashboardStore {
  return {
    async region() {
      const r = client.config.region;
      return typeof r === "function" ? await r() : String(r);
    },

    async list(prefix) {
      const names: string[] = [];
      let token: string | undefined;
      do {
        const out = await mapAwsErrors("list dashboards", () => client.send(new ListDashboardsCommand({ DashboardNamePrefix: prefix, NextToken: token })));
        for (const d of out.DashboardEntries ?? []) if (d.DashboardName) names.push(d.DashboardName);
        token = out.NextToken;
      } while (token);
      return names;
    },

    async get(name) {
      let text: string | undefined;
      try {
        text = (await client.send(new GetDashboardCommand({ DashboardName: name }))).DashboardBody;
      } catch (err) {
        if (isMissingDashboard(err)) return undefined;
        throw toExternalError(err, `get dashboard ${name}`);
      }
      try {
        return JSON.parse(text ?? "{}") as unknown;
      } catch {
        // someone saved a body apply cannot read: treat it as different, so apply rewrites it
        return { unreadable: text };
      }
    },

    async put(name, body) {
      const out = await mapAwsErrors(`put dashboard ${name}`, () => client.send(new PutDashboardCommand({ DashboardName: name, DashboardBody: body })));
      // PutDashboard saves the dashboard and returns validation messages when some widgets will not render
      const messages = out.DashboardValidationMessages ?? [];
      if (messages.length) throw new ExternalError("aws", undefined, `put dashboard ${name}: saved, but CloudWatch reports ${messages.map((m) => `${m.DataPath ?? "/"}: ${m.Message ?? ""}`).join("; ")}`);
    },

    async delete(names) {
      if (!names.length) return;
      try {
        await client.send(new DeleteDashboardsCommand({ DashboardNames: names }));
      } catch (err) {
        if (!isMissingDashboard(err)) throw toExternalError(err, `delete dashboards ${names.join(", ")}`);
        // DeleteDashboards is all-or-nothing: when one is gone already, delete the others one by one
        for (const n of names) {
          try {
            await client.send(new DeleteDashboardsCommand({ DashboardNames: [n] }));
          } catch (e) {
            if (!isMissingDashboard(e)) throw toExternalError(e, `delete dashboard ${n}`);
          }
        }
      }
    },

    async alarmArns(names) {
      const arns = new Map<string, string>();
      for (let i = 0; i < names.length; i += NAMES_PER_CALL) {
        const batch = names.slice(i, i + NAMES_PER_CALL);
        let token: string | undefined;
        do {
          const out = await mapAwsErrors("describe alarms", () => client.send(new DescribeAlarmsCommand({ AlarmNames: batch, AlarmTypes: ["MetricAlarm"], NextToken: token })));
          for (const a of out.MetricAlarms ?? []) if (a.AlarmName && a.AlarmArn) arns.set(a.AlarmName, a.AlarmArn);
          token = out.NextToken;
        } while (token);
      }
      return arns;
    },
  };
}
