// The benefit year as a picture: twelve months (before paying, waiting, covered) and the planned
// stays on it, under the answer card (js/cap-chart.js draws the 大病保险 cap). Inline SVG, no chart
// library. Every picture has its facts in words beside it (the SVG itself is hidden from
// screen readers), and no state is told by colour alone: hatching, marks (● ✕) and words.
// Positions are display arithmetic on dates and amounts the core returned; no rule is applied here.

import { addDays, daysBetween, esc, isZero, md, num, whoHtml } from './format.js';

const ISO = /^\d{4}-\d\d-\d\d$/;
const pct = (x) => `${(Math.round(x * 1000) / 10).toString()}%`;

export function yearStrip(r, m, i, input, multi) {
  const y = r.benefit_year;
  const w = m.waiting;
  const jan1 = `${y}-01-01`;
  const dec31 = `${y}-12-31`;
  const days = daysBetween(jan1, `${y + 1}-01-01`);
  const at = (iso) => Math.min(days, Math.max(0, daysBetween(jan1, iso)));
  const paid = typeof input.payment_date === 'string' && ISO.test(input.payment_date) && input.payment_date > jan1 ? input.payment_date : jan1;
  const p = at(paid);
  const c = w.cover_start ? at(w.cover_start) : days;
  // [first day, day after the last, kind]: before paying (not insured yet), waiting, covered.
  const segs = [];
  if (c <= p) {
    if (c > 0) segs.push([0, c, 'none']);
    segs.push([c, days, 'cover']);
  } else {
    if (p > 0) segs.push([0, p, 'none']);
    segs.push([p, c, 'wait']);
    if (c < days) segs.push([c, days, 'cover']);
  }
  const day = (k) => addDays(jan1, k);
  const words = { none: '还没交费,不能报销', wait: '等待期,看病不报', cover: '能报销' };
  const legend = segs.map(([a, b, kind]) => `<li class="lg-${kind}"><span class="sw" aria-hidden="true"></span>` +
    `${md(day(a))}${b - 1 > a ? `至${md(b >= days ? dec31 : day(b - 1))}` : ''}:${words[kind]}</li>`);

  // Planned stays, where the core says whether each is paid (nothing excluded) or falls in the wait.
  const stays = input.spending && Array.isArray(input.spending.stays) ? input.spending.stays : [];
  const lines = m.reimbursement.lines.filter((l) => l.item === 'inpatient');
  const marks = [];
  stays.forEach((st, j) => {
    const when = typeof st.date === 'string' && ISO.test(st.date) ? st.date : `${y}-${String(st.month).padStart(2, '0')}-15`;
    const line = lines[j];
    if (!line || !ISO.test(when)) return;
    const ok = isZero(line.excluded);
    const x = pct((at(when) + 0.5) / days);
    marks.push(ok
      ? `<circle cx="${x}" cy="20" r="8" class="mk-ok"/>`
      : `<svg x="${x}" y="20" overflow="visible"><path d="M-7-7L7 7M7-7-7 7" class="mk-no"/></svg>`);
    const what = `${typeof st.date === 'string' && ISO.test(st.date) ? md(st.date) : `${st.month}月`}住院`;
    legend.push(`<li><span class="mk" aria-hidden="true">${ok ? '●' : '✕'}</span>${esc(what)}:` +
      `${ok ? '在报销期内' : `${when < paid ? '还没交费' : '在等待期内'},${num(line.excluded)}元不报`}</li>`);
  });

  const rects = segs.map(([a, b, kind]) => `<rect x="${pct(a / days)}" y="6" width="${pct((b - a) / days)}" height="28" class="seg-${kind}"${kind === 'wait' ? ` fill="url(#hatch-${i})"` : ''}/>`);
  const ticks = [];
  for (let k = 2; k <= 12; k++) ticks.push(`<line x1="${pct(at(`${y}-${String(k).padStart(2, '0')}-01`) / days)}" x2="${pct(at(`${y}-${String(k).padStart(2, '0')}-01`) / days)}" y1="6" y2="34" class="tick"/>`);
  const svg = `<svg class="strip-svg" width="100%" height="40" aria-hidden="true" focusable="false">` +
    `<defs><pattern id="hatch-${i}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="8" height="8" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="8" class="hatch-line"/></pattern></defs>` +
    `${rects.join('')}${ticks.join('')}${marks.join('')}</svg>`;
  const months = Array.from({ length: 12 }, (_, k) => `<span>${k + 1}</span>`).join('');
  return `<figure class="strip card"><figcaption>${multi ? `${whoHtml(m, i, r.members)}:` : ''}${y}年哪些日子能报销</figcaption>${svg}` +
    `<div class="months" aria-hidden="true">${months}</div><ul class="legend">${legend.join('')}</ul></figure>`;
}
