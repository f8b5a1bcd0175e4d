import { createContext } from 'svelte';
import type { MemoryStoresController } from './memoryStores.svelte';

export const [getMemoryStores, setMemoryStores] = createContext<MemoryStoresController>();
