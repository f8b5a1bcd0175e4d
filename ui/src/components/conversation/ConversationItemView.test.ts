// The rows of the conversation: messages, model requests and the other rows.
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ConversationItem } from '$lib/conversation/state';
import { T0, T1, show, stateWith, thread, useItemBackend } from './itemRows.testkit';

useItemBackend();

describe('messages', () => {
  it('shows a user message as plain text with its newlines, and "Sending…" until processed', () => {
    const item: ConversationItem = {
      kind: 'user',
      id: 'u1',
      content: [
        { type: 'text', text: 'line one\nline two' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA==' } },
      ],
      processedAt: null,
    };
    const { row, view, rerender } = show(item);
    expect(row.dataset.kind).toBe('user');
    expect(view.getByText(/line one\s+line two/).textContent).toBe('line one\nline two');
    expect(view.getByText('Image (image/png)')).toBeInTheDocument();
    expect(view.getByText('Sending…')).toBeInTheDocument();
    void rerender({ item: { ...item, processedAt: T0 } });
    return vi.waitFor(() => expect(view.queryByText('Sending…')).toBeNull());
  });

  it('shows the agent typing, then a cut reply as cut off', async () => {
    const item: ConversationItem = {
      kind: 'agent',
      id: 'a1',
      content: [{ type: 'text', text: 'Half a' }],
      phase: 'typing',
      processedAt: null,
      threadId: null,
    };
    const { view, rerender } = show(item);
    expect(view.getByText('Half a')).toBeInTheDocument();
    expect(view.getByRole('status', { name: 'Agent is typing' })).toBeInTheDocument();
    await rerender({ item: { ...item, phase: 'cut' } });
    expect(view.getByText('Reply cut off')).toBeInTheDocument();
    expect(view.queryByRole('status', { name: 'Agent is typing' })).toBeNull();
  });

  it('names the subagent of a thread message, but not the primary agent', () => {
    const state = stateWith({
      threads: {
        sthr_p: thread('sthr_p', 'Lead', true),
        sthr_c: thread('sthr_c', 'Researcher'),
      },
    });
    const reply = (id: string, threadId: string): ConversationItem => ({
      kind: 'agent',
      id,
      content: [{ type: 'text', text: 'Found it.' }],
      phase: 'final',
      processedAt: T0,
      threadId,
    });
    expect(show(reply('a1', 'sthr_c'), state).view.getByText('Researcher')).toBeInTheDocument();
    expect(show(reply('a2', 'sthr_p'), state).view.queryByText('Lead')).toBeNull();
  });

  it('shows thinking while typing and "Thought" when done', async () => {
    const item: ConversationItem = {
      kind: 'thinking',
      id: 'th1',
      phase: 'typing',
      processedAt: null,
    };
    const { view, rerender } = show(item);
    expect(view.getByText('Thinking…')).toBeInTheDocument();
    await rerender({ item: { ...item, phase: 'final' } });
    expect(view.getByText('Thought')).toBeInTheDocument();
  });

  it('shows a finished thought as plain text, with nothing to expand', () => {
    // agent.thinking carries no text: a control to open it would open nothing.
    const { row, view } = show({ kind: 'thinking', id: 'th2', phase: 'final', processedAt: T0 });
    expect(view.getByText('Thought')).toBeInTheDocument();
    expect(view.queryByRole('button')).toBeNull();
    expect(row.querySelector('[aria-expanded], details, summary')).toBeNull();
  });

  it('shows thread messages with their direction and the other agent', () => {
    const sent = show({
      kind: 'thread_message',
      id: 'tm1',
      direction: 'sent',
      threadId: 'sthr_c',
      agentName: 'Researcher',
      content: [{ type: 'text', text: 'Look this up' }],
      processedAt: T0,
    });
    expect(sent.view.getByText(/to Researcher/)).toBeInTheDocument();
    expect(sent.view.getByText('Look this up')).toBeInTheDocument();
    const received = show({
      kind: 'thread_message',
      id: 'tm2',
      direction: 'received',
      threadId: 'sthr_c',
      agentName: 'Researcher',
      content: [{ type: 'text', text: 'Done' }],
      processedAt: T0,
    });
    expect(received.view.getByText(/from Researcher/)).toBeInTheDocument();
  });
});

describe('model requests', () => {
  it('shows the duration and the tokens on demand', async () => {
    const user = userEvent.setup();
    const { view } = show({
      kind: 'model_request',
      id: 'mr1',
      startedAt: T0,
      endedAt: T1,
      usage: {
        input_tokens: 1200,
        output_tokens: 80,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 3000,
      },
      isError: false,
    });
    expect(view.getByText('Model request')).toBeInTheDocument();
    expect(view.getByText('2.4 s')).toBeInTheDocument();
    expect(view.queryByText('1,200')).toBeNull();
    await user.click(view.getByRole('button', { name: 'Tokens' }));
    expect(view.getByText('Input').nextElementSibling).toHaveTextContent('1,200');
    expect(view.getByText('Cache read').nextElementSibling).toHaveTextContent('3,000');
  });

  it('says "running" while the request has no end, and marks a failure', () => {
    const running = show({
      kind: 'model_request',
      id: 'mr2',
      startedAt: T0,
      endedAt: null,
      usage: null,
      isError: false,
    });
    expect(running.view.getByText(/running/)).toBeInTheDocument();
    const failed = show({
      kind: 'model_request',
      id: 'mr3',
      startedAt: T0,
      endedAt: T1,
      usage: null,
      isError: true,
    });
    expect(failed.view.getByText(/failed/)).toBeInTheDocument();
  });
});

describe('other rows', () => {
  it('shows an orphan result as text', () => {
    const { view } = show({
      kind: 'tool_result',
      id: 'r9',
      toolUseId: 'tu_gone',
      content: [{ type: 'text', text: '<b>raw</b>' }],
      isError: false,
    });
    expect(view.getByText(/tool call not shown/)).toBeInTheDocument();
    expect(view.getByText('<b>raw</b>')).toBeInTheDocument();
  });

  it('shows a session error with its retry status in words', () => {
    const { row, view } = show({
      kind: 'error',
      id: 'e1',
      error: {
        type: 'model_overloaded_error',
        message: 'Overloaded',
        retry_status: { type: 'retrying' },
      },
      processedAt: T0,
    });
    expect(row.dataset.kind).toBe('error');
    expect(view.getByText('Model overloaded')).toBeInTheDocument();
    expect(view.getByText('Overloaded')).toBeInTheDocument();
    expect(view.getByText('Retrying automatically')).toBeInTheDocument();
  });

  it('shows interrupts, compaction and system messages as separators', () => {
    expect(
      show({ kind: 'interrupt', id: 'i1', threadId: null, processedAt: T0 }).view.getByText(
        'Interrupted',
      ),
    ).toBeInTheDocument();
    expect(
      show({ kind: 'compacted', id: 'c1', processedAt: T0 }).view.getByText(
        'Earlier context was compacted',
      ),
    ).toBeInTheDocument();
    const system = show({
      kind: 'system',
      id: 's1',
      content: [{ type: 'text', text: 'Be brief.' }],
      processedAt: T0,
    });
    expect(system.row.dataset.kind).toBe('system');
    expect(system.view.getByText('Be brief.')).toBeInTheDocument();
  });
});
