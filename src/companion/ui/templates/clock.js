// The clock (ui/clock.py): the time, the slot's progress and a countdown, redrawn each second.
const fmt = new Intl.DateTimeFormat(cfg.locale, {hour:"2-digit", minute:"2-digit", second:"2-digit", hour12:false, timeZone: cfg.tz});
// A duration in words, never "15:00" (which reads as a time of day): the same rule as i18n.duration_words.
function span(ms) {
  const w = cfg.words, s = Math.max(0, Math.round(ms / 1000));
  let text = `${s} ${w.s}`;
  if (s >= 60) {
    const total = Math.ceil(s / 60), h = Math.floor(total / 60), m = total % 60;
    text = [h ? `${h} ${w.h}` : "", m ? `${m} ${w.min}` : ""].filter(Boolean).join(" ");
  }
  return w.in.replace("{span}", text);
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
    const words = span(cfg.target - now);
    document.getElementById("count").textContent = cfg.countLabel ? cfg.countLabel + " " + words : words.charAt(0).toUpperCase() + words.slice(1);
  }
}
tick();
setTimeout(function loop() { tick(); setTimeout(loop, 1000 - (Date.now() + cfg.offset) % 1000 + 5); }, 1000 - (Date.now() + cfg.offset) % 1000 + 5);
