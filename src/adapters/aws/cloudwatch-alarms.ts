/** AlarmStore over the AWS SDK v3 CloudWatch client (DescribeAlarms, PutMetricAlarm). */
import { DescribeAlarmsCommand, PutMetricAlarmCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { AlarmStore } from "../../ports.js";
import type { LiveAlarm } from "../../core/plan/sagemaker-types.js";
import { mapAwsErrors } from "./to-external-error.js";

/** DescribeAlarms takes at most 100 names a call. */
const NAMES_PER_CALL = 100;

/** AlarmStore backed by `client`. */
export function cloudWatchAlarms(client: CloudWatchClient): AlarmStore {
  return {
    async describeAlarms(names) {
      const found: LiveAlarm[] = [];
      for (let i = 0; i < names.length; i += NAMES_PER_CALL) {
        const batch = names.slice(i, i + NAMES_PER_CALL);
        let token: string | undefined;
        do {
          const out = await mapAwsErrors("describe alarms", () => client.send(new DescribeAlarmsCommand({ AlarmNames: batch, AlarmTypes: ["MetricAlarm"], NextToken: token })));
          for (const a of out.MetricAlarms ?? []) {
            found.push({
              name: a.AlarmName ?? "",
              description: a.AlarmDescription,
              namespace: a.Namespace ?? "",
              metric: a.MetricName ?? "",
              dimensions: Object.fromEntries((a.Dimensions ?? []).map((d) => [d.Name ?? "", d.Value ?? ""])),
              statistic: a.Statistic,
              extendedStatistic: a.ExtendedStatistic,
              period: a.Period ?? 0,
              evaluationPeriods: a.EvaluationPeriods ?? 0,
              datapointsToAlarm: a.DatapointsToAlarm ?? a.EvaluationPeriods ?? 0,
              threshold: a.Threshold ?? Number.NaN,
              comparison: a.ComparisonOperator ?? "",
              treatMissingData: a.TreatMissingData,
              alarmActions: a.AlarmActions ?? [],
              okActions: a.OKActions ?? [],
              insufficientDataActions: a.InsufficientDataActions ?? [],
            });
          }
          token = out.NextToken;
        } while (token);
      }
      return found;
    },

    async putAlarm(alarm, tags) {
      await mapAwsErrors(`put alarm ${alarm.name}`, () =>
        client.send(new PutMetricAlarmCommand({
          AlarmName: alarm.name,
          AlarmDescription: alarm.description,
          Namespace: alarm.namespace,
          MetricName: alarm.metric,
          Dimensions: Object.entries(alarm.dimensions).map(([Name, Value]) => ({ Name, Value })),
          ...(alarm.statistic ? { Statistic: alarm.statistic as never } : { ExtendedStatistic: alarm.extendedStatistic }),
          Period: alarm.period,
          EvaluationPeriods: alarm.evaluationPeriods,
          DatapointsToAlarm: alarm.datapointsToAlarm,
          Threshold: alarm.threshold,
          ComparisonOperator: alarm.comparison,
          TreatMissingData: alarm.treatMissingData,
          ActionsEnabled: true,
          // Always sent, also empty: PutMetricAlarm replaces the alarm, so a topic removed from the policy goes.
          AlarmActions: alarm.alarmActions,
          OKActions: alarm.okActions,
          InsufficientDataActions: alarm.insufficientDataActions,
          ...(tags && Object.keys(tags).length ? { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
        })),
      );
    },
  };
}
