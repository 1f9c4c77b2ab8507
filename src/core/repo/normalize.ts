import { parseDuration } from "../duration.js";
import type {
  DeploymentEnvironment,
  DetectorRef,
  DvcRef,
  ModelSpec,
  ModelVersionSpec,
  MonitoringCheck,
  PolicySpec,
  RolloutStrategy,
  StageAssignment,
} from "../types.js";

// These functions take documents that already passed their schema: shapes are known, defaults are filled here.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Doc = any;

const seconds = (v: unknown, fallback: number) => (v === undefined ? fallback : (parseDuration(v as string) ?? fallback));

export function normalizeStage(v: Doc): StageAssignment {
  if (typeof v === "string") return { variants: [{ version: v, weight: 100 }] };
  return { variants: (v.split as Doc[]).map((s) => ({ version: String(s.version), weight: Number(s.weight) })) };
}

export function normalizeDvcRef(v: Doc): DvcRef {
  if (typeof v.dvc === "string") return { kind: "file", dvc: v.dvc };
  return { kind: "inline", md5: v.md5, path: v.path, ...(v.size === undefined ? {} : { size: v.size }), ...(v.nfiles === undefined ? {} : { nfiles: v.nfiles }), ...(v.remote ? { remote: v.remote } : {}) };
}

function normalizeRollout(r: Doc | undefined): RolloutStrategy {
  const waitMinutes = r?.waitMinutes ?? 10;
  const bakeMinutes = r?.bakeMinutes ?? 30;
  switch (r?.strategy) {
    case "canary":
      return { strategy: "canary", canaryPercent: r.canaryPercent, waitMinutes, bakeMinutes };
    case "linear":
      return { strategy: "linear", stepPercent: r.stepPercent, waitMinutes, bakeMinutes };
    default:
      return { strategy: "all-at-once", waitMinutes, bakeMinutes };
  }
}

export function normalizeModel(file: string, d: Doc): ModelSpec {
  const dir = file.slice(0, file.lastIndexOf("/"));
  const sm = d.deployment?.sagemaker;
  const mon = d.monitoring;
  const period = seconds(mon?.period, 600);
  return {
    file,
    dir,
    name: d.name,
    description: d.description,
    owners: d.owners,
    task: d.task,
    policy: d.policy,
    card: d.card ?? {},
    ...(d.registry?.mlflow
      ? { registry: { mlflow: { name: d.registry.mlflow.name, aliases: d.registry.mlflow.aliases || {}, manageAliases: d.registry.mlflow.aliases !== false, legacyStages: d.registry.mlflow.legacyStages ?? false } } }
      : {}),
    stages: Object.fromEntries(Object.entries(d.stages ?? {}).map(([k, v]) => [k, normalizeStage(v)])),
    ...(d.deployment
      ? {
          deployment: {
            ...(d.deployment.account ? { account: d.deployment.account } : {}),
            ...(d.deployment.region ? { region: d.deployment.region } : {}),
            ...(d.deployment.environments ? { environments: d.deployment.environments.map((e: DeploymentEnvironment) => ({ name: e.name, account: e.account, region: e.region, ...(e.roleArn ? { roleArn: e.roleArn } : {}) })) } : {}),
            ...(sm ? { sagemaker: {
              endpoint: sm.endpoint,
              stage: sm.stage ?? "production",
              executionRoleArn: sm.executionRoleArn,
              ...(sm.instanceType !== undefined ? { instanceType: sm.instanceType } : {}),
              ...(sm.instanceCount !== undefined ? { instanceCount: sm.instanceCount } : {}),
              ...(sm.autoscaling ? { autoscaling: { ...sm.autoscaling } } : {}),
              ...(sm.dataCapture
                ? { dataCapture: { enabled: sm.dataCapture.enabled, samplingPercent: sm.dataCapture.samplingPercent ?? 100, destination: sm.dataCapture.destination } }
                : {}),
              environment: sm.environment ?? {},
              ...(sm.vpc ? { vpc: { subnets: sm.vpc.subnets, securityGroupIds: sm.vpc.securityGroupIds } } : {}),
              ...(sm.kms ? { kms: { ...sm.kms } } : {}),
              ...(sm.volumeSizeGB !== undefined ? { volumeSizeGB: sm.volumeSizeGB } : {}),
              ...(sm.modelDataDownloadTimeoutSeconds !== undefined ? { modelDataDownloadTimeoutSeconds: sm.modelDataDownloadTimeoutSeconds } : {}),
              ...(sm.containerStartupHealthCheckTimeoutSeconds !== undefined ? { containerStartupHealthCheckTimeoutSeconds: sm.containerStartupHealthCheckTimeoutSeconds } : {}),
              ...(sm.serverless ? { serverless: { ...sm.serverless } } : {}),
              ...(sm.asyncInference ? { asyncInference: { ...sm.asyncInference } } : {}),
              rollout: normalizeRollout(sm.rollout),
              rollbackAlarms: sm.rollbackAlarms ?? [],
              retain: sm.retain ?? 3,
            } } : {}),
          },
        }
      : {}),
    ...(mon
      ? {
          monitoring: {
            window: seconds(mon.window, 14 * 86400),
            period,
            metrics: Object.fromEntries(
              Object.entries(mon.metrics as Record<string, Doc>).map(([k, q]) => [
                k,
                { namespace: q.namespace, metric: q.metric, dimensions: q.dimensions ?? {}, stat: q.stat, ...(q.period ? { period: seconds(q.period, period) } : {}), ...(q.unit ? { unit: q.unit } : {}), ...(q.reference ? { reference: { ...q.reference, window: String(q.reference.window) } } : {}) },
              ]),
            ),
          },
        }
      : {}),
    tags: d.tags ?? {},
  };
}

