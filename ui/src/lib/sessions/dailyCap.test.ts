import { describe, expect, it, vi } from 'vitest';
import type { DailySpend, MonitorSummary } from '$lib/ipc/bindings';
import { capStopReason, capStrip } from './dailyCap';
import { DailySpendFollower } from './dailySpend.svelte';

const day = (spentCents: number, more: Partial<DailySpend> = {}): DailySpend => ({
  date: '2026-08-10',
  spentCents,
  capCents: 1000,
  near: spentCents >= 800,
  reached: spentCents >= 1000,
  interrupts: true,
  interrupted: [],
  ...more,
});

describe('the daily cap strip', () => {
  it('says nothing below 80 % and warns from there with the figures', () => {
    expect(capStrip(null)).toBeNull();
    expect(capStrip(day(799))).toBeNull();
    expect(capStrip(day(810))).toEqual({
      tone: 'warning',
      title: "Today's spend $8.10 of $10.00 daily cap",
      detail: "At the cap, this profile's running sessions are interrupted.",
    });
    expect(capStrip(day(810, { interrupts: false }))?.detail).toBe(
      'At the cap, a notification says so; sessions go on.',
    );
  });

  it('at the cap names how many sessions were interrupted, or that the cap only warns', () => {
    expect(capStrip(day(1002, { interrupted: ['a', 'b'] }))).toEqual({
      tone: 'danger',
      title: "Today's spend $10.02 reached the $10.00 daily cap",
      detail:
        '2 running sessions were interrupted. Raise or remove the cap in Settings to let sessions run today.',
    });
    expect(capStrip(day(1000, { interrupted: ['a'] }))?.detail).toMatch(
      /^1 running session was interrupted\./,
    );
    expect(capStrip(day(1000))?.detail).toMatch(/^No session was running\./);
    expect(capStrip(day(1000, { interrupts: false }))?.detail).toBe(
      'Sessions go on: the cap only warns.',
    );
  });

  it('gives the reason to each session the cap stopped, while the cap is reached', () => {
    const reached = day(1000, { interrupted: ['sesn_1'] });
    expect(capStopReason(reached, 'sesn_1')).toBe(
      'Stopped: this profile reached its daily cap of $10.00',
    );
    expect(capStopReason(reached, 'sesn_2')).toBeNull();
    // Raised above the spend, or removed: the reason is history.
    expect(capStopReason({ ...reached, capCents: 2000, reached: false }, 'sesn_1')).toBeNull();
    expect(capStopReason(null, 'sesn_1')).toBeNull();
  });
});

describe('DailySpendFollower', () => {
  it('starts from the day known now and follows each summary until stopped', async () => {
    const summary = (daily: DailySpend | null): MonitorSummary => ({
      watched: 0,
      overLimit: 0,
      maxWatched: 50,
      reconnecting: false,
      waitingCalls: 0,
      daily,
    });
    let emit: (s: MonitorSummary) => void = () => {};
    const unlisten = vi.fn();
    const follower = new DailySpendFollower();
    const stop = follower.start(
      (callback) => {
        emit = callback;
        return Promise.resolve(unlisten);
      },
      () => Promise.resolve(summary(day(100))),
    );
    await vi.waitFor(() => expect(follower.current?.spentCents).toBe(100));
    emit(summary(day(1000, { interrupted: ['sesn_1'] })));
    expect(follower.current?.interrupted).toEqual(['sesn_1']);
    emit(summary(null));
    expect(follower.current).toBeNull();
    stop();
    expect(unlisten).toHaveBeenCalled();
  });
});
