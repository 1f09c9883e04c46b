// The page's state as text (www/state.js), without a browser: the profile in the URL fragment and
// in localStorage, and how what is read back is cleaned.
// Run: node --test tests/unit/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeProfile, decodeProfile, cleanProfile, droppedKeys, readFragment, fragment, readStored, withField, localToday } from '../../www/state.js';

test('a profile survives the fragment, Chinese included', () => {
  const p = { place: '211000-gxq', education: 'doctorate', honours: ['liaoning_craftsman'], age: 31, full_time: true, note: '辽阳' };
  const text = encodeProfile(p);
  assert.match(text, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeProfile(text), p);
  assert.deepEqual(readFragment(`#${fragment(p, 'en')}`), { profile: p, lang: 'en', unreadable: false });
  assert.equal(fragment(p, 'zh').includes('lang'), false);
});

test('what is not a profile reads as unreadable, never as an error', () => {
  for (const bad of ['', '%%%', 'bm90IGpzb24', encodeProfile([1, 2]), encodeProfile('x'), encodeProfile(null)]) assert.equal(decodeProfile(bad), null, bad);
  assert.equal(readFragment('#lang=en'), null);
  assert.deepEqual(readFragment('#p=garbage'), { profile: {}, lang: null, unreadable: true });
  for (const none of [null, undefined, '']) assert.equal(readStored(none), null, String(none));
  for (const bad of ['{', '[1]', '"x"', '3', 'null', '{"profile":"x"}', '{"profile":[1]}']) {
    assert.deepEqual(readStored(bad), { profile: {}, unreadable: true }, bad);
  }
  assert.deepEqual(readStored('{"profile":{"age":3},"lang":"en"}'), { profile: { age: 3 }, lang: 'en' });
  assert.deepEqual(readStored('{"lang":"en"}'), { profile: {}, lang: 'en' });
});

test('the keys cleaning drops are named, prototype keys included', () => {
  const fields = { age: {} };
  assert.deepEqual(droppedKeys(JSON.parse('{"age":1,"__proto__":{},"constructor":1,"x":null}'), fields), ['__proto__', 'constructor', 'x']);
  assert.deepEqual(droppedKeys(undefined, fields), []);
});

test('cleaning keeps only the schema fields with a value', () => {
  const fields = { age: {}, education: {} };
  const stored = JSON.parse('{"age":30,"educaton":"master","education":null,"__proto__":{"polluted":1},"constructor":"x"}');
  const out = cleanProfile(stored, fields);
  assert.deepEqual(out, { age: 30 });
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.equal({}.polluted, undefined);
  assert.deepEqual(cleanProfile(undefined, fields), {});
});

test('setting a field gives a new profile; undefined clears it', () => {
  const p = { age: 30 };
  assert.deepEqual(withField(p, 'education', 'master'), { age: 30, education: 'master' });
  assert.deepEqual(withField(p, 'age', undefined), {});
  assert.deepEqual(p, { age: 30 });
});

test('today is the local date as YYYY-MM-DD', () => {
  assert.equal(localToday(new Date(2020, 1, 29, 23, 59)), '2020-02-29');
  assert.equal(localToday(new Date(2021, 0, 5)), '2021-01-05');
});
