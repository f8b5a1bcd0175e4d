// Which link targets may be offered to the person at all. Anything else is shown as text.
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * True for an absolute http, https or mailto URL. Relative paths, `javascript:`, `data:`,
 * `vbscript:`, `file:` and anything the URL parser rejects are refused. Control characters and
 * whitespace are refused too: browsers strip them from schemes (`java\tscript:`), so a string
 * holding them is never what it looks like.
 */
export function isSafeLink(url: string): boolean {
  if (url.length === 0 || url.length > 4096) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u00a0\u2028\u2029]/.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return false;
  // The scheme as written must be the scheme parsed: no tricks the parser normalises away.
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  if (scheme !== parsed.protocol) return false;
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0;
  return parsed.hostname.length > 0;
}

/**
 * The URL as the link will carry it (normalised and percent-encoded by the URL parser, so it
 * holds no quotes or angle brackets), or null when it is not a safe link.
 */
export function safeLinkTarget(url: string): string | null {
  if (!isSafeLink(url)) return null;
  const href = new URL(url).href;
  return isSafeLink(href) ? href : null;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
