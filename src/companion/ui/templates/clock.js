// The clock (ui/clock.py): the time, the slot's progress and a countdown, redrawn each second.
const fmt = new Intl.DateTimeFormat(cfg.locale, {hour:"2-digit", minute:"2-digit", second:"2-digit", hour12:false, timeZone: cfg.tz});
function span(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
  const p = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${p(m)}:${p(r)}` : `${m}:${p(r)}`;
}
function tick() {
  const now = Date.now() + cfg.offset;
  watchBoundaries(cfg, now);
  document.getElementById("time").textContent = fmt.format(new Date(now));
  if (cfg.start !== null && cfg.end !== null) {
    const pct = Math.min(100, Math.max(0, 100 * (now - cfg.start) / (cfg.end - cfg.start)));
    document.getElementById("fill").style.width = pct + "%";
    document.getElementById("bar").setAttribute("aria-valuenow", Math.round(pct));
  }
  if (cfg.target !== null) {
    document.getElementById("count").textContent = cfg.countLabel + " " + span(cfg.target - now);
  }
}
tick();
setTimeout(function loop() { tick(); setTimeout(loop, 1000 - (Date.now() + cfg.offset) % 1000 + 5); }, 1000 - (Date.now() + cfg.offset) % 1000 + 5);
