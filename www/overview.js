// The first screen without a place: every place side by side, best first by what is in force
// there for the person (the engine's compare), a bar each of first-year value drawn in SVG, and an
// invitation to choose one. Methods of the calculator.
import { h, fill } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

/** A horizontal bar, `share` (0–1) of its width (`value` kept on it, for tests), drawn in SVG; decoration only (the figure is text). */
function bar(share, value) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'rc-bar');
  svg.setAttribute('viewBox', '0 0 100 10');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const track = document.createElementNS(SVG, 'rect');
  track.setAttribute('class', 'rc-bar-track');
  track.setAttribute('width', '100');
  track.setAttribute('height', '10');
  const fillRect = document.createElementNS(SVG, 'rect');
  fillRect.setAttribute('class', 'rc-bar-fill');
  fillRect.setAttribute('width', String(Math.max(0, Math.min(100, share * 100)).toFixed(2)));
  fillRect.setAttribute('height', '10');
  fillRect.setAttribute('data-value', String(value));
  svg.append(track, fillRect);
  return svg;
}

export const overview = {
  /** The summary without a place: what the overview below shows, and the invitation to choose. */
  renderNoPlace(asOf) {
    const { t } = this.fmt;
    fill(this.summary,
      h('p', { class: 'rc-summary-place', text: t.noPlaceTitle(asOf) }),
      h('p', { class: 'rc-hint', text: t.noPlaceHint }));
  },

  /** The places side by side, best first; choosing one makes it the person's place. */
  renderOverview(cmp) {
    const { t, yuan, placeName } = this.fmt;
    if (!cmp) {
      fill(this.jurBox);
      return;
    }
    const rows = cmp.rows;
    const byMoney = rows.some((r) => r.first_year_min > 0);
    const measure = (r) => (byMoney ? r.first_year_min : r.counts.entitled + r.counts.may_apply);
    const top = Math.max(1, ...rows.map(measure));
    const items = rows.map((r, i) => {
      const name = this.lang === 'en' ? r.place.name_en : r.place.name_zh;
      const parents = r.place.chain.slice(1, -1).map((id) => placeName(id)).join(' · ');
      const c = r.counts;
      const live = c.entitled + c.may_apply + c.possible > 0;
      return h('li', { class: `rc-ov-row${live ? '' : ' rc-ov-none'}`, dataset: { overviewPlace: r.place.id } },
        h('div', { class: 'rc-ov-name' },
          // elementtiming: the first screen's first result (scripts/budgets.mjs).
          h('span', { class: 'rc-ov-rank', text: String(i + 1) }),
          h('strong', { elementtiming: i === 0 ? 'rencai-result' : null, text: name }),
          parents ? h('span', { class: 'rc-parents', text: parents }) : null),
        bar(measure(r) / top, measure(r)),
        h('p', { class: 'rc-ov-figures' },
          r.first_year_min > 0 ? h('span', { class: 'rc-ov-money', text: t.firstYearAtLeast(yuan(r.first_year_min)) }) : null,
          h('span', { class: 'rc-muted', text: live ? t.overviewCounts(c) : t.overviewNothing(c.expired) })),
        h('button', { type: 'button', class: 'rc-btn rc-btn-small', 'aria-label': t.choosePlaceLabel(name), onclick: () => this.choosePlace(r.place.id) }, t.choosePlace));
    });
    fill(this.jurBox, h('section', { class: 'rc-overview', 'aria-labelledby': `${this.prefix}-ov-h` },
      h(this.H(2), { id: `${this.prefix}-ov-h`, text: t.overviewTitle }),
      h('p', { class: 'rc-intro', text: byMoney ? t.overviewIntro : t.overviewIntroCounts }),
      h('ol', { class: 'rc-ov-list' }, items)));
  },

  /** Makes a place the person's own and shows its answer. */
  choosePlace(id) {
    this.setField('place', id);
    this.container.querySelector(`#${this.prefix}-res-h`)?.focus();
  },
};
