import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Markdown from './Markdown.svelte';

function setup(text: string, streaming = false) {
  const onlink = vi.fn<(url: string) => void>();
  const user = userEvent.setup();
  const view = render(Markdown, { text, streaming, onlink });
  return { ...view, onlink, user };
}

describe('Markdown', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows formatted text', () => {
    setup('# Result\n\nAll **tests** pass.\n\n- one\n- two');
    expect(screen.getByRole('heading', { name: 'Result' })).toBeInTheDocument();
    expect(screen.getByText('tests').tagName).toBe('STRONG');
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });

  it('asks through onlink when a link is clicked, and nothing can navigate', async () => {
    const { user, onlink, container } = setup('Read [the guide](https://example.com/guide).');
    const link = screen.getByRole('link', { name: 'the guide' });
    expect(link).not.toHaveAttribute('href');
    expect(link).toHaveAttribute('title', 'https://example.com/guide');
    expect(container.querySelector('a, [href]')).toBeNull();
    await user.click(link);
    expect(onlink).toHaveBeenCalledWith('https://example.com/guide');
  });

  it('activates a link from the keyboard with Enter or Space', async () => {
    const { user, onlink } = setup('See https://example.com/a');
    await user.tab();
    expect(screen.getByRole('link', { name: 'https://example.com/a' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.keyboard(' ');
    expect(onlink).toHaveBeenCalledTimes(2);
    expect(onlink).toHaveBeenLastCalledWith('https://example.com/a');
  });

  it('does not call onlink for clicks elsewhere or for unsafe links', async () => {
    const { user, onlink } = setup('[bad](javascript:alert(1)) and plain text');
    await user.click(screen.getByText('bad and plain text'));
    expect(screen.queryByRole('link')).toBeNull();
    expect(onlink).not.toHaveBeenCalled();
  });

  it('shows an image as a marker with its alt text, and its URL goes through onlink', async () => {
    const { user, onlink, container } = setup('![build graph](https://example.com/g.png)');
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('build graph')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'https://example.com/g.png' }));
    expect(onlink).toHaveBeenCalledWith('https://example.com/g.png');
  });

  it('shows raw HTML as text', () => {
    setup('<img src=x onerror="alert(1)"> and <b>bold</b>');
    expect(screen.getByText(/<img src=x onerror="alert\(1\)"> and <b>bold<\/b>/)).toBeVisible();
  });

  it('renders a code block with its language and copies the raw code', async () => {
    const code = 'fn main() {\n    println!("<hi>");\n}';
    const { user } = setup('Run this:\n\n```rust\n' + code + '\n```\n');
    expect(screen.getByText('rust')).toBeInTheDocument();
    expect(screen.getByText('println!')).toHaveClass('hljs-built_in');
    const button = screen.getByRole('button', { name: 'Copy code' });
    await user.click(button);
    expect(await navigator.clipboard.readText()).toBe(code);
    expect(button).toHaveTextContent('Copied');
  });

  it('falls back to a hidden textarea when the clipboard API refuses', async () => {
    const { user } = setup('```\nplain text\n```');
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    let copied: string | undefined;
    const execCommand = vi.fn((command: string) => {
      copied = (document.activeElement as HTMLTextAreaElement).value;
      return command === 'copy';
    });
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(copied).toBe('plain text');
    expect(screen.getByRole('button', { name: 'Copy code' })).toHaveTextContent('Copied');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('keeps the DOM of the lines already shown while a code block streams', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `let v${i} = ${i}; // line ${i}`);
    const start = 'Here:\n\n```js\n' + lines.slice(0, 20).join('\n') + '\nlet';
    const { rerender, container } = setup(start, true);
    const first = container.querySelector('code span');
    expect(first).toHaveTextContent('let');
    let text = start;
    for (const line of lines.slice(20)) {
      text += ' ' + line.slice(4) + '\nlet';
      await rerender({ text, streaming: true });
      expect(container.querySelector('code span')).toBe(first);
    }
    const code = container.querySelector('code')!;
    expect(code.textContent).toBe(lines.join('\n') + '\nlet');
    await rerender({ text: text + ' done = true;\n```\n', streaming: false });
    expect(container.querySelector('code')!.textContent).toBe(
      lines.join('\n') + '\nlet done = true;',
    );
  });

  it('shows a fence that is still open as code while streaming', async () => {
    const { rerender } = setup('Here:\n\n```py\nprint(1', true);
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeInTheDocument();
    expect(screen.getByText('py')).toBeInTheDocument();
    await rerender({ text: 'Here:\n\n```py\nprint(1)\n```\n\nDone.', streaming: false });
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeInTheDocument();
    expect(screen.getByText('Done.')).toBeInTheDocument();
  });
});
