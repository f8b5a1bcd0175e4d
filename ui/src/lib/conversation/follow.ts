// Follow mode for the conversation scroller: while the person is at the bottom, new content keeps
// the view there; scrolling up stops that until they come back down (or jump to latest).

/** How close to the bottom still counts as "at the bottom", in pixels. */
export const BOTTOM_SLACK = 48;

export interface ScrollMetrics {
  offset: number;
  scrollSize: number;
  viewportSize: number;
}

export function atBottom(m: ScrollMetrics, slack = BOTTOM_SLACK): boolean {
  return m.offset + m.viewportSize >= m.scrollSize - slack;
}

/**
 * Whether to keep following after a scroll event. Only a move up leaves follow mode: content
 * growing under a following view moves the bottom away without any scroll by the person.
 */
export function nextFollowing(
  following: boolean,
  previousOffset: number,
  m: ScrollMetrics,
): boolean {
  if (atBottom(m)) return true;
  if (m.offset < previousOffset) return false;
  return following;
}
