// The rows of the conversation: approvals and custom tools answered from their cards.
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  awaitingApproval,
  backend,
  confirmation,
  confirmations,
  failNext,
  show,
  stateWith,
  tool,
  useItemBackend,
} from './itemRows.testkit';

useItemBackend();

describe('approvals', () => {
  it('allows with confirm(id, true, null) and waits for the stream', async () => {
    const user = userEvent.setup();
    const { row, view } = show(awaitingApproval);
    expect(row.dataset.toolStatus).toBe('pending');
    expect(view.getByText('Awaiting approval')).toBeInTheDocument();
    await user.click(view.getByRole('button', { name: 'Allow' }));
    expect(confirmations()).toEqual([confirmation('tu_1', true, null)]);
    expect(await view.findByText(/waiting for the session/)).toBeInTheDocument();
    expect(row.dataset.toolStatus).toBe('pending');
  });

  it('keeps the card open and the decided row as tall as the bar was once allowed', async () => {
    // jsdom lays nothing out: the bar says it is 64px tall, as it might be in the window.
    const height = vi
      .spyOn(HTMLElement.prototype, 'offsetHeight', 'get')
      .mockImplementation(function (this: HTMLElement) {
        return this.dataset.testid === 'approval' ? 64 : 0;
      });
    const user = userEvent.setup();
    const { view, rerender } = show(awaitingApproval);
    await user.click(view.getByRole('button', { name: 'Allow' }));
    await view.findByText(/waiting for the session/);
    // The session's echo: the call runs and waits for nobody.
    await rerender({
      item: {
        ...awaitingApproval,
        status: 'running',
        awaiting: null,
        confirmation: { eventId: 'c1', result: 'allow', denyMessage: null },
      },
    });
    const bar = view.getByTestId('approval');
    expect(bar).toHaveTextContent('You allowed this call.');
    expect(bar.style.minHeight).toBe('64px');
    expect(view.getByRole('button', { expanded: true })).toHaveTextContent('bash');
    expect(view.queryByRole('button', { name: 'Allow' })).toBeNull();
    height.mockRestore();
  });

  it('denies with the reason typed', async () => {
    const user = userEvent.setup();
    const { view } = show(awaitingApproval);
    await user.click(view.getByRole('button', { name: 'Deny' }));
    const reason = view.getByLabelText('Reason (optional, shown to the agent)');
    expect(reason).toHaveFocus();
    await user.type(reason, 'Use the staging branch');
    await user.click(view.getByRole('button', { name: 'Deny' }));
    expect(confirmations()).toEqual([confirmation('tu_1', false, 'Use the staging branch')]);
  });

  it('sends a denial with Enter, and with no reason as null', async () => {
    const user = userEvent.setup();
    const { view } = show(awaitingApproval);
    await user.click(view.getByRole('button', { name: 'Deny' }));
    await user.keyboard('{Enter}');
    expect(confirmations()).toEqual([confirmation('tu_1', false, null)]);
  });

  it('answers the keys a and d when the card has focus', async () => {
    const user = userEvent.setup();
    const first = show(awaitingApproval);
    first.view.getByRole('article', { name: 'Tool call bash' }).focus();
    await user.keyboard('a');
    expect(confirmations()).toEqual([confirmation('tu_1', true, null)]);
    first.unmount();

    const second = show(awaitingApproval);
    second.view.getByRole('article', { name: 'Tool call bash' }).focus();
    await user.keyboard('d');
    const reason = second.view.getByLabelText('Reason (optional, shown to the agent)');
    expect(reason).toHaveFocus();
    await user.keyboard('ad{Enter}');
    // The second card sent one denial, with 'ad' as its reason: the keys typed in the field
    // went into the reason, not to Allow.
    expect(confirmations()).toEqual([
      confirmation('tu_1', true, null),
      confirmation('tu_1', false, 'ad'),
    ]);
  });

  it('shows a failed confirmation, keeps the reason, and lets the person retry', async () => {
    const user = userEvent.setup();
    failNext('session_confirm_tool', { code: 'Network', message: 'The API could not be reached' });
    const { view } = show(awaitingApproval, stateWith());
    await user.click(view.getByRole('button', { name: 'Deny' }));
    await user.type(view.getByLabelText('Reason (optional, shown to the agent)'), 'Too risky');
    await user.click(view.getByRole('button', { name: 'Deny' }));
    expect(await view.findByRole('alert')).toHaveTextContent('The API could not be reached');
    expect(view.getByLabelText('Reason (optional, shown to the agent)')).toHaveValue('Too risky');
    expect(view.getByRole('button', { name: 'Deny' })).toBeEnabled();
    await user.click(view.getByRole('button', { name: 'Deny' }));
    expect(confirmations().at(-1)).toEqual(confirmation('tu_1', false, 'Too risky'));
    expect(await view.findByText(/waiting for the session/)).toBeInTheDocument();
  });

  it('disables the buttons while sending', async () => {
    const user = userEvent.setup();
    backend.on('session_confirm_tool', () => new Promise(() => {}));
    const { view } = show(awaitingApproval, stateWith());
    await user.click(view.getByRole('button', { name: 'Allow' }));
    expect(view.getByRole('button', { name: 'Allow' })).toBeDisabled();
    expect(view.getByRole('button', { name: 'Deny' })).toBeDisabled();
  });
});

describe('custom tools', () => {
  const custom = tool({
    tool: 'custom',
    name: 'lookup_order',
    input: { order_id: 'A-17' },
    status: 'pending',
    awaiting: 'result',
  });

  it('shows the input and sends the typed result', async () => {
    const user = userEvent.setup();
    const { view } = show(custom);
    expect(view.getByText('Custom')).toBeInTheDocument();
    expect(view.getByText(/"order_id": "A-17"/)).toBeInTheDocument();
    await user.type(view.getByLabelText('Result'), 'Shipped');
    await user.click(view.getByRole('button', { name: 'Send result' }));
    expect(backend.sent('session_answer_custom_tool')).toEqual([
      { sessionId: 'sesn_1', customToolUseId: 'tu_1', text: 'Shipped', isError: false },
    ]);
    expect(await view.findByText(/waiting for the session/)).toBeInTheDocument();
  });

  it('sends as an error, and keeps the text when sending fails', async () => {
    const user = userEvent.setup();
    failNext('session_answer_custom_tool', {
      code: 'Internal',
      message: 'Session is busy',
      status: 409,
    });
    const { view } = show(custom, stateWith());
    await user.type(view.getByLabelText('Result'), 'Order not found');
    await user.click(view.getByRole('button', { name: 'Send as error' }));
    expect(backend.sent('session_answer_custom_tool')).toEqual([
      { sessionId: 'sesn_1', customToolUseId: 'tu_1', text: 'Order not found', isError: true },
    ]);
    expect(await view.findByRole('alert')).toHaveTextContent('Session is busy');
    expect(view.getByLabelText('Result')).toHaveValue('Order not found');
  });
});
