// Evidence of a flag: value evidence in words, and text evidence highlighted
// inside the field it was found in.
//
// Text and pattern evidence carry UTF-16 offsets into the field as passed to
// the screener, so `value.slice(start, end) === evidence.text`; the highlight
// is built from those slices as text nodes and <mark> elements.
import { h } from './dom.js';
import { word, country, mcc, historyWindow, historyUnit } from './words.js';
import { decimal } from './conditions.js';

const q = (text) => `“${text}”`;
const hh = (n, locale) => `${String(n).padStart(2, '0')}${locale === 'id' ? '.' : ':'}00`;

/** One piece of evidence as a sentence fragment in the locale. */
export function evidenceWords(e, locale = 'en') {
  const id = locale === 'id';
  const d = (v) => decimal(v, locale);
  switch (e.kind) {
    case 'text': {
      const via = e.transforms?.length ? e.transforms.map((t) => word('transform', t, locale)).join(', ') : null;
      const field = word('field', e.field, locale);
      let text = id
        ? `${field}, karakter ${e.start}–${e.end}: ${q(e.text)} cocok dengan istilah ${q(e.term)}`
        : `${field}, characters ${e.start}–${e.end}: ${q(e.text)} matches the term ${q(e.term)}`;
      if (via) text += id ? ` setelah menormalkan ${via}` : ` once ${via} ${e.transforms.length === 1 ? 'is' : 'are'} undone`;
      const notes = [];
      if (e.lang && e.lang !== 'en') notes.push(id ? `istilah berbahasa ${e.lang}` : `term in language ${e.lang}`);
      if (e.validated === false) notes.push(id ? 'istilah usulan proyek, belum diterbitkan sumber' : 'project-proposed term, not yet published by a source');
      if (notes.length) text += ` (${notes.join('; ')})`;
      return text;
    }
    case 'pattern':
      return id
        ? `${word('field', e.field, locale)}, karakter ${e.start}–${e.end}: ${q(e.text)} adalah ${word('pattern', e.pattern, locale)}`
        : `${word('field', e.field, locale)}, characters ${e.start}–${e.end}: ${q(e.text)} is ${word('pattern', e.pattern, locale)}`;
    case 'amount': {
      const conv = e.converted ? ` (≈ ${d(e.converted)} ${e.bandCurrency})` : '';
      const amount = `${d(e.value)} ${e.currency}${conv}`;
      if (e.min !== undefined && e.max !== undefined) {
        const band = `${d(e.min)}–${d(e.max)} ${e.bandCurrency}`;
        return id ? `nominal ${amount} berada dalam rentang ${band}` : `amount ${amount} is within the band ${band}`;
      }
      if (e.max !== undefined) {
        return id ? `nominal ${amount} tidak lebih dari ${d(e.max)} ${e.bandCurrency}` : `amount ${amount} is at most ${d(e.max)} ${e.bandCurrency}`;
      }
      return id ? `nominal ${amount} tidak kurang dari ${d(e.min)} ${e.bandCurrency}` : `amount ${amount} is at least ${d(e.min)} ${e.bandCurrency}`;
    }
    case 'roundAmount':
      return id
        ? `nominal ${d(e.value)} ${e.currency} merupakan kelipatan bulat ${d(e.multipleOf)}`
        : `amount ${d(e.value)} ${e.currency} is a whole multiple of ${d(e.multipleOf)}`;
    case 'corridor': {
      const from = e.from ? `${country(e.from, locale)} (${e.from})` : '?';
      const to = `${country(e.value, locale)} (${e.value})`;
      const via = word('field', e.field, locale);
      return id ? `rute dari ${from} ke ${to} (${via})` : `corridor from ${from} to ${to} (${via})`;
    }
    case 'channel':
      return id ? `jalur pembayaran: ${word('channel', e.value, locale)}` : `channel: ${word('channel', e.value, locale)}`;
    case 'currency':
      return id ? `mata uang: ${e.value}` : `currency: ${e.value}`;
    case 'localHour':
      return id
        ? `jam setempat ${String(e.hour).padStart(2, '0')} (${e.value}) berada di ${hh(e.from, locale)}–${hh(e.to, locale)}`
        : `local hour ${String(e.hour).padStart(2, '0')} (${e.value}) is within ${hh(e.from, locale)}–${hh(e.to, locale)}`;
    case 'mcc':
      return id ? `kode kategori merchant ${mcc(e.value, locale)}` : `merchant category code ${mcc(e.value, locale)}`;
    case 'flag': {
      let text;
      if (e.field === 'sender.isMinor' || e.field === 'receiver.isMinor') {
        const who = e.field === 'sender.isMinor' ? (id ? 'pengirim' : 'sender') : id ? 'penerima' : 'receiver';
        if (e.value) text = id ? `rekening ${who} milik anak di bawah umur` : `the ${who}’s account belongs to a minor`;
        else text = id ? `rekening ${who} bukan milik anak di bawah umur` : `the ${who}’s account is not a minor’s`;
      } else if (e.field === 'receiver.isNew') {
        if (e.value) text = id ? 'penerima baru bagi pengirim ini' : 'the payee is new to this sender';
        else text = id ? 'penerima sudah pernah dibayar oleh pengirim ini' : 'the payee has been paid by this sender before';
      } else if (e.value) text = id ? 'keterangan berisi teks' : 'the memo has text';
      else text = id ? 'keterangan kosong' : 'the memo is empty';
      // Where the fact came from: the host's field, or the account's history.
      if (e.source === 'history') {
        const days = e.days === undefined ? '' : id ? `, pertama kali dibayar ${e.days} hari lalu` : `, first paid ${e.days} day${e.days === 1 ? '' : 's'} ago`;
        text += id ? ` (menurut riwayat rekening${days})` : ` (from the account’s history${days})`;
      } else if (e.source === 'transaction') text += id ? ' (menurut transaksi)' : ' (as the transaction says)';
      return text;
    }
    case 'watchlist': {
      const party = word('party', e.field.split('.')[0], locale);
      return id ? `ID ${party} ada di daftar pantau ${q(e.list)}` : `the ${party}’s id is on the watchlist ${q(e.list)}`;
    }
    case 'accountAge': {
      const receiver = e.field === 'receiver.accountAgeDays';
      return id
        ? `umur rekening ${receiver ? 'penerima' : 'pengirim'} ${e.value} hari (di bawah ${e.below})`
        : `the ${receiver ? 'receiver' : 'sender'}’s account is ${e.value} day${e.value === 1 ? '' : 's'} old (below ${e.below})`;
    }
    case 'discount': {
      // The customer's normal behaviour lowered the indicator's weight.
      const to = Math.max(1, Math.floor((e.from * (100 - e.percent)) / 100));
      const what = historyPhrase({ ...e, kind: 'history' }, locale);
      return id
        ? `bobot diturunkan ${e.percent}% (${e.from} → ${to}) oleh diskon ${q(e.discount)}: ${what}`
        : `weight lowered ${e.percent}% (${e.from} → ${to}) by the discount ${q(e.discount)}: ${what}`;
    }
    case 'indicator':
      return id ? `indikator ${e.value} terpicu` : `indicator ${e.value} fired`;
    case 'history':
      return `${word('historySide', e.field, locale)}: ${historyPhrase(e, locale)}`;
    default:
      return JSON.stringify(e);
  }
}

