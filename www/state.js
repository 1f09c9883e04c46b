// The page's state as text: a profile in the URL fragment (base64url JSON) and in localStorage,
// read back with every unknown or empty entry dropped. Pure functions, unit-tested in Node.

/** Today's local date as YYYY-MM-DD. */
export function localToday(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Encodes a profile for the URL fragment (base64url of its JSON). */
export function encodeProfile(profile) {
  const bytes = new TextEncoder().encode(JSON.stringify(profile));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes encodeProfile's output; null when it is not a profile. */
export function decodeProfile(text) {
  try {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    const value = JSON.parse(new TextDecoder().decode(Uint8Array.from(s, (c) => c.charCodeAt(0))));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** Keeps only the schema's fields with a value: a stale or hand-edited link cannot break the form. */
export function cleanProfile(profile, fields) {
  const out = {};
  for (const [k, v] of Object.entries(profile ?? {})) if (Object.hasOwn(fields, k) && v !== null && v !== undefined) out[k] = v;
  return out;
}

/**
 * The fragment's entries: `#p=<profile>&lang=en` → { profile, lang, unreadable }, or null without
 * `p`; `unreadable` when `p` is not a profile (a truncated or hand-edited link).
 */
export function readFragment(hash) {
  const params = new URLSearchParams(String(hash).replace(/^#/, ''));
  const p = params.get('p');
  if (p === null) return null;
  const profile = decodeProfile(p);
  return { profile: profile ?? {}, lang: params.get('lang'), unreadable: profile === null };
}

/** The keys of a profile that are not fields of the schema: what cleanProfile drops. */
export function droppedKeys(profile, fields) {
  return Object.keys(profile ?? {}).filter((k) => !Object.hasOwn(fields, k));
}

/** The fragment text for a profile and language (`p=…`, and `&lang=en` in English). */
export function fragment(profile, lang) {
  return `p=${encodeProfile(profile)}${lang === 'en' ? '&lang=en' : ''}`;
}

/**
 * What localStorage keeps: { profile, lang, large }; null when nothing is stored, and
 * { profile: {}, unreadable: true } when what is stored is not that (written by something else).
 */
export function readStored(text) {
  if (text === null || text === undefined || text === '') return null;
  try {
    const v = JSON.parse(text);
    const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
    if (isObject(v) && (v.profile === undefined || isObject(v.profile))) return { ...v, profile: v.profile ?? {} };
  } catch {
    /* not JSON */
  }
  return { profile: {}, unreadable: true };
}

/** The profile with one field set (or, with `undefined`, cleared), as a new object. */
export function withField(profile, field, value) {
  const out = { ...profile };
  if (value === undefined) delete out[field];
  else out[field] = value;
  return out;
}
