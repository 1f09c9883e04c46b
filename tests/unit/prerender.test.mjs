// The days a prerendered first screen holds for (scripts/prerender.mjs's sameDays): from the last
// day on or before the day it was made on which a catalogue date could change an answer, to the
// next such day. Run: node --test tests/unit/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameDays, markDays, prerenderedDays, addDays } from '../../scripts/prerender.mjs';

test('each date and the day after it bound the days alike (a period starts on its first day, ends after its last)', () => {
  const text = JSON.stringify({ period: { from: '2017-01-01', until: '2020-12-31' } });
  // Which end a date is, the text does not say: both days count, which only narrows the window.
  assert.deepEqual(sameDays(text, '2018-06-01'), { from: '2017-01-02', until: '2020-12-31' });
  assert.deepEqual(sameDays(text, '2017-01-01'), { from: '2017-01-01', until: '2017-01-02' }, 'the first day is a date, and the next day follows it');
  assert.deepEqual(sameDays(text, '2020-12-31'), { from: '2020-12-31', until: '2021-01-01' });
  assert.deepEqual(sameDays(text, '2021-01-01'), { from: '2021-01-01', until: '9999-12-31' }, 'after every date: no end');
  assert.deepEqual(sameDays(text, '2016-12-31'), { from: '0000-01-01', until: '2017-01-01' }, 'before every date: no start');
});

test('the day after a month\'s or a leap year\'s last day is counted as a calendar day', () => {
  assert.deepEqual(sameDays('"2024-02-28"', '2024-02-29'), { from: '2024-02-29', until: '9999-12-31' });
  assert.deepEqual(sameDays('"2023-02-28"', '2023-02-28'), { from: '2023-02-28', until: '2023-03-01' });
  assert.deepEqual(sameDays('"2025-12-31"', '2026-11-30'), { from: '2026-01-01', until: '9999-12-31' });
});

test('every date in the text narrows the window, wherever it stands', () => {
  const text = '{"date":"2018-03-06","note":"issued 2019-05-01","period":{"from":"2018-03-06","until":"2025-12-31"}}';
  assert.deepEqual(sameDays(text, '2019-06-01'), { from: '2019-05-02', until: '2025-12-31' });
});

test('the days written on <html> read back as written; a page without them reads as none', () => {
  const page = '<!doctype html>\n<html lang="zh-CN">\n<head></head></html>';
  const days = { made: '2026-11-30', from: '2026-01-01', until: '9999-12-31' };
  assert.deepEqual(prerenderedDays(markDays(page, days)), days);
  assert.equal(prerenderedDays(page), null);
  assert.deepEqual([addDays('2024-02-28', 1), addDays('2024-03-01', -1), addDays('2026-12-31', 1)], ['2024-02-29', '2024-02-29', '2027-01-01']);
});