/**
 * What the account's state measured, against the number the pack's
 * condition asks for. `count` is a number of payments or accounts, a
 * percentage (escalation, growth, amountAbove, samePrice,
 * outflowAfterInflow), or how long ago, in the window's unit, the first
 * payment or purchase was (payeeNew, recentMerchant: there `threshold` is
 * the window's length).
 */
function historyPhrase(e, locale) {
  const id = locale === 'id';
  const d = (v) => decimal(v, locale);
  const n = e.estimated ? (id ? `sekitar ${d(e.count)}` : `about ${d(e.count)}`) : d(e.count);
  const t = d(e.threshold);
  const w = historyWindow(e.window ?? '', locale);
  const ago = historyUnit(e.window ?? '', e.count, locale);
  const phrase = {
    payerCount: [`${n} payments in ${w} (threshold ${t})`, `${n} pembayaran dalam ${w} (ambang ${t})`],
    payeeCount: [`${n} payments to this payee in ${w} (threshold ${t})`, `${n} pembayaran ke penerima ini dalam ${w} (ambang ${t})`],
    payeeNew: [`this payee was first paid ${n} ${ago} ago (within ${w})`, `penerima ini pertama kali dibayar ${n} ${ago} lalu (dalam ${w})`],
    distinctPayees: [`${n} different payees in ${w} (threshold ${t})`, `${n} penerima berbeda dalam ${w} (ambang ${t})`],
    escalation: [
      `this payment is ${n}% of the average of the first payments to this payee (threshold ${t}%)`,
      `pembayaran ini ${n}% dari rata-rata pembayaran pertama ke penerima ini (ambang ${t}%)`,
    ],
    burstThenStop: [`${n} payments to one payee within ${w}, then none (threshold ${t})`, `${n} pembayaran ke satu penerima dalam ${w}, lalu berhenti (ambang ${t})`],
    recentMerchant: [
      `a purchase from a watched merchant ${n} ${ago} before this payment (within ${w})`,
      `pembelian dari merchant yang dipantau ${n} ${ago} sebelum pembayaran ini (dalam ${w})`,
    ],
    inboundCount: [`${n} incoming payments in ${w} (threshold ${t})`, `${n} pembayaran masuk dalam ${w} (ambang ${t})`],
    distinctSenders: [`${n} different senders paid it in ${w} (threshold ${t})`, `${n} pengirim berbeda membayarnya dalam ${w} (ambang ${t})`],
    outflowAfterInflow: [
      `${n}% of what came in during ${w} was paid out (threshold ${t}%)`,
      `${n}% dari dana yang masuk dalam ${w} dikeluarkan lagi (ambang ${t}%)`,
    ],
    payeeWeeks: [`this payee was paid in ${n} of the last ${w} (threshold ${t})`, `penerima ini dibayar dalam ${n} dari ${w} terakhir (ambang ${t})`],
    payeeGrowth: [
      `payments to this payee in the last two weeks are ${n}% of its first two weeks (threshold ${t}%)`,
      `pembayaran ke penerima ini dalam dua minggu terakhir ${n}% dari dua minggu pertamanya (ambang ${t}%)`,
    ],
    payeeSteady: [
      `${n} payments to this payee at a steady amount and regular intervals, by day (at least ${t} before this one)`,
      `${n} pembayaran ke penerima ini dengan nominal tetap dan berkala, pada siang hari (sedikitnya ${t} sebelum ini)`,
    ],
    firstAbroad: [`the first payment abroad in ${w}, after ${n} payments at home (threshold ${t})`, `pembayaran pertama ke luar negeri dalam ${w}, setelah ${n} pembayaran dalam negeri (ambang ${t})`],
    amountAbove: [
      `the payments on this day are ${n}% of the largest other day in ${w} (threshold ${t}%)`,
      `pembayaran pada hari ini ${n}% dari hari terbesar lainnya dalam ${w} (ambang ${t}%)`,
    ],
    samePrice: [
      `${n}% of the one-off payers in ${w} paid a price another of them paid (threshold ${t}%)`,
      `${n}% pembayar sekali-bayar dalam ${w} membayar harga yang juga dibayar pembayar lain (ambang ${t}%)`,
    ],
  }[e.measure] ?? [
    `${e.measure}: ${n}${e.window ? ` in ${w}` : ''} (threshold ${t})`,
    `${e.measure}: ${n}${e.window ? ` dalam ${w}` : ''} (ambang ${t})`,
  ];
  return phrase[id ? 1 : 0];
}

