// Syntax highlighting with a fixed set of languages, so the bundle stays small.
// Anything else is shown as escaped plain text.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { escapeHtml } from './links';

const LANGUAGES = {
  bash,
  css,
  diff,
  go,
  ini,
  javascript,
  json,
  markdown,
  python,
  rust,
  shell,
  sql,
  typescript,
  xml,
  yaml,
};
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);
// Names agents use that the grammars do not already alias.
hljs.registerAliases(['sh', 'zsh', 'console-bash'], { languageName: 'bash' });
hljs.registerAliases(['jsonc', 'json5'], { languageName: 'json' });

/** The language name from a fence's info string: its first word, lower-cased. */
export function fenceLanguage(info: string | undefined): string {
  return (info ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
}

/** Whether `lang` is one of the registered languages or aliases. */
export function isKnownLanguage(lang: string): boolean {
  return lang !== '' && hljs.getLanguage(lang) !== undefined;
}

/** Highlighted HTML for `code` (token spans with `hljs-*` classes), or escaped text. */
export function highlightCode(code: string, lang: string): string {
  return highlightPart(code, lang).html;
}

/** Highlighted HTML for a piece of code, and whether the code after it may be highlighted apart. */
export interface HighlightedPart {
  html: string;
  /**
   * The piece ends outside any string, comment or other open construct, and entered no embedded
   * language (whose state highlight.js would carry on into the rest): highlighting what follows
   * on its own gives what highlighting both together would.
   */
  settled: boolean;
}

/** Highlights `code` as `highlightCode` does, and says whether the piece is settled. */
export function highlightPart(code: string, lang: string): HighlightedPart {
  const language = isKnownLanguage(lang) ? hljs.getLanguage(lang) : undefined;
  if (language === undefined) return { html: escapeHtml(code), settled: true };
  try {
    const result = hljs.highlight(code, { language: lang, ignoreIllegals: true });
    // highlight.js compiles a language in place: its outermost mode is the language object.
    const outermost = (result as { _top?: unknown })._top === language;
    const embedded = result.value.includes('class="language-');
    return { html: result.value, settled: outermost && !embedded };
  } catch {
    return { html: escapeHtml(code), settled: false };
  }
}
