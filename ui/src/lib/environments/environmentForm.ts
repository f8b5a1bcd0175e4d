// The environment form: name, description, metadata and the cloud config (networking and
// packages), with the conversions to and from the API's bodies. Self-hosted environments have
// nothing to configure here and are shown read-only.
import type {
  CreateEnvironmentRequest,
  Environment,
  EnvironmentConfig,
  UpdateEnvironmentRequest,
  Value,
} from '$lib/ipc/bindings';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import {
  asArray,
  asBoolean,
  asString,
  extraKeys,
  field,
  isObject,
  typeOf,
  type JsonObject,
} from '$lib/forms/json';
import {
  metadataObject,
  metadataPatch,
  metadataRows,
  validateMetadata,
  type MetadataRow,
} from '$lib/forms/metadata';
import { hostProblem } from './hosts';
import { PACKAGE_MANAGERS, packageProblem, type PackageManager } from './packages';

export type NetworkingMode = 'unrestricted' | 'limited';

export interface NetworkingForm {
  mode: NetworkingMode;
  allowedHosts: string[];
  allowMcpServers: boolean;
  allowPackageManagers: boolean;
}

export interface EnvironmentFormState {
  name: string;
  description: string;
  metadata: MetadataRow[];
  configType: 'cloud' | 'self_hosted';
  networking: NetworkingForm;
  packages: Record<PackageManager, string[]>;
  /** `organization` or `account`; empty leaves it to the API. Not shown, but kept. */
  scope: string;
  /** Keys of `config` and of `networking` this app does not know, sent back unchanged. */
  configExtra: JsonObject;
  networkingExtra: JsonObject;
}

function emptyPackages(): Record<PackageManager, string[]> {
  return { apt: [], cargo: [], gem: [], go: [], npm: [], pip: [] };
}

/** A new environment: cloud, with the API's default of unrestricted networking. */
export function emptyEnvironmentForm(): EnvironmentFormState {
  return {
    name: '',
    description: '',
    metadata: [],
    configType: 'cloud',
    networking: {
      mode: 'unrestricted',
      allowedHosts: [],
      allowMcpServers: false,
      allowPackageManagers: false,
    },
    packages: emptyPackages(),
    scope: '',
    configExtra: {},
    networkingExtra: {},
  };
}

/** The form of any environment-shaped JSON: a response, or a create body from a file. */
export function environmentFormFromJson(env: JsonObject): EnvironmentFormState {
  const form = emptyEnvironmentForm();
  form.name = asString(env.name) ?? '';
  form.description = asString(env.description) ?? '';
  const metadata: Record<string, string> = {};
  if (isObject(env.metadata))
    for (const [key, value] of Object.entries(env.metadata))
      metadata[key] = typeof value === 'string' ? value : JSON.stringify(value);
  form.metadata = metadataRows(metadata);
  form.scope = asString(env.scope) ?? '';
  const config = env.config;
  if (typeOf(config) === 'self_hosted') return { ...form, configType: 'self_hosted' };
  form.configExtra = extraKeys(config, ['type', 'networking', 'packages']);
  const networking = field(config, 'networking');
  form.networkingExtra = extraKeys(networking, [
    'type',
    'allowed_hosts',
    'allow_mcp_servers',
    'allow_package_managers',
  ]);
  if (typeOf(networking) === 'limited') {
    form.networking = {
      mode: 'limited',
      allowedHosts: asArray(field(networking, 'allowed_hosts')).map(String),
      allowMcpServers: asBoolean(field(networking, 'allow_mcp_servers')) ?? false,
      allowPackageManagers: asBoolean(field(networking, 'allow_package_managers')) ?? false,
    };
  }
  const packages = field(config, 'packages');
  for (const manager of PACKAGE_MANAGERS)
    form.packages[manager] = asArray(field(packages, manager)).map(String);
  return form;
}

export function environmentFormFromEnvironment(env: Environment): EnvironmentFormState {
  return environmentFormFromJson(env);
}

function filled(rows: readonly string[]): string[] {
  return rows.map((r) => r.trim()).filter((r) => r !== '');
}

function networkingToWire(form: NetworkingForm, extra: JsonObject): Value {
  if (form.mode === 'unrestricted') return { type: 'unrestricted', ...extra };
  return {
    type: 'limited',
    ...extra,
    allowed_hosts: filled(form.allowedHosts),
    allow_mcp_servers: form.allowMcpServers,
    allow_package_managers: form.allowPackageManagers,
  };
}