/**
 * The text and pattern evidence on one field among `items` (`[{ indicator,
 * evidence }]`): `[{ start, end, indicators: [id, ...], notes: [text, ...] }]`,
 * one entry per distinct span, keeping only spans that slice `value` to their
 * text.
 */
export function spansOf(items, field, value) {
  const byKey = new Map();
  for (const { indicator, evidence: e } of items) {
    if ((e.kind !== 'text' && e.kind !== 'pattern') || e.field !== field) continue;
    if (!(e.start >= 0 && e.end > e.start && e.end <= value.length)) continue;
    if (value.slice(e.start, e.end) !== e.text) continue;
    const key = `${e.start}:${e.end}`;
    let span = byKey.get(key);
    if (!span) byKey.set(key, (span = { start: e.start, end: e.end, indicators: [], notes: [] }));
    if (!span.indicators.includes(indicator)) span.indicators.push(indicator);
    const note = e.kind === 'text' ? `term “${e.term}”` : e.pattern;
    if (!span.notes.includes(note)) span.notes.push(note);
  }
  return [...byKey.values()];
}

/** `spansOf` over every flag of a verdict. */
export function spansFor(verdict, field, value) {
  return spansOf(verdict.flags.flatMap((f) => f.evidence.map((evidence) => ({ indicator: f.indicator, evidence }))), field, value);
}

