import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { SessionController } from '$lib/conversation/sessionController.svelte';
import { ipcError } from '$lib/testing/ipcError';
import { scriptedBackend, type ScriptedBackend } from '$lib/testing/scriptedBackend';
import { renderInSession, sessionControllerWith } from '$lib/testing/sessionController';
import ExternalLinkDialog from './ExternalLinkDialog.svelte';

const URL_TEXT =
  'https://docs.example.com/a/very/long/path/that/goes/on?and=on&with=query#and-a-fragment';

let backend: ScriptedBackend;
beforeEach(() => {
  backend = scriptedBackend();
  backend.on('link_open', () => null);
});

/** The dialog as the session page shows it, for a link the agent's output asked to open. */
function openFor(url: string): SessionController {
  const controller = sessionControllerWith();
  controller.requestLink(url);
  renderInSession(controller, ExternalLinkDialog);
  return controller;
}

describe('ExternalLinkDialog', () => {
  it('shows the whole address and its host, and opens nothing on Cancel', async () => {
    const controller = openFor(URL_TEXT);
    expect(screen.getByRole('textbox', { name: 'Full address' })).toHaveValue(URL_TEXT);
    expect(screen.getByRole('textbox', { name: 'Full address' })).toHaveAttribute('readonly');
    expect(screen.getByText('docs.example.com')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    // Closed: the page shows the dialog only while a link waits.
    expect(controller.link).toBeNull();
    expect(backend.sent('link_open')).toHaveLength(0);
  });

  it('opens the link only on confirm', async () => {
    const controller = openFor(URL_TEXT);
    await userEvent.click(screen.getByRole('button', { name: 'Open in browser' }));
    await waitFor(() => expect(controller.link).toBeNull());
    expect(backend.sent('link_open')).toEqual([{ url: URL_TEXT }]);
  });

  it('keeps the dialog with the error when the link is refused', async () => {
    backend.on('link_open', () =>
      ipcError({ code: 'InvalidInput', message: 'Only http and https links open.' }),
    );
    const controller = openFor('file:///etc/passwd');
    expect(screen.getByText(/does not look like a web address/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Open in browser' }));
    expect(await screen.findByText('Only http and https links open.')).toBeInTheDocument();
    expect(controller.link).toBe('file:///etc/passwd');
  });
});
