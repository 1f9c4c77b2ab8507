/**
 * What `steward import` builds before it renders YAML: one draft per model and per version, plus
 * what it could not map. Plain data; the mapping modules fill it, render-import-yaml.ts writes it.
 */
import type { DvcRef, SageMakerDeployment } from "../types.js";

/** One version file to write. */
export interface VersionDraftOut {
  model: string;
  version: string;
  archived: boolean;
  mlflow?: { runId: string; modelVersion: string; artifactPath?: string };
  artifact?: Extract<DvcRef, { kind: "inline" }>;
  image?: string;
  environment: Record<string, string>;
  tags: Record<string, string>;
  lineage: { commit?: string };
  notes?: string;
}

/** The SageMaker block of model.yaml, as import found it (schema defaults left out). */
export type DeploymentDraft = Pick<
  SageMakerDeployment,
  | "endpoint" | "stage" | "executionRoleArn" | "environment" | "instanceType" | "instanceCount" | "autoscaling" | "dataCapture"
  | "vpc" | "kms" | "volumeSizeGB" | "modelDataDownloadTimeoutSeconds" | "containerStartupHealthCheckTimeoutSeconds" | "serverless" | "asyncInference"
> & {
  rollout?: { strategy: "all-at-once"; waitMinutes?: number; bakeMinutes?: number } | { strategy: "canary"; canaryPercent: number; waitMinutes?: number; bakeMinutes?: number } | { strategy: "linear"; stepPercent: number; waitMinutes?: number; bakeMinutes?: number };
  rollbackAlarms?: string[];
};

/** One model file to write. `placeholders` names the fields filled with starter values (not in the live state). */
export interface ModelDraft {
  name: string;
  description: string;
  owners: string[];
  task: string;
  policy: string;
  tags: Record<string, string>;
  registry?: { mlflow: { name: string; aliases: Record<string, string>; legacyStages: boolean; /** Written as `aliases: false`. */ noAliases?: true } };
  /** Stage -> variants (one of weight 100, or a split). */
  stages: Record<string, { version: string; weight: number }[]>;
  deployment?: { sagemaker: DeploymentDraft };
  placeholders: string[];
}

/** Something in the live state import did not write, and why (never guessed). */
export interface Unmapped {
  /** e.g. `models:/churn/4`, `endpoint/churn-prod`. */
  resource: string;
  reason: string;
}

/** The mapping of one source for one model: what it says, what it left out, and notes for a person. */
export interface MappedModel {
  model: ModelDraft;
  versions: VersionDraftOut[];
  unmapped: Unmapped[];
  notes: string[];
}

/** Values init's starter layout uses, for the model fields no registry holds (listed as placeholders). */
export const STARTER = {
  owners: ["@your-org/your-team"],
  task: "unspecified",
  policy: "default",
} as const;
