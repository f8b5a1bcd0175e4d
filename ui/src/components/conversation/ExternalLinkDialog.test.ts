import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { ipcError } from '$lib/testing/ipcError';
import { scriptedBackend, type ScriptedBackend } from '$lib/testing/scriptedBackend';
import ExternalLinkDialog from './ExternalLinkDialog.svelte';

const URL_TEXT =
  'https://docs.example.com/a/very/long/path/that/goes/on?and=on&with=query#and-a-fragment';

let backend: ScriptedBackend;
beforeEach(() => {
  backend = scriptedBackend();
  backend.on('link_open', () => null);
});

describe('ExternalLinkDialog', () => {
  it('shows the whole address and its host, and opens nothing on Cancel', async () => {
    const onclose = vi.fn();
    render(ExternalLinkDialog, { url: URL_TEXT, onclose });
    expect(screen.getByRole('textbox', { name: 'Full address' })).toHaveValue(URL_TEXT);
    expect(screen.getByRole('textbox', { name: 'Full address' })).toHaveAttribute('readonly');
    expect(screen.getByText('docs.example.com')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onclose).toHaveBeenCalled();
    expect(backend.sent('link_open')).toHaveLength(0);
  });

  it('opens the link only on confirm', async () => {
    const onclose = vi.fn();
    render(ExternalLinkDialog, { url: URL_TEXT, onclose });
    await userEvent.click(screen.getByRole('button', { name: 'Open in browser' }));
    await waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(backend.sent('link_open')).toEqual([{ url: URL_TEXT }]);
  });

  it('keeps the dialog with the error when the link is refused', async () => {
    backend.on('link_open', () =>
      ipcError({ code: 'InvalidInput', message: 'Only http and https links open.' }),
    );
    const onclose = vi.fn();
    render(ExternalLinkDialog, { url: 'file:///etc/passwd', onclose });
    expect(screen.getByText(/does not look like a web address/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Open in browser' }));
    expect(await screen.findByText('Only http and https links open.')).toBeInTheDocument();
    expect(onclose).not.toHaveBeenCalled();
  });
});
