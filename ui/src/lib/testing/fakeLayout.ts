// jsdom has no layout and no ResizeObserver. This stand-in reports the scrollers (the labelled
// elements) as 600px tall and every row as 40px, so virtua's list behaves as a 600px window over
// the conversation, as it measures it. Shared by the session page's tests and its benchmark.

class FakeResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    queueMicrotask(() =>
      this.callback(
        [
          {
            target,
            contentRect: { width: 800, height: target.hasAttribute('aria-label') ? 600 : 40 },
          } as unknown as ResizeObserverEntry,
        ],
        this,
      ),
    );
  }
  unobserve() {}
  disconnect() {}
}

/** Installs the fake layout on jsdom's window; call once, in `beforeAll`. */
export function installFakeLayout(): void {
  window.ResizeObserver = FakeResizeObserver;
  // virtua measures only rows that are laid out, which it tells by `offsetParent`.
  Object.defineProperty(HTMLElement.prototype, 'offsetParent', {
    configurable: true,
    get(this: HTMLElement) {
      return this.parentElement;
    },
  });
  // Scrolling moves scrollTop and says so, as a browser would (without clamping).
  Element.prototype.scrollTo = function (this: Element, options?: ScrollToOptions | number) {
    if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
    this.dispatchEvent(new Event('scroll'));
  };
  Element.prototype.scrollBy = function (this: Element, options?: ScrollToOptions | number) {
    if (typeof options === 'object' && options.top !== undefined) this.scrollTop += options.top;
    this.dispatchEvent(new Event('scroll'));
  };
}
