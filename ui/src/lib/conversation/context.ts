import { createContext } from 'svelte';
import type { SessionController } from './sessionController.svelte';

/** The open session, set by the session page for everything inside it. */
export const [getSessionController, setSessionController] = createContext<SessionController>();
