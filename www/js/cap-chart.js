// The 大病保险 cap year by year, in the detailed result (loaded after the answer). Inline SVG; the
// change of each year is said in words beside its bar (增加/减少), so no state is told by colour or
// length alone. Bar lengths are display arithmetic on the core's amounts.

import { change, esc } from './format.js';

const pct = (x) => `${(Math.round(x * 1000) / 10).toString()}%`;

// The 大病保险 cap's change in each year from 2025 to the benefit year, as bars left (减少) or right
// (增加) of a middle line, with the change in words beside each.
export function capChart(r, m) {
  const years = m.cap.years;
  if (!years.length) return '';
  const size = (y) => Math.abs(Number(y.adjustment) || 0);
  const most = Math.max(...years.map(size));
  const rows = years.map((y) => {
    const share = most > 0 ? (size(y) / most) * 0.46 : 0;
    const down = String(y.adjustment).startsWith('-');
    const bar = share > 0 ? `<rect x="${pct(down ? 0.5 - share : 0.5)}" y="4" width="${pct(share)}" height="16" class="${down ? 'cc-down' : 'cc-up'}"/>` : '';
    const said = y.enrolled ? change(y.adjustment) : '断保';
    return `<li${y.year === r.benefit_year ? ' class="cc-now"' : ''}><span class="cc-y">${y.year}年</span>` +
      `<svg class="cc-svg" width="100%" height="24" aria-hidden="true" focusable="false"><line x1="50%" x2="50%" y1="0" y2="24" class="cc-axis"/>${bar}</svg>` +
      `<span class="cc-v">${y.enrolled ? '参保,' : ''}${esc(said)}</span></li>`;
  });
  return `<figure class="capchart"><figcaption>大病保险最高支付限额,每年的变化</figcaption><ul>${rows.join('')}</ul></figure>`;
}
