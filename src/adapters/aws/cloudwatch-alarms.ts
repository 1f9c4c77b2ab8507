/** AlarmStore over the AWS SDK v3 CloudWatch client (DescribeAlarms, PutMetricAlarm, ListTagsForResource, DeleteAlarms). */
import {
  DeleteAlarmsCommand, DescribeAlarmsCommand, ListTagsForResourceCommand, PutMetricAlarmCommand,
  type CloudWatchClient, type DescribeAlarmsCommandInput, type MetricAlarm,
} from "@aws-sdk/client-cloudwatch";
import type { AlarmStore } from "../../ports.js";
import type { LiveAlarm } from "../../core/plan/sagemaker-types.js";
import { isAwsNotFound, mapAwsErrors, toExternalError } from "./to-external-error.js";

/** DescribeAlarms takes at most 100 names a call; DeleteAlarms deletes at most 100 a call. */
const NAMES_PER_CALL = 100;

function toLiveAlarm(a: MetricAlarm): LiveAlarm {
  return {
    name: a.AlarmName ?? "",
    ...(a.AlarmArn ? { arn: a.AlarmArn } : {}),
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
  };
}

/** AlarmStore backed by `client`. */
export function cloudWatchAlarms(client: CloudWatchClient): AlarmStore {
  /** Every page of one DescribeAlarms query, metric alarms only. */
  async function describeAll(input: Omit<DescribeAlarmsCommandInput, "NextToken">): Promise<LiveAlarm[]> {
    const found: LiveAlarm[] = [];
    let token: string | undefined;
    do {
      const out = await mapAwsErrors("describe alarms", () => client.send(new DescribeAlarmsCommand({ ...input, AlarmTypes: ["MetricAlarm"], NextToken: token })));
      for (const a of out.MetricAlarms ?? []) found.push(toLiveAlarm(a));
      token = out.NextToken;
    } while (token);
    return found;
  }

  return {
    async describeAlarms(names) {
      const found: LiveAlarm[] = [];
      for (let i = 0; i < names.length; i += NAMES_PER_CALL) found.push(...(await describeAll({ AlarmNames: names.slice(i, i + NAMES_PER_CALL) })));
      return found;
    },

    listAlarms(prefix) {
      return describeAll({ AlarmNamePrefix: prefix });
    },

    async alarmTags(arn) {
      const out = await mapAwsErrors(`list tags of ${arn}`, () => client.send(new ListTagsForResourceCommand({ ResourceARN: arn })));
      return Object.fromEntries((out.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
    },

    async deleteAlarms(names) {
      for (let i = 0; i < names.length; i += NAMES_PER_CALL) {
        const batch = names.slice(i, i + NAMES_PER_CALL);
        try {
          await client.send(new DeleteAlarmsCommand({ AlarmNames: batch }));
        } catch (err) {
          // DeleteAlarms deletes nothing when one name does not exist (ResourceNotFound): delete those that still do.
          if (!isAwsNotFound(err)) throw toExternalError(err, `delete alarms ${batch.join(", ")}`);
          const left = (await describeAll({ AlarmNames: batch })).map((a) => a.name);
          if (left.length) await mapAwsErrors(`delete alarms ${left.join(", ")}`, () => client.send(new DeleteAlarmsCommand({ AlarmNames: left })));
        }
      }
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
