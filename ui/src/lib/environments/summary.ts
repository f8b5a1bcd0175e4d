// One-line descriptions of an environment for the list.
import type { Environment } from '$lib/ipc/bindings';
import { asArray, field, typeOf } from '$lib/forms/json';
import { PACKAGE_MANAGERS } from './packages';

export function configLabel(env: Environment): string {
  const type = typeOf(env.config);
  if (type === 'self_hosted') return 'Self-hosted';
  if (type !== 'cloud') return type ?? 'Unknown';
  return typeOf(field(env.config, 'networking')) === 'limited'
    ? 'Cloud · limited network'
    : 'Cloud · unrestricted network';
}

export function packagesSummary(env: Environment): string {
  const packages = field(env.config, 'packages');
  const count = PACKAGE_MANAGERS.reduce((n, m) => n + asArray(field(packages, m)).length, 0);
  return count === 0 ? 'No packages' : count === 1 ? '1 package' : `${count} packages`;
}
