import { mount } from 'svelte';
import App from './App.svelte';
import { loadSettings } from '$lib/settings';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// The settings decide the theme, so they are read before the first paint to avoid a flash.
const settings = await loadSettings();

export default mount(App, { target, props: { settings } });
