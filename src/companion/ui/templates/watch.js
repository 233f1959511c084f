// Follow changes without a server tick (ui/live.py): `cfg.watch` comes from watch_config().
// When the polled version moves or the view's next change passes, press the page's hidden
// refresh button, which reruns only the fragment that holds it.
let pressed = 0;
function refresh(reason) {
  // The button is in the parent page (same origin; see ui/streamlit_compat.py); at most once per 5 s.
  if (!cfg.watch || Date.now() - pressed < 5000) return;
  const button = window.parent.document.querySelector(cfg.watch.button);
  if (button) { pressed = Date.now(); button.click(); }
}
function watchBoundaries(cfg, now) {
  if (cfg.watch && cfg.watch.nextChange !== null && now >= cfg.watch.nextChange) refresh("boundary");
}
async function poll() {
  try {
    const answer = await fetch(cfg.watch.api + "version", {cache: "no-store"});
    if (answer.ok && (await answer.json())[cfg.watch.field] !== cfg.watch.version) refresh("version");
  } catch (e) { /* offline for a moment: try again at the next poll */ }
}
if (cfg.watch) setInterval(poll, cfg.watch.pollMs);
