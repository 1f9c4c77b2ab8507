import { UserError } from "../../core/errors.js";
import type { DashboardStore, ModelRegistry, SageMakerAws } from "../../ports.js";

const refuse = (what: string) => async (): Promise<never> => {
  throw new UserError(`offline: ${what} is not possible without a live target (plan --offline only reads)`);
};

/**
 * A model registry with nothing in it, for `steward plan --offline`: what a first apply would
 * create. Every run is taken to exist (offline, nothing can be checked). Writes are refused.
 */
export function emptyModelRegistry(): ModelRegistry {
  return {
    location: "an empty MLflow (offline)",
    snapshot: async () => ({ models: {} }),
    readRuns: async (runs) => Object.fromEntries(runs.map((r) => [r.runId, { exists: true, status: "FINISHED", lifecycleStage: "active" }])),
    createRegisteredModel: refuse("creating a registered model"),
    updateRegisteredModel: refuse("updating a registered model"),
    setRegisteredModelTag: refuse("tagging a registered model"),
    createModelVersion: refuse("registering a version"),
    updateModelVersion: refuse("updating a version"),
    setModelVersionTag: refuse("tagging a version"),
    deleteModelVersionTag: refuse("untagging a version"),
    setAlias: refuse("setting an alias"),
    deleteAlias: refuse("deleting an alias"),
    transitionStage: refuse("a stage transition"),
  };
}

/** An AWS account with no SageMaker models, endpoints, alarms or scaling, for `steward plan --offline`. */
export function emptySageMakerAws(): SageMakerAws {
  return {
    sagemaker: {
      describeEndpoint: async () => undefined,
      describeEndpointConfig: async () => undefined,
      modelExists: async () => false,
      listEndpointConfigs: async () => [],
      listModels: async () => [],
      createModel: refuse("creating a model"),
      createEndpointConfig: refuse("creating an endpoint config"),
      createEndpoint: refuse("creating an endpoint"),
      updateEndpoint: refuse("updating an endpoint"),
      updateWeightsAndCapacities: refuse("changing weights"),
      deleteEndpoint: refuse("deleting an endpoint"),
      listTags: async () => ({}),
      addTags: refuse("tagging an endpoint"),
    },
    alarms: { describeAlarms: async () => [], listAlarms: async () => [], alarmTags: async () => ({}), putAlarm: refuse("creating an alarm"), deleteAlarms: refuse("deleting an alarm") },
    scaling: {
      describe: async () => ({ targets: [], policies: [] }),
      registerScalableTarget: refuse("registering a scalable target"),
      putScalingPolicy: refuse("creating a scaling policy"),
      deregisterScalableTarget: refuse("deregistering a scalable target"),
    },
  };
}

/** An AWS account without CloudWatch dashboards or alarms, for `steward plan --offline`. */
export function emptyDashboardStore(): DashboardStore {
  return {
    region: async () => "<region of apply>",
    list: async () => [],
    get: async () => undefined,
    put: refuse("creating a dashboard"),
    delete: refuse("deleting a dashboard"),
    alarmArns: async () => new Map(),
  };
}
