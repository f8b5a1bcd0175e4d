import { createContext } from 'svelte';
import type { SessionsController } from './sessions.svelte';

export const [getSessions, setSessions] = createContext<SessionsController>();
