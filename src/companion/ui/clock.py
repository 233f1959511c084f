"""A clock that ticks in the browser: no server round trip per second.

The HTML depends only on its arguments (offset, slot bounds, labels), so Streamlit sends the
same iframe on every rerun and the browser does not reload it; it changes at slot boundaries.
"""

import html
import json
import re
from datetime import datetime

import streamlit as st

from .live import CLOCK_POLL_SECONDS, WATCH_JS, epoch_ms, watch_config

# Placeholders are @name@: the page is mostly CSS and JS braces, which str.format would trip on.
_TEMPLATE = """<!doctype html><html lang="@lang@"><head><meta charset="utf-8"><style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;background:transparent}
.time{font-size:@size@rem;font-weight:700;font-variant-numeric:tabular-nums;letter-spacing:.02em;line-height:1.1}
.bar{height:@bar@px;background:#d9dee5;border-radius:@bar@px;overflow:hidden;margin:.4rem 0}
.fill{height:100%;width:0;background:#0b5394}
.count{font-size:@count@rem;color:#1f2a37;font-variant-numeric:tabular-nums}
</style></head><body>
<div class="time" id="time" role="timer" aria-label="@clock_label@"></div>
<div class="bar" id="bar" @bar_hidden@ role="progressbar" aria-label="@progress_label@" aria-valuemin="0" aria-valuemax="100"><div class="fill" id="fill"></div></div>
<div class="count" id="count" @count_hidden@></div>
<script>
const cfg = @config@;
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
@watch_js@
tick();
setTimeout(function loop() { tick(); setTimeout(loop, 1000 - (Date.now() + cfg.offset) % 1000 + 5); }, 1000 - (Date.now() + cfg.offset) % 1000 + 5);
</script></body></html>"""


def clock_html(
    *,
    offset_ms: int,
    tz: str,
    lang: str,
    clock_label: str,
    start: datetime | None = None,
    end: datetime | None = None,
    target: datetime | None = None,
    count_label: str = "",
    progress_label: str = "",
    size: float = 3.2,
    watch: dict | None = None,
) -> str:
    """`watch` (see ui/live.py) makes the browser rerun the page's fragment when the polled
    version moves or the view's next change passes."""
    config = {
        "offset": offset_ms,
        "tz": tz,
        "locale": "nb-NO" if lang == "nb" else "en-GB",
        "start": epoch_ms(start),
        "end": epoch_ms(end),
        "target": epoch_ms(target),
        "countLabel": count_label,
        "watch": None,
    }
    if watch:
        config["watch"] = watch_config(watch, poll_seconds=CLOCK_POLL_SECONDS)
    values = dict(
        lang=html.escape(lang),
        size=size,
        bar=max(8, round(size * 3)),
        count=max(1.1, size / 2.6),
        clock_label=html.escape(clock_label),
        progress_label=html.escape(progress_label),
        bar_hidden="" if start and end else "hidden",
        count_hidden="" if target else "hidden",
        # The config sits inside <script>: escape "<" so no value can close the tag.
        config=json.dumps(config).replace("<", "\\u003c"),
        watch_js=WATCH_JS,
    )
    # One pass, so a value that happens to contain "@name@" is never substituted again.
    return re.sub(r"@(\w+)@", lambda m: str(values[m.group(1)]), _TEMPLATE)


def clock_height(size: float = 3.2, *, countdown: bool = True, bar: bool = True) -> int:
    """The iframe's height in px: fixed, so the page never jumps while the iframe measures itself."""
    rem = 16
    height = size * rem * 1.15
    if bar:
        height += max(8, round(size * 3)) + 0.8 * rem
    if countdown:
        height += max(1.1, size / 2.6) * rem * 1.35 * 2  # room for a two-line label on a phone
    return round(height + 6)


def browser_clock(**kwargs) -> None:
    height = clock_height(
        kwargs.get("size", 3.2),
        countdown=bool(kwargs.get("target")),
        bar=bool(kwargs.get("start") and kwargs.get("end")),
    )
    st.iframe(clock_html(**kwargs), height=height)
