// The toolbar's actions: large text, clearing the entries, the share link, printing (every fold
// opened), and the status line that announces them. Methods of the calculator.
import { h, fill, openDetails } from './dom.js';

export const tools = {
  toggleLarge() {
    this.large = !this.large;
    this.container.classList.toggle('rc-large', this.large);
    this.container.querySelector(`#${this.prefix}-large`)?.setAttribute('aria-pressed', String(this.large));
    this.save();
  },

  clearAll() {
    this.profile = {};
    this.undo = null;
    this.rebuildPlaceDependent();
    this.syncControls();
    this.save();
    this.update();
    this.say(this.t.cleared);
  },

  say(text) {
    this.status.textContent = '';
    // A fresh text node makes screen readers announce a repeated message too.
    requestAnimationFrame(() => (this.status.textContent = text));
    this.status.textContent = text;
  },

  async copyLink() {
    const url = this.shareUrl();
    const t = this.t;
    const input = h('input', { type: 'text', readonly: true, value: url, id: `${this.prefix}-share`, class: 'rc-share-url', onfocus: (e) => e.target.select() });
    fill(this.shareBox, h('label', { for: `${this.prefix}-share`, text: t.shareLink }), input);
    this.shareBox.hidden = false;
    try {
      await navigator.clipboard.writeText(url);
      this.say(t.copied);
    } catch {
      this.say(t.copyFailed);
      input.focus();
    }
  },

  print() {
    this.openForPrint(true);
    try {
      window.print();
    } finally {
      this.openForPrint(false);
    }
  },

  /** Printing shows every quote: open all closed <details>, and close them again afterwards. */
  openForPrint(on) {
    if (on) {
      this.printOpened = [];
      // Opening a fold builds its cards, whose quotes are closed <details> in turn.
      for (let closed; (closed = [...this.container.querySelectorAll('details:not([open])')]).length; ) {
        for (const d of closed) openDetails(d);
        this.printOpened.push(...closed);
      }
    } else {
      for (const d of this.printOpened ?? []) d.open = false;
      this.printOpened = [];
    }
  },
};
