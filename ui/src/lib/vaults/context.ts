import { createContext } from 'svelte';
import type { VaultsController } from './vaults.svelte';

export const [getVaults, setVaults] = createContext<VaultsController>();
