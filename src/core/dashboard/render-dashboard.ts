import { renderAuditPage } from "./render-audit-page.js";
import { renderIndex } from "./render-index.js";
import { renderModelPage } from "./render-model-page.js";
import type { DashboardView } from "./types.js";

/** A page of the site: its path relative to the output folder, and its HTML. */
export interface SiteFile {
  path: string;
  html: string;
}

/** Every page of the dashboard: index.html, then models/<slug>.html per model, in model order, then audit.html when the view has the trail. */
export function renderDashboard(view: DashboardView): SiteFile[] {
  return [
    { path: "index.html", html: renderIndex(view) },
    ...view.models.map((m) => ({ path: `models/${m.slug}.html`, html: renderModelPage(m, view) })),
    ...(view.audit ? [{ path: "audit.html", html: renderAuditPage(view) }] : []),
  ];
}
