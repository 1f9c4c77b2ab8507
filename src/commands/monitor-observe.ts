/** Monitor observation: what GitHub currently shows for the incidents and branches a decision needs. */
import { incidentMarker } from "../core/github-conventions.js";
import type { Observed } from "../core/monitor/types.js";
import type { Scm } from "../ports.js";

/**
 * Looks up the incident issue of each key and the pull request of each branch, at most `concurrency`
 * reads in flight. Keys and branches with nothing found are absent from the maps; without `scm` both
 * maps are empty. Errors from `scm` are not caught (they reject the returned promise).
 */
export async function observe(scm: Scm | undefined, needed: { issueKeys: string[]; branches: string[] }, concurrency: number): Promise<Observed> {
  const observed: Observed = { issues: new Map(), pulls: new Map() };
  if (!scm) return observed;
  const tasks = [
    ...needed.issueKeys.map((key) => async () => {
      const i = await scm.findIssue(incidentMarker(key));
      if (i) observed.issues.set(key, { number: i.number, state: i.state, title: i.title, ...(i.closedAt ? { closedAt: +i.closedAt } : {}) });
    }),
    ...needed.branches.map((branch) => async () => {
      const p = await scm.findPullRequest(branch);
      const closedAt = p?.mergedAt ?? p?.closedAt;
      if (p) observed.pulls.set(branch, { number: p.number, state: p.state, merged: p.merged, url: p.url, ...(closedAt ? { closedAt: +closedAt } : {}) });
    }),
  ];
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
    while (next < tasks.length) await tasks[next++]!();
  }));
  return observed;
}
