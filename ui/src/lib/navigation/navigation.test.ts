import { describe, expect, it } from 'vitest';
import { Navigation } from './navigation.svelte';
import { SECTION_IDS } from './sections';

describe('Navigation', () => {
  it('opens on Sessions, the section people come back to', () => {
    expect(new Navigation().current).toBe('sessions');
  });

  it('moves through the sections in sidebar order and wraps at both ends', () => {
    const nav = new Navigation();
    const seen = SECTION_IDS.map(() => nav.move(1));
    expect(seen).toEqual([
      'agents',
      'environments',
      'vaults',
      'memory',
      'files',
      'skills',
      'inbox',
      'settings',
      'sessions',
    ]);
    expect(nav.move(-1)).toBe('settings');
  });

  it('maps the digit shortcuts to sections and ignores other digits', () => {
    expect(Navigation.forShortcut('1')).toBe('sessions');
    expect(Navigation.forShortcut('4')).toBe('settings');
    // The inbox came after the first four and took the next digit.
    expect(Navigation.forShortcut('5')).toBe('inbox');
    expect(Navigation.forShortcut('6')).toBe('vaults');
    expect(Navigation.forShortcut('7')).toBe('memory');
    expect(Navigation.forShortcut('8')).toBe('files');
    expect(Navigation.forShortcut('9')).toBe('skills');
    expect(Navigation.forShortcut('0')).toBeUndefined();
  });
});

describe('leaving a section', () => {
  it('stays while the open view says no, and goes once its guard is removed', () => {
    const nav = new Navigation();
    const asked: string[] = [];
    const remove = nav.guard((target) => (asked.push(target), false));
    nav.go('agents');
    expect(nav.move(1)).toBe('sessions');
    expect(asked).toEqual(['agents', 'agents']);
    remove();
    nav.go('agents');
    expect(nav.current).toBe('agents');
  });
});

describe('opening a session', () => {
  it('goes to Sessions with the session open, and back to the list', () => {
    const nav = new Navigation();
    nav.go('agents');
    nav.openSession('sesn_1');
    expect(nav.current).toBe('sessions');
    expect(nav.session).toBe('sesn_1');
    nav.closeSession();
    expect(nav.session).toBeNull();
    expect(nav.current).toBe('sessions');
  });

  it('stays where it is while the open view says no', () => {
    const nav = new Navigation();
    nav.go('agents');
    nav.guard(() => false);
    nav.openSession('sesn_1');
    expect(nav.current).toBe('agents');
    expect(nav.session).toBeNull();
  });

  it('carries a New session request for an agent version to Sessions, once', () => {
    const nav = new Navigation();
    nav.go('agents');
    nav.openSession('sesn_old');
    nav.go('agents');
    nav.startSession({ agentId: 'agent_1', version: 3 });
    expect(nav.current).toBe('sessions');
    expect(nav.session).toBeNull();
    expect(nav.takeNewSession()).toEqual({ agentId: 'agent_1', version: 3 });
    expect(nav.takeNewSession()).toBeNull();
  });
});

describe('session tabs', () => {
  it('opens a new tab after the one shown, and shows an open tab again without a second one', () => {
    const nav = new Navigation();
    nav.openSession('a');
    nav.openSession('b');
    nav.openSession('a');
    nav.openSession('c');
    expect(nav.tabs).toEqual(['a', 'c', 'b']);
    expect(nav.session).toBe('c');
  });

  it('shows the right neighbour of a closed tab, or the left one at the end, or the list', () => {
    const nav = new Navigation();
    for (const id of ['a', 'b', 'c']) nav.openSession(id);
    nav.openSession('b');
    nav.closeTab('b');
    expect(nav.session).toBe('c');
    nav.closeTab('c');
    expect(nav.session).toBe('a');
    nav.closeTab('a');
    expect(nav.session).toBeNull();
    expect(nav.tabs).toEqual([]);
  });

  it('splits beside the tab shown, swaps on a click of the other side, and keeps the ratio sane', () => {
    const nav = new Navigation();
    nav.openSession('a');
    nav.openSession('b');
    nav.openBeside('a');
    expect([nav.session, nav.split]).toEqual(['b', 'a']);
    nav.openSession('a');
    expect([nav.session, nav.split]).toEqual(['a', 'b']);
    nav.closeTab('b');
    expect(nav.split).toBeNull();
    nav.setRatio(0.95);
    expect(nav.ratio).toBe(0.8);
    expect(nav.tabState()).toEqual({ open: ['a'], active: 'a', split: null, ratio: 0.8 });
    nav.restoreTabs(undefined);
    expect([nav.tabs, nav.session, nav.ratio]).toEqual([[], null, 0.5]);
  });
});

describe('a call from a notification', () => {
  it('opens the inbox with the call to make current', () => {
    const nav = new Navigation();
    nav.openInbox('sevt_1');
    expect(nav.current).toBe('inbox');
    expect(nav.inboxCall).toBe('sevt_1');
  });

  it('asks for nothing while the open view keeps the person', () => {
    const nav = new Navigation();
    nav.guard(() => false);
    nav.openInbox('sevt_1');
    expect(nav.current).toBe('sessions');
    expect(nav.inboxCall).toBeNull();
  });
});