export function normalizeVersion(file: string, d: Doc): ModelVersionSpec {
  return {
    file,
    model: d.model,
    version: d.version,
    archived: d.archived ?? false,
    ...(d.mlflow ? { mlflow: { runId: d.mlflow.runId, ...(d.mlflow.modelVersion ? { modelVersion: d.mlflow.modelVersion } : {}), ...(d.mlflow.artifactPath ? { artifactPath: d.mlflow.artifactPath } : {}) } } : {}),
    ...(d.artifact ? { artifact: normalizeDvcRef(d.artifact) } : {}),
    ...(d.image ? { image: d.image } : {}),
    ...(d.framework ? { framework: d.framework } : {}),
    metrics: d.metrics ?? {},
    data: Object.fromEntries(Object.entries(d.data ?? {}).map(([k, v]) => [k, normalizeDvcRef(v)])),
    lineage: d.lineage ?? {},
    ...(d.notes ? { notes: d.notes } : {}),
    environment: d.environment ?? {},
    tags: d.tags ?? {},
    ...(d.createdAt ? { createdAt: d.createdAt } : {}),
    ...(d.input ? { input: { format: d.input.format, features: [...d.input.features], ...(d.input.prediction ? { prediction: d.input.prediction } : {}) } } : {}),
  };
}

function normalizeDetector(d: Doc): DetectorRef {
  if (typeof d === "string") return { name: d, params: {} };
  const { name, ...params } = d;
  return { name, params };
}

export function normalizePolicy(file: string, d: Doc): PolicySpec {
  const checks: MonitoringCheck[] = (d.monitoring?.checks ?? []).map((c: Doc) => {
    // exactly one of metric / metrics (the schema says so); a multi-metric check has no bound and no variant comparison
    const metrics: string[] = Array.isArray(c.metrics) ? [...c.metrics] : [c.metric];
    const multi = metrics.length > 1;
    return {
      id: c.name ?? metrics[0],
      metric: metrics[0]!,
      metrics,
      detectors: (c.detectors ?? ["ensemble"]).map(normalizeDetector),
      threshold: multi ? {} : (c.threshold ?? {}),
      sustained: c.sustained ?? 1,
      severity: c.severity ?? "warning",
      compareVariants: multi ? false : (c.compareVariants ?? true),
    };
  });
  const gates = Object.fromEntries(
    Object.entries((d.promotion?.gates ?? {}) as Record<string, Doc>).map(([stage, g]) => {
      const t = g.minTimeInPreviousStage ?? g.minTimeInStaging;
      return [stage, { ...(t ? { minTimeInPreviousStage: parseDuration(t) } : {}), ...(g.approvals === undefined ? {} : { approvals: g.approvals }), metrics: g.metrics ?? {} }];
    }),
  );
  const drift = d.monitoring?.drift;
  const rem = d.remediation ?? {};
  return {
    file,
    name: d.name,
    ...(d.description ? { description: d.description } : {}),
    promotion: { order: d.promotion.order, allowSkip: d.promotion.allowSkip ?? false, gates },
    monitoring: {
      checks,
      recovery: seconds(d.monitoring?.recovery, 7200),
      ...(d.monitoring?.freshness !== undefined ? { freshness: seconds(d.monitoring.freshness, 0) } : {}),
      ...(drift ? { drift: { ...(drift.baseline ? { baseline: normalizeDvcRef(drift.baseline) } : {}), tests: drift.tests ?? ["ks", "psi"], thresholds: drift.thresholds ?? {}, severity: drift.severity ?? "warning" } } : {}),
    },
    remediation: {
      rules: rem.rules ?? [],
      cooldown: seconds(rem.cooldown, 86400),
      ...(rem.escalation ? { escalation: { after: seconds(rem.escalation.after, 21600), mention: rem.escalation.mention ?? [] } } : {}),
      ...(rem.scale ? { scale: { step: rem.scale.step ?? 1, maxInstances: rem.scale.maxInstances ?? 20 } } : {}),
    },
    ...(d.alarms?.actions
      ? { alarms: { actions: { alarm: d.alarms.actions.alarm ?? [], ok: d.alarms.actions.ok ?? [], insufficientData: d.alarms.actions.insufficientData ?? [] } } }
      : {}),
  };
}
