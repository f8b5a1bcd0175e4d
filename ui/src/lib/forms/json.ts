// Narrowing helpers for the generated `Value` type: the bindings keep open shapes (tool configs,
// networking, multiagent) as raw JSON, and form code reads them field by field.
import type { Value } from '$lib/ipc/bindings';

export type JsonObject = { [key: string]: Value };

export function isObject(value: Value | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` when `value` is an object, else `undefined`. */
export function field(value: Value | undefined, key: string): Value | undefined {
  return isObject(value) ? value[key] : undefined;
}

export function asString(value: Value | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asBoolean(value: Value | undefined): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function asArray(value: Value | undefined): Value[] {
  return Array.isArray(value) ? value : [];
}

/** The `type` of `{type: …}`, or the value itself when a request used the bare-string shorthand. */
export function typeOf(value: Value | undefined): string | undefined {
  return asString(value) ?? asString(field(value, 'type'));
}

/** The keys of `value` other than `known`, kept so an edit does not drop what the form hides. */
export function extraKeys(value: Value | undefined, known: readonly string[]): JsonObject {
  const extra: JsonObject = {};
  if (!isObject(value)) return extra;
  for (const [key, v] of Object.entries(value)) if (!known.includes(key)) extra[key] = v;
  return extra;
}

/** Length in characters as the API counts them (code points), not UTF-16 units. */
export function charCount(text: string): number {
  return Array.from(text).length;
}
