// The agent's model: a known id or free text, with effort, speed and inference geography.
import type { ModelParam, Value } from '$lib/ipc/bindings';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import { asString, extraKeys, field, typeOf, type JsonObject } from '$lib/forms/json';

/** The ids the reference lists; the API takes any string, so the picker also has free text. */
export const KNOWN_MODELS = [
  'claude-fable-5-2',
  'claude-haiku-5-5',
  'claude-sonnet-5-5',
  'claude-opus-5-5',
  'claude-fable-5-1',
  'claude-sonnet-5',
  'claude-fable-5',
  'claude-opus-5',
  'claude-opus-4-8',
  'claude-opus-4-7',
  'claude-opus-4-6',
  'claude-sonnet-4-6',
  'claude-haiku-4-5',
  'claude-haiku-4-5-20251001',
  'claude-opus-4-5',
  'claude-opus-4-5-20251101',
  'claude-sonnet-4-5',
  'claude-sonnet-4-5-20250929',
] as const;
export const DEFAULT_MODEL = 'claude-opus-4-6';

export const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
export type Effort = (typeof EFFORTS)[number];
export const SPEEDS = ['standard', 'fast'] as const;
export type Speed = (typeof SPEEDS)[number];
export const INFERENCE_GEOS = ['us', 'global'] as const;

export interface ModelForm {
  /** One of {@link KNOWN_MODELS}, or empty when the user types an id in `custom`. */
  known: string;
  custom: string;
  /**
   * The level the user chose, or empty for none: the request then leaves `effort` out. Never
   * filled from a response (see {@link modelFromWire}); the reported level is only a hint.
   */
  effort: Effort | '';
  speed: Speed;
  /** Empty means no pin; the form keeps it because an update without it clears the pin. */
  inferenceGeo: string;
  extra: JsonObject;
}

export function emptyModel(): ModelForm {
  return {
    known: DEFAULT_MODEL,
    custom: '',
    effort: '',
    speed: 'standard',
    inferenceGeo: '',
    extra: {},
  };
}

export function modelIdOf(form: ModelForm): string {
  return form.known !== '' ? form.known : form.custom.trim();
}

function isKnown(id: string): boolean {
  return (KNOWN_MODELS as readonly string[]).includes(id);
}

function effortOf(model: Value | undefined): Effort | '' {
  const effort = typeOf(field(model, 'effort'));
  return (EFFORTS as readonly (string | undefined)[]).includes(effort) ? (effort as Effort) : '';
}

/**
 * Reads a response's ModelConfig, or a request's bare-id shorthand. A response always has an
 * effort, resolved to the model default when none was set, so a chosen level and the default look
 * the same there: with `fromResponse` the effort stays unchosen, so that saving does not pin the
 * default (the form shows the reported level as a hint instead, see {@link effortHint}). An effort
 * in a request body was written by someone on purpose, so it counts as chosen.
 */
export function modelFromWire(model: Value | undefined, fromResponse = false): ModelForm {
  const id = asString(model) ?? asString(field(model, 'id')) ?? '';
  return {
    known: isKnown(id) ? id : '',
    custom: isKnown(id) ? '' : id,
    effort: fromResponse ? '' : effortOf(model),
    speed: field(model, 'speed') === 'fast' ? 'fast' : 'standard',
    inferenceGeo: asString(field(model, 'inference_geo')) ?? '',
    extra: extraKeys(model, ['id', 'effort', 'speed', 'inference_geo']),
  };
}

/**
 * The line under the Effort control. `stored` is the saved agent's model, or undefined for a new
 * agent: an update without an effort keeps the stored one, which is the level the API reports;
 * a create without one gets the model's default, which only the API knows.
 */
export function effortHint(stored: Value | undefined): string {
  const reported = effortOf(stored);
  return reported === ''
    ? "The API uses the model's default when none is chosen."
    : `The API uses ${reported} when none is chosen.`;
}

/**
 * The bare id when nothing else is set (the shorthand people write), else the object. An effort
 * is sent only when the user chose one. Going back to Default on a saved agent cannot undo an
 * earlier choice: an update that leaves `effort` out keeps the stored level, and the reference
 * documents no value that resets it to the model default. The hint then names the kept level.
 */
export function modelToWire(form: ModelForm): ModelParam {
  const out: JsonObject = { id: modelIdOf(form), ...form.extra };
  if (form.effort !== '') out.effort = { type: form.effort };
  if (form.speed === 'fast') out.speed = 'fast';
  if (form.inferenceGeo.trim() !== '') out.inference_geo = form.inferenceGeo.trim();
  return Object.keys(out).length === 1 ? modelIdOf(form) : out;
}

export function validateModel(form: ModelForm, errors: FieldErrors): void {
  const id = modelIdOf(form);
  if (id === '') errors['model.custom'] = 'Pick a model or type its id.';
  else if (/\s/.test(id)) errors['model.custom'] = 'A model id has no spaces.';
}

/** Fast mode is documented only for some Opus models; others may reject it. */
export function supportsFast(id: string): boolean {
  return /^claude-opus-(4-[678]|5)/.test(id);
}
