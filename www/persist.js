// Where the entries live: localStorage (under the storage key) and, on the page itself, the URL
// fragment, read back with unknown entries dropped; the share link. Methods of the calculator.
import { cleanProfile, droppedKeys, readFragment, fragment, readStored } from './state.js';

export const persist = {
  /** The language a link or the saved entries ask for, read before the engine is up. */
  peekLang() {
    try {
      const fromHash = this.useHash ? readFragment(location.hash) : null;
      return fromHash?.lang ?? readStored(localStorage.getItem(this.storageKey))?.lang ?? null;
    } catch {
      return null;
    }
  },

  restore() {
    let stored = null;
    try {
      stored = readStored(localStorage.getItem(this.storageKey));
    } catch {
      /* storage may be unavailable (private mode, file://) */
    }
    if (stored) {
      this.profile = cleanProfile(stored.profile, this.fields);
      this.large = stored.large === true;
      if (!this.options.lang && (stored.lang === 'en' || stored.lang === 'zh')) this.lang = stored.lang;
      this.noteDropped('saved', stored);
    }
    const fromHash = this.useHash ? readFragment(location.hash) : null;
    if (fromHash) {
      this.profile = cleanProfile(fromHash.profile, this.fields);
      if (fromHash.lang === 'en' || fromHash.lang === 'zh') this.lang = fromHash.lang;
      this.noteDropped('link', fromHash);
    }
    if (this.profile.place === undefined && this.options.place) this.profile.place = this.options.place;
  },

  /**
   * The place restore() will find (the link's, else the saved one, else the embedding's), read
   * before the engine is up and unchecked: only to start fetching that place's words early.
   */
  placeHint() {
    const ok = (p) => (typeof p === 'string' && /^[0-9a-z-]{1,40}$/.test(p) ? p : null);
    let stored = null;
    try {
      stored = readStored(localStorage.getItem(this.storageKey));
    } catch {
      /* as in restore() */
    }
    const fromHash = this.useHash ? readFragment(location.hash) : null;
    return ok(fromHash?.profile?.place) ?? ok(stored?.profile?.place) ?? ok(this.options.place);
  },

  save() {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify({ profile: this.profile, lang: this.lang, large: this.large }));
    } catch {
      /* storage may be unavailable (private mode, file://); the fragment still keeps the entries */
    }
    if (this.useHash) {
      const hash = `#${fragment(this.profile, this.lang)}`;
      if (location.hash !== hash) {
        this.lastHash = hash;
        try {
          history.replaceState(history.state, '', hash);
        } catch {
          location.hash = hash;
        }
      }
    }
  },

  /**
   * Remembers what a restored source (the saved entries or the link) held that the form cannot
   * take, so the page says so in one line: its unknown keys, or that it could not be read at all.
   */
  noteDropped(from, source) {
    const keys = droppedKeys(source.profile, this.fields);
    this.dropped = source.unreadable || keys.length ? { from, keys, unreadable: !!source.unreadable } : null;
  },

  async onHashChange() {
    if (location.hash === this.lastHash) return;
    const fromHash = readFragment(location.hash);
    if (!fromHash) return;
    this.profile = cleanProfile(fromHash.profile, this.fields);
    this.noteDropped('link', fromHash);
    this.showDropped();
    const lang = fromHash.lang === 'en' ? 'en' : 'zh';
    if (lang !== this.lang) {
      try {
        await this.setLangQuietly(lang);
      } catch (e) {
        console.error('rencai: the strings of', lang, 'did not load:', e);
      }
    } else {
      this.rebuildPlaceDependent();
      this.syncControls();
    }
    this.update();
  },

  /** The link that reopens these entries. */
  shareUrl() {
    const hash = fragment(this.profile, this.lang);
    if (this.useHash) return `${location.href.split('#')[0]}#${hash}`;
    try {
      return new URL(`./#${hash}`, import.meta.url).href;
    } catch {
      return `${location.href.split('#')[0]}#${hash}`;
    }
  },
};