/** What a piece of evidence is about, as a short noun phrase (for references to a card that shows it). */
export function evidenceNoun(e, locale = 'en') {
  const id = locale === 'id';
  switch (e.kind) {
    case 'corridor':
      return id ? `rute ${e.from ?? '?'} → ${e.value}` : `the corridor ${e.from ?? '?'} → ${e.value}`;
    case 'amount':
    case 'roundAmount':
      return id ? `nominal ${e.value} ${e.currency}` : `the amount ${e.value} ${e.currency}`;
    case 'text':
    case 'pattern':
      return `${word('field', e.field, locale)} “${e.text}”`;
    case 'localHour':
      return id ? `jam setempat ${String(e.hour).padStart(2, '0')}` : `the local hour ${String(e.hour).padStart(2, '0')}`;
    case 'channel':
      return id ? `jalur ${word('channel', e.value, locale)}` : `the ${word('channel', e.value, locale)} channel`;
    default:
      return evidenceWords(e, locale);
  }
}

/**
 * Nests spans (outer first); a span that crosses the end of an enclosing one
 * is split at that end, so marks always nest.
 */
function nest(spans) {
  const queue = spans.map((s) => ({ ...s })).sort((a, b) => a.start - b.start || b.end - a.end);
  const root = { start: -Infinity, end: Infinity, children: [] };
  const stack = [root];
  while (queue.length) {
    const span = queue.shift();
    while (span.start >= stack[stack.length - 1].end) stack.pop();
    const parent = stack[stack.length - 1];
    if (span.end > parent.end) {
      const rest = { ...span, start: parent.end };
      span.end = parent.end;
      let k = queue.findIndex((o) => o.start > rest.start || (o.start === rest.start && o.end < rest.end));
      if (k === -1) k = queue.length;
      queue.splice(k, 0, rest);
    }
    const node = { ...span, children: [] };
    parent.children.push(node);
    stack.push(node);
  }
  return root.children;
}

function render(target, value, from, to, nodes) {
  let at = from;
  for (const node of nodes) {
    if (node.start > at) target.appendChild(document.createTextNode(value.slice(at, node.start)));
    const mark = h('mark', {
      class: 'evidence',
      'data-start': node.start,
      'data-end': node.end,
      'data-indicator': node.indicators.join(' '),
      title: `${node.indicators.join(', ')}: ${node.notes.join('; ')} (characters ${node.start}–${node.end})`,
    });
    render(mark, value, node.start, node.end, node.children);
    target.appendChild(mark);
    at = node.end;
  }
  if (to > at) target.appendChild(document.createTextNode(value.slice(at, to)));
}

/**
 * `value` as text nodes with `<mark class="evidence" data-start data-end
 * data-indicator>` over each span (`data-indicator`: the indicator ids,
 * space-separated, so `[data-indicator~="ID"]` selects them).
 */
export function highlight(value, spans) {
  const fragment = document.createDocumentFragment();
  render(fragment, value, 0, value.length, nest(spans));
  return fragment;
}
