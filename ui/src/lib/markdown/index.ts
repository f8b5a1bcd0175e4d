export { IncrementalMarkdown, renderMarkdown, type MarkdownStats } from './incremental';
export { isSafeLink } from './links';
export type { RenderedBlock } from './render';
export type { CodeChunk } from './streamingCode';
