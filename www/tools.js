// The toolbar's actions: large text, clearing the entries, the share link, printing (the print
// sheet, print.js), and the status line that announces them. Methods of the calculator.
import { h, fill } from './dom.js';

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
    window.print();
  },
};
