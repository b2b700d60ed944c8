// Batch charts as inline SVG (no library): level counts, score histogram and
// the most frequent indicators. Each chart has a <title> and a <desc> that
// says its data in words for screen readers.
import { s, fill, num } from './dom.js';
import { LEVELS } from './words.js';

const W = 360;

function frame(svg, height, title, desc) {
  svg.setAttribute('viewBox', `0 0 ${W} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
  const tid = `${svg.id}-title`;
  const did = `${svg.id}-desc`;
  svg.setAttribute('aria-labelledby', `${tid} ${did}`);
  fill(svg, s('title', { id: tid }, title), s('desc', { id: did }, desc));
}

/** Horizontal bars: `rows` = [{ label, value, cls, tip }]. */
function bars(svg, rows, { labelWidth, title, desc }) {
  const rowH = 26;
  const top = 4;
  const height = top + rows.length * rowH + 4;
  frame(svg, height, title, desc);
  const max = Math.max(1, ...rows.map((r) => r.value));
  const barMax = W - labelWidth - 56;
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const w = r.value === 0 ? 0 : Math.max(2, (r.value / max) * barMax);
    const g = s('g', { class: 'bar-row' });
    if (r.tip) g.appendChild(s('title', null, r.tip));
    g.append(
      s('text', { x: labelWidth - 8, y: y + 17, 'text-anchor': 'end', class: 'chart-label' }, r.label),
      s('rect', { x: labelWidth, y: y + 4, width: W - labelWidth - 56, height: rowH - 8, class: 'chart-track', rx: 2 }),
      s('rect', { x: labelWidth, y: y + 4, width: w.toFixed(1), height: rowH - 8, class: `chart-bar ${r.cls ?? ''}`, rx: 2 }),
      s('text', { x: labelWidth + w + 6, y: y + 17, class: 'chart-value' }, num(r.value)),
    );
    svg.appendChild(g);
  });
}

/** `counts`: { none, low, review, high }. */
export function levelsChart(svg, counts) {
  const rows = [...LEVELS].reverse().map((level) => ({ label: level, value: counts[level] ?? 0, cls: `level-${level}` }));
  const desc = rows.map((r) => `${r.label}: ${r.value}`).join('; ');
  bars(svg, rows, { labelWidth: 64, title: 'Transactions per level', desc });
}

/** `scores`: the scores (0–100); `scoring`: the pack's thresholds { low, review, high }. */
export function scoresChart(svg, scores, scoring) {
  const bins = new Array(10).fill(0);
  for (const v of scores) bins[Math.min(9, Math.floor(v / 10))]++;
  const height = 180;
  const left = 14;
  const right = 16;
  const top = 18;
  const bottom = 34;
  const plotW = W - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...bins);
  const levelOf = (score) =>
    score >= scoring.high ? 'high' : score >= scoring.review ? 'review' : score >= scoring.low ? 'low' : 'none';
  const desc = bins.map((n, i) => `${i * 10}–${i === 9 ? 100 : i * 10 + 9}: ${n}`).join('; ');
  frame(svg, height, 'Score histogram (bins of 10 points)', desc);
  const x = (score) => left + (score / 100) * plotW;
  svg.append(
    s('line', { x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH, class: 'chart-axis' }),
  );
  bins.forEach((n, i) => {
    const bh = n === 0 ? 0 : Math.max(1.5, (n / max) * plotH);
    const bx = x(i * 10) + 1.5;
    const bw = plotW / 10 - 3;
    const g = s('g', null, s('title', null, `scores ${i * 10}–${i === 9 ? 100 : i * 10 + 9}: ${n}`));
    g.append(s('rect', { x: bx.toFixed(1), y: (top + plotH - bh).toFixed(1), width: bw.toFixed(1), height: bh.toFixed(1), class: `chart-bar level-${levelOf(i * 10)}` }));
    if (n > 0) {
      g.append(s('text', { x: (bx + bw / 2).toFixed(1), y: (top + plotH - bh - 3).toFixed(1), 'text-anchor': 'middle', class: 'chart-value' }, num(n)));
    }
    svg.appendChild(g);
  });
  for (let t = 0; t <= 100; t += 20) {
    svg.appendChild(s('text', { x: x(t), y: top + plotH + 14, 'text-anchor': 'middle', class: 'chart-tick' }, String(t)));
  }
  for (const level of ['low', 'review', 'high']) {
    const t = scoring[level];
    if (typeof t !== 'number') continue;
    svg.append(
      s('line', { x1: x(t), y1: top - 4, x2: x(t), y2: top + plotH, class: `chart-threshold level-${level}` }),
      s('text', { x: x(t) + 3, y: top + plotH + 28, class: 'chart-tick' }, `${level} ≥ ${t}`),
    );
  }
}

/** `entries`: [{ id, n, title }] sorted by frequency, most frequent first. */
export function indicatorsChart(svg, entries, top = 10) {
  const shown = entries.slice(0, top);
  const rows = shown.map((e) => ({ label: e.id, value: e.n, cls: 'indicator', tip: `${e.id}: ${e.title} (${e.n})` }));
  const desc = shown.length ? rows.map((r) => `${r.label}: ${r.value}`).join('; ') : 'no indicator fired';
  bars(svg, rows, { labelWidth: 132, title: `Most frequent indicators (top ${Math.min(top, entries.length)})`, desc });
  if (rows.length === 0) {
    svg.setAttribute('viewBox', `0 0 ${W} 30`);
    svg.appendChild(s('text', { x: 8, y: 20, class: 'chart-label' }, 'No indicator fired.'));
  }
}
