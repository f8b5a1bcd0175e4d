// Sessions as the API returns them, for tests that show one.
import type { Session } from '$lib/ipc/bindings';

const AT = '2026-11-20T10:00:00Z';

export function sessionFixture(id: string, extra: Partial<Session> = {}): Session {
  return {
    id,
    type: 'session',
    status: 'idle',
    agent: {
      id: 'agent_1',
      type: 'agent',
      version: 2,
      name: 'Writer',
      model: { id: 'claude-opus-4-6' },
      tools: [],
      mcp_servers: [],
      skills: [],
    },
    environment_id: 'env_1',
    title: null,
    created_at: AT,
    updated_at: AT,
    ...extra,
  };
}
