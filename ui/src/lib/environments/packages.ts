// Package entries per manager, in each manager's own pinning syntax. The reference's examples are
// `pandas==2.2.0` (pip), `express@4.18.0` (npm), `rails:7.1.0` (gem), `ripgrep@14.0.0` (cargo) and
// `golang.org/x/tools/cmd/goimports@latest` (go); apt follows Debian's `name=version`. An entry
// without a version installs the latest.

export const PACKAGE_MANAGERS = ['apt', 'cargo', 'gem', 'go', 'npm', 'pip'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

export const PACKAGE_EXAMPLES: Record<PackageManager, string> = {
  apt: 'ripgrep=14.1.0-1',
  cargo: 'ripgrep@14.0.0',
  gem: 'rails:7.1.0',
  go: 'golang.org/x/tools/cmd/goimports@latest',
  npm: 'express@4.18.0',
  pip: 'pandas==2.2.0',
};

const SEMVER = String.raw`\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?`;
const PIP_OP = String.raw`(===|==|!=|<=|>=|~=|<|>)\s*[A-Za-z0-9.*+!_-]+`;

const SYNTAX: Record<PackageManager, RegExp> = {
  apt: /^[a-z0-9][a-z0-9+.-]+(=[0-9][A-Za-z0-9.+~:-]*)?$/,
  cargo: new RegExp(String.raw`^[A-Za-z][A-Za-z0-9_-]{0,63}(@[=^~]?${SEMVER})?$`),
  gem: /^[A-Za-z0-9][A-Za-z0-9._-]*(:\d+(\.[0-9A-Za-z]+)*)?$/,
  go: new RegExp(
    String.raw`^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+(\/[A-Za-z0-9._~+-]+)*(@(latest|v${SEMVER}|[0-9a-f]{7,40}))?$`,
  ),
  npm: /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*(@[0-9A-Za-z.^~<>=*|+-]+)?$/,
  pip: new RegExp(
    String.raw`^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?(\[[A-Za-z0-9._,-]+\])?\s*(${PIP_OP}(\s*,\s*${PIP_OP})*)?$`,
  ),
};

/** What someone used to another manager most likely typed, with the fix for this one. */
function hint(manager: PackageManager, entry: string): string | null {
  const example = PACKAGE_EXAMPLES[manager];
  switch (manager) {
    case 'pip':
      if (/^[^=<>~!]+@/.test(entry) || /^[^=]+:\d/.test(entry))
        return `pip pins with ==, e.g. ${example}.`;
      if (/^[^=<>~!]+=[^=]/.test(entry))
        return `pip pins with == (two equals signs), e.g. ${example}.`;
      return null;
    case 'npm':
      if (/[=:]/.test(entry.replace(/@.*$/, ''))) return `npm pins with @, e.g. ${example}.`;
      if (/[A-Z]/.test(entry.replace(/@[^/]*$/, ''))) return 'npm package names are lowercase.';
      return null;
    case 'cargo':
      if (/[=:]/.test(entry.split('@')[0] ?? '')) return `cargo pins with @, e.g. ${example}.`;
      return null;
    case 'gem':
      if (/[@=]/.test(entry)) return `gem pins with a colon, e.g. ${example}.`;
      return null;
    case 'go':
      if (/@\d/.test(entry)) return 'Go versions start with v, e.g. @v1.2.3.';
      if (!/^[^/@]*\./.test(entry))
        return `A Go module path starts with a domain, e.g. ${example}.`;
      if (!entry.includes('@') && /[=:]/.test(entry)) return `go pins with @, e.g. ${example}.`;
      return null;
    case 'apt':
      if (entry.includes('==') || entry.includes('@'))
        return `apt pins with a single =, e.g. ${example}.`;
      if (/[A-Z]/.test(entry.split('=')[0] ?? '')) return 'apt package names are lowercase.';
      return null;
  }
}

/** Why `entry` is not a valid package for `manager`, or null. */
export function packageProblem(manager: PackageManager, entry: string): string | null {
  const text = entry.trim();
  if (/\s/.test(text.replace(/\s*(,|===|==|!=|<=|>=|~=|<|>)\s*/g, '$1')))
    return 'One package per row, without spaces.';
  if (SYNTAX[manager].test(text)) return null;
  return (
    hint(manager, text) ?? `Not valid for ${manager}; write it like ${PACKAGE_EXAMPLES[manager]}.`
  );
}
