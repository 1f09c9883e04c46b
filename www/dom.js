// DOM helpers of the page: an element builder, folds built when first opened, and "after the first
// paint". Nothing here knows the calculator.

/**
 * Small DOM builder: h('p', {class: 'x', onclick: f}, 'text', child…). Never sets style attributes.
 * Called for every element of the page, so it avoids per-call allocations (no entries(), no flat()).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const k in attrs) {
      const v = attrs[k];
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'dataset') for (const d in v) el.dataset[d] = v[d];
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
  }
  appendAll(el, children);
  return el;
}

/** Appends nodes and strings, skipping null/undefined/false and descending into arrays. */
export function appendAll(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) appendAll(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces an element's children, skipping null/false and flattening arrays. */
export function fill(el, ...children) {
  el.replaceChildren();
  appendAll(el, children);
}

/**
 * A <details> whose body is built only when it is first opened (or opened for printing): a
 * report holds hundreds of folded measures and ineligible results, and building them all up
 * front made the first result slow to appear.
 */
export function lazyDetails(attrs, summary, body, built) {
  const d = h('details', attrs, summary);
  d.rencaiBody = body;
  d.rencaiBuilt = built;
  d.addEventListener('toggle', () => {
    if (d.open) materialize(d);
  });
  if (d.open) materialize(d);
  return d;
}

function materialize(d) {
  const body = d.rencaiBody;
  if (!body) return;
  d.rencaiBody = null;
  appendAll(d, [body()]);
  d.rencaiBuilt?.(d);
}

/** Opens a (possibly lazy) <details>, building its body at once. */
export function openDetails(d) {
  materialize(d);
  d.open = true;
}

/**
 * Resolves once the first result is on screen, so that the rest of start-up does not hold up its
 * frame. Where the browser reports paints of `elementtiming` elements (Element Timing, Chromium;
 * not inside a shadow root), that report is the signal; elsewhere the next frame is. After at most
 * `cap` ms it resolves anyway (a hidden tab runs no frames).
 */
export function afterFirstPaint(inShadow, cap = 300) {
  return new Promise((resolve) => {
    let observer = null;
    const done = () => {
      observer?.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, cap);
    if (!inShadow && PerformanceObserver.supportedEntryTypes?.includes('element')) {
      observer = new PerformanceObserver(done);
      observer.observe({ type: 'element', buffered: true });
    } else {
      requestAnimationFrame(() => setTimeout(done, 0));
    }
  });
}

/** The value of `fn()`, or null if it throws. */
export function orNull(fn) {
  try {
    return fn();
  } catch {
    return null;
  }
}

/** A string made safe for an element id. */
export const safe = (s) => String(s).replace(/[^A-Za-z0-9_-]/g, '_');
