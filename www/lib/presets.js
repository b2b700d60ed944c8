// Example transactions for the single-transaction form. All synthetic; the
// expected levels are those of the default pack (checked against the package
// in Node and by the browser tests).

export const PRESETS = {
  domestic: {
    label: 'Ordinary domestic payment (QRIS school fee)',
    expect: ['none', 'low'],
    note:
      'An everyday Indonesian QRIS payment to a school. "SPP" (school fees) is on the cover-story list, but alone, domestic and in daytime it stays below the low threshold: one word means nothing without other signals.',
    tx: {
      id: 'demo-domestic-001',
      timestamp: '2026-11-20T14:00:00+07:00',
      amount: '250000',
      currency: 'IDR',
      channel: 'qris',
      memo: 'SPP November',
      sender: { id: 'cust-0418', country: 'ID', accountAgeDays: 1460, isMinor: false },
      receiver: { id: 'mrc-sd-harapan', country: 'ID', isNew: false },
      merchant: { name: 'SD Harapan Bangsa', descriptor: 'QRIS*SD HARAPAN BANGSA', mcc: '8211', country: 'ID' },
    },
  },
  'austrac-ppv': {
    label: 'AUSTRAC pay-per-view remittance pattern',
    expect: ['review', 'high'],
    note:
      'The pattern AUSTRAC describes for payments for live-streamed abuse: a small remittance from Australia to the Philippines, late at night in the sender’s time zone, to a new payee, with a household cover story.',
    tx: {
      id: 'demo-austrac-ppv-001',
      timestamp: '2026-11-20T02:10:00+10:00',
      amount: '50',
      currency: 'AUD',
      channel: 'remittance',
      memo: 'school fees',
      sender: { id: 'cust-2291', country: 'AU', accountAgeDays: 412, isMinor: false },
      receiver: { id: 'payee-7731', country: 'PH', isNew: true },
    },
  },
  'fatf-sextortion': {
    label: 'FATF financial sextortion pattern',
    expect: ['review', 'high'],
    note:
      'The protective direction FATF and others describe: a minor’s account paying a new payee abroad, by a peer-to-peer app, late in the evening, to a country sextortion reports name.',
    tx: {
      id: 'demo-fatf-sextortion-001',
      timestamp: '2026-11-20T23:30:00+10:00',
      amount: '300',
      currency: 'AUD',
      channel: 'p2p',
      sender: { id: 'cust-5120', country: 'AU', accountAgeDays: 210, isMinor: true },
      receiver: { id: 'payee-0907', country: 'NG', isNew: true },
    },
  },
  'micro-message': {
    label: 'Micro-payment carrying a message',
    expect: ['review', 'high'],
    note:
      'A token payment used only to deliver a message to the payee, as AUSTRAC describes for abuse through payment text: fifty cents with a social-media handle in the description.',
    tx: {
      id: 'demo-micro-message-001',
      timestamp: '2026-11-20T16:45:00+10:00',
      amount: '0.50',
      currency: 'AUD',
      channel: 'p2p',
      memo: 'dm me @lena_x',
      sender: { id: 'cust-3307', country: 'AU', accountAgeDays: 930, isMinor: false },
      receiver: { id: 'payee-4410', country: 'AU', isNew: true },
    },
  },
  'vpn-webcam': {
    label: 'Purchase from a VPN or webcam merchant',
    expect: ['none', 'low'],
    note:
      'A card purchase whose merchant name and descriptor name a live-streaming service and a VPN: categories that FINTRAC and AUSTRAC list as weak, supporting signals.',
    tx: {
      id: 'demo-vpn-webcam-001',
      timestamp: '2026-11-20T20:15:00+10:00',
      amount: '19.99',
      currency: 'AUD',
      channel: 'card',
      sender: { id: 'cust-6612', country: 'AU', accountAgeDays: 2044, isMinor: false },
      merchant: { name: 'NightCam Live Stream', descriptor: 'SQ*PRIVATE VPN', mcc: '4816', country: 'AU' },
    },
  },
  'obfuscated-memo': {
    label: 'Obfuscated cover-story memo',
    expect: ['review', 'high'],
    note:
      'The same remittance pattern with the cover story spaced out and written with digits for letters. The normalizer undoes spacing and leetspeak, and the evidence shows the span as written.',
    tx: {
      id: 'demo-obfuscated-memo-001',
      timestamp: '2026-11-20T01:00:00+10:00',
      amount: '40',
      currency: 'AUD',
      channel: 'remittance',
      memo: 's c h 0 0 l  f e e s',
      sender: { id: 'cust-8824', country: 'AU', accountAgeDays: 388, isMinor: false },
      receiver: { id: 'payee-1186', country: 'PH', isNew: true },
    },
  },
};

export const DEFAULT_PRESET = 'austrac-ppv';
