import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curlCommand, shellQuote } from './curl';

/**
 * Runs `command` in a real shell with `curl` swapped for a function that prints each argument
 * it receives, so the test sees exactly what curl would.
 */
function argsCurlWouldGet(command: string, shell = 'bash'): string[] {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}`;
  const out = execFileSync(shell, ['-c', script], {
    env: { PATH: process.env.PATH, ANTHROPIC_API_KEY: 'sk-test-from-env' },
    encoding: 'utf8',
  });
  return out.split('\0').slice(0, -1);
}

const tricky = {
  name: "O'Brien's agent",
  system: 'Line one\nLine two with "quotes", $HOME, `backticks`, \\ and $(rm -rf /)',
  description: 'naïve café — 日本語 🙂',
  metadata: { quote: "'; echo pwned; '" },
};

describe('curlCommand', () => {
  const command = curlCommand({
    method: 'post',
    url: 'https://api.anthropic.com/v1/agents',
    body: tricky,
  });

  it('uses $ANTHROPIC_API_KEY and the required version and beta headers', () => {
    expect(command).toContain('"Authorization: Bearer $ANTHROPIC_API_KEY"');
    expect(command).toContain("'anthropic-version: 2026-10-21'");
    expect(command).toContain("'anthropic-beta: managed-agents-2026-04-01'");
    expect(command).toContain("'content-type: application/json'");
    expect(
      command.startsWith("curl 'https://api.anthropic.com/v1/agents' \\\n  --request 'POST'"),
    ).toBe(true);
  });

  it('never carries a key passed in the headers', () => {
    const leaky = curlCommand({
      method: 'GET',
      url: 'https://api.anthropic.com/v1/agents',
      headers: { Authorization: 'Bearer sk-ant-real', 'X-Api-Key': 'sk-ant-real' },
    });
    expect(leaky).not.toContain('sk-ant-real');
    expect(leaky).not.toContain('--data-raw');
  });

  it('pretty-prints the body', () => {
    expect(command).toContain('{\n  "name": ');
  });

  it('survives single quotes, newlines, shell syntax and unicode: curl gets the exact body', () => {
    const args = argsCurlWouldGet(command);
    const body = args[args.indexOf('--data-raw') + 1]!;
    expect(JSON.parse(body)).toEqual(tricky);
    expect(args).toContain('Authorization: Bearer sk-test-from-env');
    expect(args[0]).toBe('https://api.anthropic.com/v1/agents');
  });

  it.skipIf(!existsSync('/bin/sh'))('works in a plain POSIX sh as well', () => {
    const args = argsCurlWouldGet(command, '/bin/sh');
    expect(JSON.parse(args[args.indexOf('--data-raw') + 1]!)).toEqual(tricky);
  });

  it('lets a caller add a beta or use x-api-key, still without a key', () => {
    const other = curlCommand({
      method: 'POST',
      url: 'http://127.0.0.1:4010/v1/environments',
      headers: { 'anthropic-beta': 'managed-agents-2026-04-01,agent-memory-2026-07-22' },
      auth: 'x-api-key',
      body: {},
    });
    const args = argsCurlWouldGet(other);
    expect(args).toContain('anthropic-beta: managed-agents-2026-04-01,agent-memory-2026-07-22');
    expect(args).toContain('x-api-key: sk-test-from-env');
    expect(args.filter((a) => a.startsWith('anthropic-beta'))).toHaveLength(1);
  });
});

describe('shellQuote', () => {
  it.each(["it's", "''", 'a\nb', '$X `y` \\z', '🙂'])('round-trips %j through bash', (text) => {
    expect(
      execFileSync('bash', ['-c', `printf '%s' ${shellQuote(text)}`], { encoding: 'utf8' }),
    ).toBe(text);
  });
});
