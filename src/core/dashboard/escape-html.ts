/**
 * Escaping for text that comes from YAML, git or reports and ends up in HTML. Every string the
 * dashboard did not write itself goes through one of these before it is put in a page.
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text content or a quoted attribute value: `& < > " '` become entities. */
/**
 * A word from data used inside a class name (`h-${token}`): only letters, digits and `-` survive, so
 * a value outside the expected set can change neither the attribute nor the markup.
 */
export function cssToken(value: string | number): string {
  return String(value).replace(/[^A-Za-z0-9-]/g, "");
}

export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * A URL for an href: only http(s) URLs and relative paths of safe characters are kept (escaped);
 * anything else (javascript:, data:, …) gives undefined, and the caller renders plain text.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (/^https?:\/\/[^\s"'<>`]+$/i.test(url)) return escapeHtml(url);
  // A relative path; "//host/…" would leave the site.
  if (/^[\w./#-]+$/.test(url) && !url.startsWith("//")) return escapeHtml(url);
  return undefined;
}

/** A file name for a model's page: characters outside `[A-Za-z0-9._-]` become `_`, and a leading dot too. */
export function pageSlug(name: string): string {
  const s = name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\./, "_");
  return s === "" ? "_" : s;
}
