/** Monitor observation: what GitHub currently shows for the incidents and branches a decision needs. */
import { incidentMarker, readMarkers } from "../core/github-conventions.js";
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
  // Every open incident issue, listed by the bot's label: the state that drives retries and duplicate
  // clean-up is what GitHub shows, not what a previous run managed to write down.
  const open: NonNullable<Observed["openIncidents"]> = new Map();
  for (const i of await scm.listIssues("open")) {
    for (const m of readMarkers(i.body)) {
      const parts = m.split(":");
      if (parts[0] !== "incident" || parts.length !== 3) continue;
      const key = `${decodeURIComponent(parts[1]!)}/${decodeURIComponent(parts[2]!)}`;
      open.set(key, [...(open.get(key) ?? []), { number: i.number, url: i.url, ...(i.createdAt ? { createdAt: +i.createdAt } : {}), ...(i.updatedAt ? { updatedAt: +i.updatedAt } : {}) }]);
    }
  }
  for (const list of open.values()) list.sort((a, b) => a.number - b.number);
  observed.openIncidents = open;
  const tasks = [
    ...needed.issueKeys.map((key) => async () => {
      // the oldest open issue with the marker is the incident's (newer ones are duplicates)
      const oldest = open.get(key)?.[0];
      const i = oldest ? undefined : await scm.findIssue(incidentMarker(key));
      if (oldest) observed.issues.set(key, { number: oldest.number, state: "open", title: "", ...(oldest.createdAt !== undefined ? { createdAt: oldest.createdAt } : {}) });
      else if (i) observed.issues.set(key, { number: i.number, state: i.state, title: i.title, ...(i.closedAt ? { closedAt: +i.closedAt } : {}), ...(i.createdAt ? { createdAt: +i.createdAt } : {}) });
    }),
    ...needed.branches.map((branch) => async () => {
      const p = await scm.findPullRequest(branch);
      const closedAt = p?.mergedAt ?? p?.closedAt;
      if (p) observed.pulls.set(branch, { number: p.number, state: p.state, merged: p.merged, url: p.url, title: p.title, ...(p.labels ? { labels: p.labels } : {}), ...(closedAt ? { closedAt: +closedAt } : {}), ...(p.createdAt ? { createdAt: +p.createdAt } : {}) });
    }),
  ];
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
    while (next < tasks.length) await tasks[next++]!();
  }));
  return observed;
}