/**
 * `all` lists every manager: on update, whether a manager left out is kept or cleared is not
 * documented, so an update says each list outright. A create lists only the ones in use.
 */
function configToWire(form: EnvironmentFormState, all: boolean): EnvironmentConfig {
  if (form.configType === 'self_hosted') return { type: 'self_hosted' };
  const packages: JsonObject = {};
  for (const manager of PACKAGE_MANAGERS) {
    const rows = filled(form.packages[manager]);
    if (all || rows.length > 0) packages[manager] = rows;
  }
  const config: JsonObject = {
    type: 'cloud',
    ...form.configExtra,
    networking: networkingToWire(form.networking, form.networkingExtra),
  };
  if (Object.keys(packages).length > 0) config.packages = { type: 'packages', ...packages };
  return config;
}

/** The body of `POST /v1/environments`. Call only on a form {@link validateEnvironmentForm} accepts. */
export function environmentRequestFromForm(form: EnvironmentFormState): CreateEnvironmentRequest {
  const request: CreateEnvironmentRequest = {
    name: form.name.trim(),
    config: configToWire(form, false),
  };
  if (form.description !== '') request.description = form.description;
  const metadata = metadataObject(form.metadata);
  if (Object.keys(metadata).length > 0) request.metadata = metadata;
  if (form.scope !== '') request.scope = form.scope;
  return request;
}

/**
 * The body of `POST /v1/environments/{id}` that makes `stored` what the form shows. Metadata is a
 * patch, so keys the user removed go as `null`. Environments are not versioned: there is no
 * concurrency guard, and the change applies to new sessions only.
 */
export function environmentUpdateFromForm(
  form: EnvironmentFormState,
  stored: Environment,
): UpdateEnvironmentRequest {
  const update: UpdateEnvironmentRequest = {
    name: form.name.trim(),
    description: form.description === '' ? null : form.description,
    config: configToWire(form, true),
    metadata: metadataPatch(form.metadata, stored.metadata),
  };
  if (form.scope !== '' && form.scope !== (stored.scope ?? '')) update.scope = form.scope;
  return update;
}

export function validateEnvironmentForm(form: EnvironmentFormState): FieldErrors {
  const errors: FieldErrors = {};
  if (form.name.trim() === '') errors.name = 'Enter a name.';
  validateMetadata(form.metadata, errors);
  if (form.configType === 'self_hosted') return errors;
  if (form.networking.mode === 'limited') {
    const seen = new Set<string>();
    form.networking.allowedHosts.forEach((row, i) => {
      const host = row.trim().toLowerCase();
      if (host === '') return;
      const problem = hostProblem(row) ?? (seen.has(host) ? 'Listed twice.' : null);
      if (problem) errors[`networking.allowedHosts.${i}`] = problem;
      seen.add(host);
    });
  }
  for (const manager of PACKAGE_MANAGERS) {
    const seen = new Set<string>();
    form.packages[manager].forEach((row, i) => {
      const entry = row.trim();
      if (entry === '') return;
      const problem = packageProblem(manager, entry) ?? (seen.has(entry) ? 'Listed twice.' : null);
      if (problem) errors[`packages.${manager}.${i}`] = problem;
      seen.add(entry);
    });
  }
  return errors;
}

/** Things worth saying that do not block sending. */
export function environmentFormWarnings(form: EnvironmentFormState): FieldErrors {
  const warnings: FieldErrors = {};
  if (form.configType !== 'cloud' || form.networking.mode !== 'limited') return warnings;
  const hasPackages = PACKAGE_MANAGERS.some((m) => filled(form.packages[m]).length > 0);
  if (hasPackages && !form.networking.allowPackageManagers)
    warnings['networking.allowPackageManagers'] =
      'Packages need package managers allowed under limited networking; the API refuses them otherwise, even when the registries are in the allowed hosts.';
  return warnings;
}

/** Why the app cannot edit `env`, or null when it can. */
export function readOnlyReason(env: Environment): string | null {
  const type = typeOf(env.config);
  if (type === 'self_hosted')
    return 'Self-hosted: your own worker runs the sandbox, so there is no networking or packages to set here.';
  if (type !== 'cloud')
    return `This environment's config type (${type ?? 'unknown'}) is newer than this app.`;
  if (env.archived_at) return 'Archived environments are read-only.';
  return null;
}

export function isReadOnly(env: Environment): boolean {
  return readOnlyReason(env) !== null;
}

export type { UpdateEnvironmentRequest };
