// The New session dialog as plain data: what the person fills in, what blocks creating, and the
// exact `POST /v1/sessions` body it sends (shapes from the API reference §2.3, §3.3 and the
// behaviour notes §13 and §17).
import type { CreateSessionRequest, EventParams, Value } from '$lib/ipc/bindings';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import { dollarsToCents } from '$lib/format/money';

export type CheckoutKind = 'default' | 'branch' | 'commit';
export type MemoryAccess = 'read_only' | 'read_write';

export type ResourceDraft =
  | {
      kind: 'github_repository';
      url: string;
      checkout: CheckoutKind;
      /** The branch name or the commit sha, per `checkout`. */
      ref: string;
      /** Write-only: sent in the request, never shown back or put in JSON/curl views. */
      token: string;
      mountPath: string;
    }
  | { kind: 'file'; fileId: string; mountPath: string }
  | { kind: 'memory_store'; storeId: string; access: MemoryAccess; instructions: string };

export type ResourceKind = ResourceDraft['kind'];

export interface NewSessionFormState {
  agentId: string;
  /** `latest`, or a pinned version number as text (the select's value). */
  version: string;
  environmentId: string;
  title: string;
  vaultIds: string[];
  resources: ResourceDraft[];
  /** Maximum list cost in US dollars, as typed (`25`, `2.50`); empty for no budget. */
  budget: string;
  /** Sent as the first `user.message`; empty for none. */
  message: string;
}

export const LATEST = 'latest';
/** Memory store `instructions` limit (behaviour notes §13). */
export const INSTRUCTIONS_MAX = 4096;
/** Memory stores per session (behaviour notes §13). */
export const MEMORY_STORES_MAX = 8;
/** Shown instead of a GitHub token wherever the request is displayed or copied. */
export const TOKEN_PLACEHOLDER = '<github-token>';

export function emptyNewSession(agentId = '', version: number | null = null): NewSessionFormState {
  return {
    agentId,
    version: version === null ? LATEST : String(version),
    environmentId: '',
    title: '',
    vaultIds: [],
    resources: [],
    budget: '',
    message: '',
  };
}

export function emptyResource<K extends ResourceKind>(
  kind: K,
): Extract<ResourceDraft, { kind: K }> {
  const drafts: { [T in ResourceKind]: Extract<ResourceDraft, { kind: T }> } = {
    github_repository: {
      kind: 'github_repository',
      url: '',
      checkout: 'default',
      ref: '',
      token: '',
      mountPath: '',
    },
    file: { kind: 'file', fileId: '', mountPath: '' },
    memory_store: { kind: 'memory_store', storeId: '', access: 'read_write', instructions: '' },
  };
  return drafts[kind];
}

const GITHUB_URL = /^https:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const SHA = /^[0-9a-f]{40}$/i;

function githubErrors(r: Extract<ResourceDraft, { kind: 'github_repository' }>, at: string) {
  const errors: FieldErrors = {};
  const url = r.url.trim();
  if (url === '') errors[`${at}.url`] = 'Enter the repository URL.';
  else if (url.endsWith('.git'))
    errors[`${at}.url`] = 'Leave out “.git”: https://github.com/owner/repo.';
  else if (!GITHUB_URL.test(url))
    errors[`${at}.url`] = 'Use the form https://github.com/owner/repo (SSH URLs are refused).';
  const ref = r.ref.trim();
  if (r.checkout === 'branch' && ref === '') errors[`${at}.ref`] = 'Enter the branch name.';
  if (r.checkout === 'commit' && !SHA.test(ref))
    errors[`${at}.ref`] = 'A commit is its full 40-character hexadecimal sha.';
  if (r.mountPath.trim() !== '' && !r.mountPath.trim().startsWith('/'))
    errors[`${at}.mountPath`] = 'A mount path is absolute: it starts with “/”.';
  return errors;
}

