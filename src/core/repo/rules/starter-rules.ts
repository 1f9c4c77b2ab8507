import { STARTER } from "../../import/import-types.js";
import { warning, type Rule } from "./context.js";

/** init's starter namespace for the example metric (src/core/init/starter-layout.ts). */
const STARTER_NAMESPACE = "YourOrg/ModelQuality";
/** The starter descriptions of init ("What M predicts, and for whom.") and import ("Imported from …: say what it predicts, and for whom."). */
const STARTER_DESCRIPTION = /(^What .+ predicts, and for whom\.$)|(: say what it predicts, and for whom\.$)/;

/**
 * Values `steward init` and `steward import` write for a person to replace, left as they are: a
 * warning at each line (validate still passes), because apply would write them to MLflow, the
 * monitor would mention a team that does not exist and read a namespace nothing publishes, and the
 * card would show them.
 */
export const starterValuesReplaced: Rule = ({ state }) =>
  state.models.flatMap((m) => {
    const out = [];
    const said = "a starter value of `steward init`/`steward import`: write the real one";
    if (STARTER_DESCRIPTION.test(m.description ?? "")) out.push(warning(m.file, "starter-value", "/description", `description is ${said} (apply writes it to MLflow, and the model card shows it)`));
    const i = m.owners.findIndex((o) => (STARTER.owners as readonly string[]).includes(o));
    if (i >= 0) out.push(warning(m.file, "starter-value", `/owners/${i}`, `owner "${m.owners[i]}" is ${said} (it is mentioned and assigned in the monitor's issues, and written to CODEOWNERS)`));
    if (m.task === STARTER.task) out.push(warning(m.file, "starter-value", "/task", `task "${m.task}" is ${said}`));
    for (const [name, q] of Object.entries(m.monitoring?.metrics ?? {})) {
      if (q.namespace === STARTER_NAMESPACE) out.push(warning(m.file, "starter-value", `/monitoring/metrics/${name}/namespace`, `metric "${name}" reads namespace ${STARTER_NAMESPACE}, ${said} (the namespace your model publishes ${name} to; the monitor finds no data otherwise)`));
    }
    return out;
  });
