// Permission policies shared by the built-in toolset and MCP toolsets.
import type { Value } from '$lib/ipc/bindings';
import { asBoolean, field, typeOf } from '$lib/forms/json';

export const PERMISSION_POLICIES = ['always_allow', 'always_ask', 'auto'] as const;
export type PermissionPolicy = (typeof PERMISSION_POLICIES)[number];

export const POLICY_LABELS: Record<PermissionPolicy, string> = {
  always_allow: 'Always allow',
  always_ask: 'Always ask',
  auto: 'Auto (the server judges each call)',
};

/** What the API assumes when a toolset has no `default_config` (documented defaults). */
export const BUILTIN_DEFAULT_POLICY: PermissionPolicy = 'always_allow';
export const MCP_DEFAULT_POLICY: PermissionPolicy = 'always_ask';

/** On/off plus policy: a toolset's `default_config`, or one tool's effective setting. */
export interface ToolSwitch {
  enabled: boolean;
  policy: PermissionPolicy;
}

function isPolicy(value: string | undefined): value is PermissionPolicy {
  return (PERMISSION_POLICIES as readonly (string | undefined)[]).includes(value);
}

/**
 * Reads `{type}` or the bare-string shorthand. A policy this app does not know reads as
 * `always_ask`: if the user saves, asking is the choice that never runs a tool unseen.
 */
export function policyFromWire(
  value: Value | undefined,
  fallback: PermissionPolicy,
): PermissionPolicy {
  if (value === undefined || value === null) return fallback;
  const type = typeOf(value);
  return isPolicy(type) ? type : 'always_ask';
}

export function policyToWire(policy: PermissionPolicy): Value {
  return { type: policy };
}

/** A `{enabled, permission_policy}` object read with the given fallbacks for missing parts. */
export function switchFromWire(config: Value | undefined, fallback: ToolSwitch): ToolSwitch {
  return {
    enabled: asBoolean(field(config, 'enabled')) ?? fallback.enabled,
    policy: policyFromWire(field(config, 'permission_policy'), fallback.policy),
  };
}

export function switchToWire(value: ToolSwitch): Value {
  return { enabled: value.enabled, permission_policy: policyToWire(value.policy) };
}