export function validateNewSession(form: NewSessionFormState): FieldErrors {
  const errors: FieldErrors = {};
  if (form.agentId === '') errors.agentId = 'Choose the agent this session runs.';
  if (form.version !== LATEST && !/^[1-9]\d*$/.test(form.version))
    errors.version = 'Choose a version, or Latest.';
  if (form.environmentId === '') errors.environmentId = 'Choose the environment it runs in.';
  form.resources.forEach((r, i) => {
    const at = `resources.${i}`;
    if (r.kind === 'github_repository') Object.assign(errors, githubErrors(r, at));
    else if (r.kind === 'file') {
      if (r.fileId === '') errors[`${at}.fileId`] = 'Choose a file.';
      if (r.mountPath.trim() !== '' && !r.mountPath.trim().startsWith('/'))
        errors[`${at}.mountPath`] = 'A mount path is absolute: it starts with “/”.';
    } else {
      if (r.storeId === '') errors[`${at}.storeId`] = 'Choose a memory store.';
      if (r.instructions.length > INSTRUCTIONS_MAX)
        errors[`${at}.instructions`] =
          `At most ${INSTRUCTIONS_MAX} characters (now ${r.instructions.length}).`;
    }
  });
  const stores = form.resources.filter((r) => r.kind === 'memory_store').length;
  if (stores > MEMORY_STORES_MAX)
    errors.resources = `A session takes at most ${MEMORY_STORES_MAX} memory stores.`;
  if (form.budget.trim() !== '') {
    const cents = dollarsToCents(form.budget);
    if (cents === null) errors.budget = 'Enter an amount in dollars, like 25 or 2.50.';
    else if (cents === '0') errors.budget = 'A budget is more than $0.';
  }
  return errors;
}

function resourceParam(r: ResourceDraft, redact: boolean): Value {
  const param: Record<string, Value> = {};
  const mountPath = 'mountPath' in r ? r.mountPath.trim() : '';
  switch (r.kind) {
    case 'github_repository': {
      const ref = r.ref.trim();
      param.type = 'github_repository';
      param.url = r.url.trim();
      if (r.token !== '') param.authorization_token = redact ? TOKEN_PLACEHOLDER : r.token;
      if (r.checkout === 'branch') param.checkout = { type: 'branch', name: ref };
      if (r.checkout === 'commit') param.checkout = { type: 'commit', sha: ref.toLowerCase() };
      break;
    }
    case 'file':
      param.type = 'file';
      param.file_id = r.fileId;
      break;
    case 'memory_store':
      param.type = 'memory_store';
      param.memory_store_id = r.storeId;
      param.access = r.access;
      if (r.instructions.trim() !== '') param.instructions = r.instructions;
      break;
  }
  if (mountPath !== '') param.mount_path = mountPath;
  return param;
}

/**
 * The create body. With `redact`, every GitHub token is replaced by a placeholder: that body is
 * for View JSON and Copy as curl, and must never be sent.
 */
export function newSessionRequest(
  form: NewSessionFormState,
  options: { redact?: boolean } = {},
): CreateSessionRequest {
  const redact = options.redact ?? false;
  const request: CreateSessionRequest = {
    agent:
      form.version === LATEST
        ? form.agentId
        : { type: 'agent', id: form.agentId, version: Number(form.version) },
    environment_id: form.environmentId,
  };
  const title = form.title.trim();
  if (title !== '') request.title = title;
  if (form.resources.length > 0)
    request.resources = form.resources.map((r) => resourceParam(r, redact));
  if (form.vaultIds.length > 0) request.vault_ids = [...form.vaultIds];
  const cents = form.budget.trim() === '' ? null : dollarsToCents(form.budget);
  if (cents !== null)
    request.budget = { type: 'limit', max_list_cost: { amount: cents, currency: 'USD' } };
  if (form.message.trim() !== '') {
    const first: EventParams = {
      type: 'user.message',
      content: [{ type: 'text', text: form.message }],
    };
    request.initial_events = [first];
  }
  return request;
}

/** The field paths in the order the dialog shows them, to focus the first one that is wrong. */
export function firstErrorPath(errors: FieldErrors, form: NewSessionFormState): string | null {
  const order = ['agentId', 'version', 'environmentId', 'title', 'resources'];
  form.resources.forEach((r, i) => {
    const at = `resources.${i}`;
    const fields =
      r.kind === 'github_repository'
        ? ['url', 'ref', 'mountPath']
        : r.kind === 'file'
          ? ['fileId', 'mountPath']
          : ['storeId', 'instructions'];
    order.push(...fields.map((f) => `${at}.${f}`));
  });
  order.push('budget', 'message');
  return order.find((path) => errors[path] !== undefined) ?? Object.keys(errors)[0] ?? null;
}
