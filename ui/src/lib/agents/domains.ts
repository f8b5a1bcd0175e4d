// The web tools' domain lists. The rules are the API's documented ones: plain hostnames (a
// domain also covers its subdomains), no scheme, port, wildcard or IP, no bare TLD, no
// localhost or .local; only web_search accepts a path suffix.

export const DOMAIN_LIST_MAX = 64;
export const DOMAIN_MAX_LENGTH = 255;

const LABEL = /^[\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** Why `entry` is not an acceptable domain, or null if it is. */
export function domainProblem(entry: string, allowPath: boolean): string | null {
  const text = entry.trim();
  if (text.length > DOMAIN_MAX_LENGTH) return `At most ${DOMAIN_MAX_LENGTH} characters.`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return 'Leave out the scheme (https://).';
  if (text.includes('*'))
    return 'No wildcards: a domain already covers its subdomains (example.com covers docs.example.com).';
  const slash = text.indexOf('/');
  const host = slash === -1 ? text : text.slice(0, slash);
  if (slash !== -1 && !allowPath) return 'Only web search takes a path; give the bare domain.';
  if (/^\[|^[\d.]+$/.test(host) || (host.match(/:/g)?.length ?? 0) > 1)
    return 'IP addresses are not allowed; use a domain name.';
  if (host.includes(':')) return 'Leave out the port.';
  const lower = host.toLowerCase().replace(/\.$/, '');
  if (
    lower === 'localhost' ||
    lower === 'local' ||
    lower.endsWith('.local') ||
    lower.endsWith('.localhost')
  )
    return 'localhost and .local names are not allowed.';
  if (!lower.includes('.'))
    return 'A bare top-level domain is not allowed; use a name like example.com.';
  if (!lower.split('.').every((label) => LABEL.test(label))) return 'Not a valid domain name.';
  return null;
}
