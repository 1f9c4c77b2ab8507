import { editStage } from "../registry-edit/edit-stage.js";
import { editYaml } from "../text/yaml-edit.js";
import type { ModelEdit } from "./types.js";

/**
 * Applies `edit` to the text of a model.yaml and returns the new text, changing only the bytes of
 * the values it sets (src/core/text/yaml-edit.ts; a stage through editStage): comments, key order,
 * flow/block style, spacing and quoting stay byte for byte, and a replaced scalar keeps its quote
 * style. Throws UserError when the text does not parse, or when the edit cannot be made in place.
 */
export function applyModelEdit(text: string, edit: ModelEdit): string {
  if (edit.kind === "set-stage") return editStage(text, edit.stage, edit.variants);
  const sets = [{ path: ["deployment", "sagemaker", "instanceCount"], value: edit.instanceCount }];
  if (edit.autoscaling) {
    sets.push({ path: ["deployment", "sagemaker", "autoscaling", "min"], value: edit.autoscaling.min });
    sets.push({ path: ["deployment", "sagemaker", "autoscaling", "max"], value: edit.autoscaling.max });
  }
  return editYaml(text, sets, "model file");
}
