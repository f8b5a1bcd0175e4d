// Import an agent or an environment from a JSON or YAML file into form state, and export form
// state as the create body the API takes, so an exported file also works with curl or an SDK.
import { parseDocument, stringify } from 'yaml';
import type { Value } from '$lib/ipc/bindings';
import {
  agentFormFromJson,
  agentRequestFromForm,
  type AgentFormState,
} from '$lib/agents/agentForm';
import {
  environmentFormFromJson,
  environmentRequestFromForm,
  type EnvironmentFormState,
} from '$lib/environments/environmentForm';
import { isObject, type JsonObject } from '$lib/forms/json';
import { parseJson, type ParseError } from '$lib/forms/parseError';

export type FileFormat = 'json' | 'yaml';

export type ImportResult<T> =
  | {
      ok: true;
      form: T;
      /** Top-level fields the form does not know and did not keep, to tell the user. */
      ignored: string[];
    }
  | { ok: false; error: ParseError };

export function formatFromFileName(fileName: string): FileFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return null;
}

/** JSON when it looks like JSON, so its errors come from the JSON parser; YAML otherwise. */
function detect(text: string): FileFormat {
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

function parseText(
  text: string,
  format: FileFormat,
): { ok: true; value: unknown } | { ok: false; error: ParseError } {
  if (text.trim() === '') return { ok: false, error: { message: 'The file is empty.' } };
  if (format === 'json') return parseJson(text);
  const doc = parseDocument(text);
  const first = doc.errors[0];
  if (first) {
    // The library appends "at line L, column C:" and an excerpt; the UI shows its own.
    const message = first.message.split(/ at line \d+, column \d+/)[0] ?? first.message;
    const at = first.linePos?.[0];
    return { ok: false, error: { message, ...(at ? { line: at.line, column: at.col } : {}) } };
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
}

type Shape = 'text' | 'text-or-null' | 'list' | 'object' | 'object-or-null' | 'model';

/** The fields each resource may have, with the JSON type each must be; the rest is ignored. */
const AGENT_FIELDS: Record<string, Shape> = {
  name: 'text',
  description: 'text-or-null',
  system: 'text-or-null',
  model: 'model',
  tools: 'list',
  mcp_servers: 'list',
  skills: 'list',
  metadata: 'object',
  multiagent: 'object-or-null',
  execution_identity: 'object-or-null',
};
const ENVIRONMENT_FIELDS: Record<string, Shape> = {
  name: 'text',
  description: 'text-or-null',
  config: 'object',
  metadata: 'object',
  scope: 'text-or-null',
};
/** Response-only fields: expected in an exported response, quietly dropped. */
const SERVER_FIELDS = ['id', 'type', 'version', 'created_at', 'updated_at', 'archived_at'];

const SHAPE_NAMES: Record<Shape, string> = {
  text: 'text',
  'text-or-null': 'text',
  list: 'a list',
  object: 'a mapping of keys to values',
  'object-or-null': 'a mapping of keys to values',
  model: 'a model id or {id, …}',
};

function fits(value: Value, shape: Shape): boolean {
  switch (shape) {
    case 'text':
      return typeof value === 'string';
    case 'text-or-null':
      return value === null || typeof value === 'string';
    case 'list':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    case 'object-or-null':
      return value === null || isObject(value);
    case 'model':
      return typeof value === 'string' || isObject(value);
  }
}

function importAs<T>(
  text: string,
  format: FileFormat | undefined,
  kind: 'agent' | 'environment',
  fields: Record<string, Shape>,
  toForm: (value: JsonObject) => T,
): ImportResult<T> {
  const parsed = parseText(text, format ?? detect(text));
  if (!parsed.ok) return parsed;
  const value = parsed.value as Value;
  if (!isObject(value))
    return {
      ok: false,
      error: {
        message: `Expected one ${kind} (a mapping with name, …), not ${Array.isArray(value) ? 'a list' : 'a single value'}.`,
      },
    };
  if (typeof value.type === 'string' && value.type !== kind)
    return {
      ok: false,
      error: { message: `This file holds an object of type "${value.type}", not an ${kind}.` },
    };
  const ignored: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    const shape = fields[key];
    if (shape === undefined) {
      if (!SERVER_FIELDS.includes(key)) ignored.push(key);
    } else if (!fits(field, shape)) {
      return { ok: false, error: { message: `"${key}" should be ${SHAPE_NAMES[shape]}.` } };
    }
  }
  return { ok: true, form: toForm(value), ignored };
}

/** An agent from a file: an exported create body, or an agent as the API returns it. */
export function importAgent(text: string, format?: FileFormat): ImportResult<AgentFormState> {
  return importAs(text, format, 'agent', AGENT_FIELDS, agentFormFromJson);
}

export function importEnvironment(
  text: string,
  format?: FileFormat,
): ImportResult<EnvironmentFormState> {
  return importAs(text, format, 'environment', ENVIRONMENT_FIELDS, environmentFormFromJson);
}

function serialize(body: unknown, format: FileFormat): string {
  return format === 'json'
    ? `${JSON.stringify(body, null, 2)}\n`
    : stringify(body, { lineWidth: 0 });
}

/** The create body of a valid form, as file text. */
export function exportAgent(form: AgentFormState, format: FileFormat): string {
  return serialize(agentRequestFromForm(form), format);
}

export function exportEnvironment(form: EnvironmentFormState, format: FileFormat): string {
  return serialize(environmentRequestFromForm(form), format);
}

/** A file name from the resource's name: `Release notes writer` → `release-notes-writer.agent.yaml`. */
export function exportFileName(
  name: string,
  kind: 'agent' | 'environment',
  format: FileFormat,
): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || kind}.${kind}.${format}`;
}
