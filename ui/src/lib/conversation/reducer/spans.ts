// Spans: each model request (its time and tokens) and the token totals of requests and outcome
// evaluations.
import type { ModelUsage } from '$lib/ipc/bindings';
import { find, replace, upsert, type Draft, type Handlers } from './draft';
import { closePreviews } from './previews';

export const spans: Handlers = {
  'span.model_request_start'(d, event, id) {
    upsert(d, {
      kind: 'model_request',
      id,
      startedAt: event.processed_at,
      endedAt: null,
      usage: null,
      isError: false,
    });
  },
  'span.model_request_end'(d, event) {
    // It closes any preview its request left open (an interrupt or an error gives no final).
    closePreviews(d);
    const start = find(d, event.model_request_start_id);
    if (start?.kind === 'model_request') {
      replace(d, {
        ...start,
        endedAt: event.processed_at,
        usage: event.model_usage,
        isError: event.is_error ?? false,
      });
    }
    addTokens(d, event.model_usage);
  },
  'span.outcome_evaluation_end'(d, event) {
    addTokens(d, event.usage);
  },
};

function addTokens(d: Draft, usage: ModelUsage | null | undefined): void {
  if (!usage) return;
  const t = d.spanUsage;
  d.spanUsage = {
    input_tokens: t.input_tokens + (usage.input_tokens ?? 0),
    output_tokens: t.output_tokens + (usage.output_tokens ?? 0),
    cache_creation_input_tokens:
      t.cache_creation_input_tokens + (usage.cache_creation_input_tokens ?? 0),
    cache_read_input_tokens: t.cache_read_input_tokens + (usage.cache_read_input_tokens ?? 0),
    spans: t.spans + 1,
  };
}
