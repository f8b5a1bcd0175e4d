// Loads the next page when the end of a list scrolls into view. Observing again after each
// change matters: a short page leaves the sentinel visible, and an observer only reports changes.
export interface WhenVisible {
  onvisible: () => void;
  /** Anything that changes when a page arrives (the item count). */
  key: unknown;
}

export function whenVisible(node: Element, params: WhenVisible) {
  let current = params;
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) current.onvisible();
    },
    { rootMargin: '200px' },
  );
  observer.observe(node);
  return {
    update(next: WhenVisible) {
      current = next;
      observer.unobserve(node);
      observer.observe(node);
    },
    destroy() {
      observer.disconnect();
    },
  };
}
