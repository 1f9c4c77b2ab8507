/** Names and values as the schemas accept them, for what import reads from live services. Pure. */

const MODEL_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const VERSION_LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const RUN_ID = /^[0-9a-f]{32}$/;
const COMMIT = /^[0-9a-f]{7,40}$/;
const OWNER = /^@?[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/;
// The mlflowTags key pattern of schemas/common.schema.json.
const TAG_KEY = /^(?!steward\.)(?!\/)(?!.*\/\/)(?!.*\/$)(?!(.*\/)?\.\.?(\/|$))[\p{L}\p{N}_./:\- ]{1,250}$/u;
const ARTIFACT_PATH = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\\\u0000-\u001f]{1,500}$/;

export const isModelName = (s: string) => MODEL_NAME.test(s);
export const isVersionLabel = (s: string) => VERSION_LABEL.test(s);
export const isRunId = (s: string) => RUN_ID.test(s);
export const isCommit = (s: string) => COMMIT.test(s);
export const isOwner = (s: string) => OWNER.test(s);
export const isArtifactPath = (s: string) => ARTIFACT_PATH.test(s);

/** A tag the schema lets a model or version carry (`tags`): key pattern and value length. */
export const isCopyableTag = (key: string, value: string) => TAG_KEY.test(key) && value.length <= 256;

/**
 * The repository's name for a registered model: lower-case letters, digits and dashes (Unity
 * Catalog's `catalog.schema.model` becomes `catalog-schema-model`); undefined when nothing is left.
 */
export function modelNameFor(registered: string): string | undefined {
  const name = registered.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63).replace(/-+$/, "");
  return isModelName(name) ? name : undefined;
}
