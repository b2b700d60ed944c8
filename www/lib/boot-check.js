// Loaded before app.js and independent of the package: if the engine cannot
// load (no WebAssembly, the page opened as a file, a missing file on the
// server), say so on the page instead of leaving it silently inert.
const box = document.getElementById('load-error');

function fail(message) {
  if (document.body.dataset.ready === 'true' || !box) return;
  box.textContent = `The screening engine did not load: ${message}`;
  box.hidden = false;
  const line = document.getElementById('engine-line');
  if (line) line.textContent = 'Engine not loaded';
}

if (location.protocol === 'file:') {
  fail('this page must be served over http (run node www/serve.mjs and open the address it prints).');
} else if (typeof WebAssembly !== 'object') {
  fail('this browser has no WebAssembly.');
}
window.addEventListener('error', (event) => fail(event.message || 'a script failed.'));
window.addEventListener('unhandledrejection', (event) => fail(String(event.reason?.message ?? event.reason)));
setTimeout(() => fail('it took longer than 30 seconds; reload the page to try again.'), 30_000);
