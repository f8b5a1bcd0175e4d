import { createContext } from 'svelte';
import type { EnvironmentEditor } from './environmentEditor.svelte';
import type { EnvironmentsController } from './environments.svelte';

export const [getEnvironments, setEnvironments] = createContext<EnvironmentsController>();
export const [getEnvironmentEditor, setEnvironmentEditor] = createContext<EnvironmentEditor>();
