// `allowed_hosts` under limited networking. Current docs: "bare hostnames or wildcard patterns
// (such as `*.example.com`). Do not include a URL scheme, port, or path." (The launch docs wanted
// an https:// prefix; the current wording wins.)

const LABEL = /^[\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** Why `entry` is not an acceptable allowed host, or null. */
export function hostProblem(entry: string): string | null {
  const text = entry.trim();
  if (text.length > 253) return 'At most 253 characters.';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return 'Leave out the scheme (https://).';
  if (text.includes('/')) return 'Leave out the path; give the host only.';
  if (/:\d*$/.test(text)) return 'Leave out the port.';
  const host = text.startsWith('*.') ? text.slice(2) : text;
  if (host.includes('*')) return 'A wildcard goes only at the start, as in *.example.com.';
  if (!host.split('.').every((label) => LABEL.test(label))) return 'Not a valid host name.';
  return null;
}
