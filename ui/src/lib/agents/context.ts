import { createContext } from 'svelte';
import type { AgentEditor } from './agentEditor.svelte';
import type { AgentsController } from './agents.svelte';

export const [getAgents, setAgents] = createContext<AgentsController>();
export const [getAgentEditor, setAgentEditor] = createContext<AgentEditor>();
