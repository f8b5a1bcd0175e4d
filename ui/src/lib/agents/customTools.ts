// Custom tools: the client runs them, so their input schema is what the model fills in.
import type { Value } from '$lib/ipc/bindings';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import { asString, extraKeys, field, isObject, type JsonObject } from '$lib/forms/json';
import { describeParseError, parseJson } from '$lib/forms/parseError';

export const CUSTOM_TOOL_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export interface CustomToolForm {
  name: string;
  description: string;
  /** The input JSON Schema as the user types it. */
  inputSchema: string;
  extra: JsonObject;
}

export const STARTER_SCHEMA = '{\n  "type": "object",\n  "properties": {},\n  "required": []\n}';

export function emptyCustomTool(): CustomToolForm {
  return { name: '', description: '', inputSchema: STARTER_SCHEMA, extra: {} };
}

export function customToolFromWire(tool: Value): CustomToolForm {
  return {
    name: asString(field(tool, 'name')) ?? '',
    description: asString(field(tool, 'description')) ?? '',
    inputSchema: JSON.stringify(field(tool, 'input_schema') ?? {}, null, 2),
    extra: extraKeys(tool, ['type', 'name', 'description', 'input_schema']),
  };
}

/** The wire entry; call only on a validated form (the schema must parse). */
export function customToolToWire(form: CustomToolForm): Value {
  return {
    type: 'custom',
    ...form.extra,
    name: form.name.trim(),
    description: form.description,
    input_schema: JSON.parse(form.inputSchema) as Value,
  };
}

/** Why `text` is not a usable input schema, or null. Parse errors say where. */
export function schemaProblem(text: string): string | null {
  if (text.trim() === '') return 'Enter a JSON Schema, e.g. {"type": "object", "properties": {}}.';
  const parsed = parseJson(text);
  if (!parsed.ok) return describeParseError(parsed.error);
  const schema = parsed.value as Value;
  if (!isObject(schema)) return 'The schema must be a JSON object.';
  if (schema.type !== 'object') return 'The input schema needs "type": "object" at the top.';
  if ('properties' in schema && !isObject(schema.properties))
    return '"properties" must be an object mapping each input name to its schema.';
  const required = schema.required;
  if (
    required !== undefined &&
    !(Array.isArray(required) && required.every((r) => typeof r === 'string'))
  )
    return '"required" must be a list of property names.';
  return null;
}

/** Required names missing from `properties`: valid JSON Schema, but almost always a typo. */
export function schemaWarning(text: string): string | null {
  const parsed = parseJson(text);
  if (!parsed.ok || !isObject(parsed.value as Value)) return null;
  const schema = parsed.value as JsonObject;
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  const missing = required.filter((r): r is string => typeof r === 'string' && !(r in properties));
  return missing.length > 0
    ? `"required" names ${missing.map((m) => `"${m}"`).join(', ')}, not in "properties".`
    : null;
}

export function validateCustomTools(tools: readonly CustomToolForm[], errors: FieldErrors): void {
  const names = new Set<string>();
  tools.forEach((tool, i) => {
    const at = `customTools.${i}`;
    const name = tool.name.trim();
    if (name === '') errors[`${at}.name`] = 'Enter a name.';
    else if (!CUSTOM_TOOL_NAME.test(name))
      errors[`${at}.name`] =
        name.length > 128
          ? 'At most 128 characters.'
          : 'Only letters, digits, _ and - (no spaces).';
    else if (names.has(name))
      errors[`${at}.name`] = `Another custom tool is already named "${name}".`;
    names.add(name);
    if (tool.description.trim() === '')
      errors[`${at}.description`] =
        'Describe what the tool does and when to use it; the model reads this.';
    const schema = schemaProblem(tool.inputSchema);
    if (schema) errors[`${at}.inputSchema`] = schema;
  });
}
