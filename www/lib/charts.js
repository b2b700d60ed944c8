// Charts as inline SVG (no library): for the batch view, level counts, score
// histogram and the most frequent indicators; for the History view, every
// account's score over time. Each chart has a <title> and a <desc> that says
// its data in words for screen readers.
import { s, fill, num } from './dom.js';
import { LEVELS } from './words.js';

const W = 360;

function frame(svg, height, title, desc, width = W) {
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
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

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Tick spacings for a time axis, finest first. */
const STEPS = [HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY];
const dayLabel = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const hourLabel = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

/**
 * Every account's score over time, one step line per account: the score of
 * each payment it made or received, held until its next one. `series`:
 * [{ id, peak, peakLevel, points: [{ t, score, level, tx, role, label }] }]
 * (t in ms, points oldest first). The `selected` account is drawn last, thick,
 * with a marker per payment; the others are thin. `zoom`: the time axis spans
 * the selected account's payments only (the other lines are cut at the plot's
 * edges). `width`: the drawing's width in px (the viewBox matches it, so text
 * keeps its size). Each series is a `<g class="series" data-account>`.
 */
export function historyChart(svg, series, { width = 720, scoring, selected = null, zoom = false } = {}) {
  const narrow = width < 480;
  const height = narrow ? 220 : 260;
  const left = 30;
  const right = 48;
  const top = 12;
  const bottom = 30;
  const plotW = Math.max(40, width - left - right);
  const plotH = height - top - bottom;
  const chosen = series.find((ser) => ser.id === selected);
  const times = (zoom && chosen ? [chosen] : series).flatMap((ser) => ser.points.map((p) => p.t));
  let t0 = Math.min(...times);
  let t1 = Math.max(...times);
  if (!Number.isFinite(t0)) t0 = t1 = 0;
  if (t1 - t0 < HOUR) {
    t0 -= HOUR / 2;
    t1 += HOUR / 2;
  }
  const pad = (t1 - t0) * 0.03;
  t0 -= pad;
  t1 += pad;
  const x = (t) => left + ((t - t0) / (t1 - t0)) * plotW;
  const y = (score) => top + plotH * (1 - Math.min(100, Math.max(0, score)) / 100);
  const f = (v) => v.toFixed(1);

  const reached = series.filter((ser) => ser.peakLevel === 'review' || ser.peakLevel === 'high');
  const desc = [
    `${series.length} account${series.length === 1 ? '' : 's'}`,
    reached.length ? `${reached.length} reached review: ${reached.map((ser) => `${ser.id} (peak ${ser.peak})`).join(', ')}` : 'none reached review',
    chosen ? `selected ${chosen.id}: scores ${chosen.points.map((p) => p.score).join(', ')}` : null,
  ].filter(Boolean).join('. ');
  frame(svg, height, 'Score of each payment per account over time', desc, width);

  // The plot's area: lines of other accounts are cut at its edges when zoomed.
  const clipId = `${svg.id}-clip`;
  svg.appendChild(s('defs', null, s('clipPath', { id: clipId }, s('rect', { x: left, y: 0, width: plotW, height: top + plotH + 1 }))));

  // Axes: the score on the left (0, the pack's thresholds, 100), the thresholds' names on the right.
  const grid = s('g', { class: 'chart-grid', 'aria-hidden': 'true' });
  grid.append(
    s('line', { x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH, class: 'chart-axis' }),
    s('line', { x1: left, y1: top, x2: left, y2: top + plotH, class: 'chart-axis' }),
  );
  for (const v of [0, 100]) grid.append(s('text', { x: left - 5, y: f(y(v) + 4), 'text-anchor': 'end', class: 'chart-tick' }, String(v)));
  for (const level of ['low', 'review', 'high']) {
    const v = scoring?.[level];
    if (typeof v !== 'number') continue;
    grid.append(
      s('line', { x1: left, y1: f(y(v)), x2: left + plotW, y2: f(y(v)), class: `chart-threshold level-${level}` }),
      s('text', { x: left - 5, y: f(y(v) + 4), 'text-anchor': 'end', class: `chart-tick threshold-label level-${level}` }, String(v)),
      s('text', { x: left + plotW + 5, y: f(y(v) + 4), class: `chart-tick threshold-label level-${level}` }, level),
    );
  }
  // Time ticks in UTC: the payments carry their own offsets.
  const maxTicks = Math.max(2, Math.floor(plotW / (narrow ? 64 : 84)));
  const step = STEPS.find((st) => (t1 - t0) / st <= maxTicks) ?? STEPS[STEPS.length - 1];
  const label = step >= DAY ? dayLabel : hourLabel;
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
    grid.append(
      s('line', { x1: f(x(t)), y1: top + plotH, x2: f(x(t)), y2: top + plotH + 4, class: 'chart-axis' }),
      s('text', { x: f(x(t)), y: top + plotH + 17, 'text-anchor': 'middle', class: 'chart-tick' }, label.format(t)),
    );
  }
  svg.appendChild(grid);

  const path = (points) =>
    points.map((p, i) => (i === 0 ? `M ${f(x(p.t))} ${f(y(p.score))}` : `H ${f(x(p.t))} V ${f(y(p.score))}`)).join(' ');
  const draw = (ser, isSelected) => {
    const reachedReview = ser.peakLevel === 'review' || ser.peakLevel === 'high';
    const g = s('g', {
      class: `series ${isSelected ? 'series-selected' : 'series-context'}${reachedReview ? ' series-review' : ''}`,
      'data-account': ser.id,
      'data-peak': ser.peak,
      'data-points': ser.points.length,
      'clip-path': isSelected ? null : `url(#${clipId})`,
    });
    g.appendChild(s('title', null, `${ser.id}: ${ser.points.length} payment${ser.points.length === 1 ? '' : 's'}, peak score ${ser.peak} (${ser.peakLevel})`));
    if (ser.points.length > 1) {
      const d = path(ser.points);
      // A wide transparent copy makes a thin line easy to click.
      g.append(s('path', { d, class: 'series-hit' }), s('path', { d, class: 'series-line' }));
    }
    if (isSelected) {
      for (const p of ser.points) {
        g.appendChild(
          s('circle', {
            cx: f(x(p.t)), cy: f(y(p.score)), r: 4.5,
            class: `series-point level-${p.level} role-${p.role}`,
            'data-score': p.score, 'data-level': p.level, 'data-tx': p.tx,
          }, s('title', null, p.label)),
        );
      }
    } else if (ser.points.length === 1) {
      const p = ser.points[0];
      g.appendChild(s('circle', { cx: f(x(p.t)), cy: f(y(p.score)), r: 2.5, class: 'series-dot' }));
    }
    svg.appendChild(g);
  };
  // Quiet accounts first, so the ones that reached review are drawn over them; the selected one last.
  const rest = series.filter((ser) => ser !== chosen);
  for (const ser of rest.filter((r) => !reached.includes(r))) draw(ser, false);
  for (const ser of rest.filter((r) => reached.includes(r))) draw(ser, false);
  if (chosen) draw(chosen, true);
}
