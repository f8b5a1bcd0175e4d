// A parser for eslint-plugin-import-x only: it reads a .svelte file as the TypeScript of its
// <script> blocks, everything else blanked out (line breaks kept, so positions still match).
// import-x follows a module's imports only when it parses as an ES module, and the AST of
// svelte-eslint-parser is not one (its imports sit inside a SvelteScriptElement), so with that
// parser every .svelte file would be skipped and a cycle through a component would go unseen.
const tsParser = require('@typescript-eslint/parser');

const SCRIPT = /(<script\b[^>]*>)([\s\S]*?)<\/script>/g;

/** The source with only the script blocks' contents left in place. */
function scriptsOnly(code) {
  const blank = (text) => text.replace(/[^\n]/g, ' ');
  let out = '';
  let last = 0;
  for (const match of code.matchAll(SCRIPT)) {
    const start = match.index + match[1].length;
    const end = start + match[2].length;
    out += blank(code.slice(last, start)) + code.slice(start, end);
    last = end;
  }
  return out + blank(code.slice(last));
}

module.exports = {
  meta: { name: 'svelte-script-imports' },
  parseForESLint(code, options = {}) {
    // Options meant for svelte-eslint-parser (its script parser, the Svelte config) stay out.
    const rest = { ...options };
    delete rest.parser;
    delete rest.svelteConfig;
    return tsParser.parseForESLint(scriptsOnly(code), rest);
  },
};
