// Live pages (Layout's `live` prop): the element with data-live-url names a server-sent event stream
// (src/platform/events/live.routes.ts). On each `changed` event the page is read again and the parts
// marked data-live-region="name" (or, without any, the content of the data-live-url element) are
// replaced by the same parts of the fresh page. The message announced politely comes from the page
// (data-live-message on the data-live-status element), in the reader's language. Without this script
// the page simply shows the latest state on reload.
(() => {
  const root = document.querySelector('[data-live-url]');
  if (!root || typeof EventSource !== 'function' || typeof fetch !== 'function' || typeof DOMParser !== 'function') return;

  const status = document.querySelector('[data-live-status]');
  const DEBOUNCE_MS = 400;
  // After the server lost its database connection every page hears at once: spread the reloads.
  const RESYNC_SPREAD_MS = 5000;
  let timer;
  let busy = false;
  let again = false;

  function schedule(delay) {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, delay);
  }

  /** Pairs of [element on this page, the same element on the fresh page]. */
  function pairsWith(fresh) {
    const regions = document.querySelectorAll('[data-live-region]');
    if (regions.length === 0) {
      const next = fresh.querySelector('[data-live-url]');
      return next ? [[root, next]] : [];
    }
    const pairs = [];
    for (const region of regions) {
      const name = region.getAttribute('data-live-region') || '';
      const next = fresh.querySelector(`[data-live-region="${CSS.escape(name)}"]`);
      if (next) pairs.push([region, next]);
    }
    return pairs;
  }

  /** Whether the person has typed or chosen something here that a replacement would throw away. */
  function hasUnsavedInput(element) {
    for (const field of element.querySelectorAll('input, textarea, select')) {
      if (field instanceof HTMLSelectElement) {
        for (const option of field.options) if (option.selected !== option.defaultSelected) return true;
      } else if (field.type === 'checkbox' || field.type === 'radio') {
        if (field.checked !== field.defaultChecked) return true;
      } else if (field.type === 'file') {
        if (field.files && field.files.length > 0) return true;
      } else if (field.type !== 'hidden' && field.value !== field.defaultValue) {
        return true;
      }
    }
    return false;
  }

  function announce() {
    if (!status) return;
    const message = status.getAttribute('data-live-message') || '';
    // Emptied first, so that the same words are announced again at the next update.
    status.textContent = '';
    setTimeout(() => {
      status.textContent = message;
    }, 100);
  }

  async function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const response = await fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'text/html' } });
      // Signed out meanwhile (a redirect to sign in) or an error page: keep what is shown.
      if (!response.ok || response.redirected) return;
      const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
      const pairs = pairsWith(fresh);
      // Never throw away what the person is typing: the next change, or a reload, shows the latest.
      if (pairs.length === 0 || pairs.some(([current]) => hasUnsavedInput(current))) return;

      const active = document.activeElement;
      const focusId = active && active !== document.body && pairs.some(([current]) => current.contains(active)) ? active.id : undefined;
      const x = window.scrollX;
      const y = window.scrollY;
      for (const [current, next] of pairs) {
        current.replaceChildren(...Array.from(next.childNodes, (node) => document.importNode(node, true)));
      }
      if (fresh.title) document.title = fresh.title;
      if (focusId !== undefined) {
        const target = focusId ? document.getElementById(focusId) : null;
        if (target) target.focus({ preventScroll: true });
        else if (root.hasAttribute('tabindex')) root.focus({ preventScroll: true });
      }
      window.scrollTo(x, y);
      announce();
    } catch {
      // Offline for a moment: the page keeps showing what it showed.
    } finally {
      busy = false;
      if (again) {
        again = false;
        schedule(DEBOUNCE_MS);
      }
    }
  }

  const source = new EventSource(root.getAttribute('data-live-url'));
  let opened = false;
  source.addEventListener('open', () => {
    // A reconnection: changes made while the stream was down were not heard.
    if (opened) schedule(DEBOUNCE_MS);
    opened = true;
  });
  source.addEventListener('changed', (event) => {
    let topic = '';
    try {
      topic = JSON.parse(event.data).topic;
    } catch {
      // Any change is a reason to read the page again.
    }
    schedule(topic === 'resync' ? DEBOUNCE_MS + Math.random() * RESYNC_SPREAD_MS : DEBOUNCE_MS);
  });
})();
