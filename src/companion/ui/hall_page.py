"""The Spørsmål page's working part as ONE iframe: the question form, the hall's list with vote
buttons, the reader's own questions and the answered ones.

The browser draws it from the view data (ui/hall_view.py) and talks to small routes
(ui/hall_routes.py, ui/vote_route.py): asking is a POST /api/ask, voting a POST /api/vote,
following the list a GET /api/questions every few seconds that answers a few bytes when nothing
changed. None of it is a Streamlit script run.

The list keeps the order it was drawn in while the reader scrolls: questions that arrive later
are counted ("3 nye spørsmål – vis") and shown on a tap, never shuffled in under a thumb.
Cards carry HTML escaped by question_html(); everything else the script writes is textContent.
The config sits in a JSON script element with "<" escaped, so no text can end it early.
"""

import functools
import html
import json
import re
from pathlib import Path

import streamlit as st

from .. import questions
from ..event import Event
from ..i18n import error_text, t
from .live import POLL_SECONDS
from .question_card import CSS as CARD_CSS
from .question_card import theme_label

# What the script writes itself (the rest of the page's text is in the template).
_STRINGS = {
    "newOne": "q.new_one",
    "vote": "q.vote",
    "voted": "q.voted",
    "voteHelp": "q.vote_help",
    "votesOne": "q.votes_one",
    "yours": "q.yours",
    "voteOffline": "q.vote_offline",
}
_COUNTED = {
    "newMany": "q.new_many",
    "listHeading": "q.list_heading",
    "mineHeading": "q.mine_heading",
    "answeredHeading": "q.answered_heading",
    "votesMany": "q.votes_many",
}

_TEMPLATE = """<!doctype html><html lang="@lang@"><head><meta charset="utf-8">@card_css@<style>
html,body{margin:0;padding:0;background:transparent}
body{font-family:"Source Sans","Source Sans Pro",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#31333f;font-size:1rem;line-height:1.6}
h3{font-size:1.5rem;font-weight:600;line-height:1.2;margin:1.25rem 0 .75rem 0;padding:0}
h3:first-child{margin-top:.25rem}
[hidden]{display:none!important}
.box{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:calc(1rem - 1px);margin:0 0 1rem 0}
label,legend{font-size:.875rem;color:#31333f}
textarea{box-sizing:border-box;width:100%;min-height:110px;font:inherit;padding:.5rem .75rem;border:1px solid #f0f2f6;border-radius:.5rem;background:#f0f2f6;color:#31333f;resize:vertical;margin-top:.25rem}
textarea:focus{outline:none;border-color:#0b5394}
.count{text-align:right;font-size:.8rem;color:rgba(49,51,63,.6)}
fieldset{border:0;margin:.5rem 0;padding:0}
.choices{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin-top:.25rem}
.choices label,.check{font-size:1rem;display:inline-flex;align-items:center;gap:.4rem;cursor:pointer;min-height:2rem}
input[type=radio],input[type=checkbox]{accent-color:#0b5394;width:1.1rem;height:1.1rem;margin:0}
.help{font-size:.875rem;color:rgba(49,51,63,.6);margin:0 0 .5rem 1.5rem}
button{font:inherit;font-size:1rem;line-height:1.6;min-height:2.5rem;padding:.25rem .9rem;border-radius:.5rem;cursor:pointer;border:1px solid rgba(49,51,63,.2);background:#fff;color:#31333f;touch-action:manipulation}
button:hover{border-color:#0b5394;color:#0b5394}
button.primary{width:100%;background:#0b5394;border-color:#0b5394;color:#fff;margin-top:.5rem}
button.primary:hover{background:#0a4a85;color:#fff}
button[aria-busy=true]{opacity:.7}
.flash{border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0 0 0}
.flash.ok{background:rgba(33,195,84,.1);color:#177233}
.flash.bad{background:rgba(255,43,43,.09);color:#7d353b}
.closed{background:rgba(28,131,225,.1);color:#004280;border-radius:.5rem;padding:1rem;margin:0 0 1rem 0}
.sorts{display:inline-flex;border:1px solid rgba(49,51,63,.2);border-radius:.5rem;overflow:hidden;margin:0 0 1rem 0}
.sorts button{border:0;border-radius:0;min-height:2.25rem}
.sorts button+button{border-left:1px solid rgba(49,51,63,.2)}
.sorts button[aria-pressed=true]{background:#e6eef8;color:#0b3d6e;font-weight:600}
.fresh{width:100%;margin:0 0 1rem 0}
.card{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:calc(1rem - 1px);margin:0 0 1rem 0}
.qmeta .qvotes{font-weight:600}
.row{display:flex;align-items:center;gap:.75rem;flex-wrap:wrap;margin-top:.9rem}
.vote.on{background:#0b5394;border-color:#0b5394;color:#fff}
.yours{font-size:.875rem;color:rgba(49,51,63,.6);margin-top:.6rem}
.msg{font-size:.875rem;color:#7a4b00}
.empty{font-size:.875rem;color:rgba(49,51,63,.6)}
details{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;margin:0 0 1rem 0}
summary{padding:.6rem 1rem;cursor:pointer;font-size:1rem}
details>div{padding:0 1rem 1rem 1rem}
details .card{border:0;border-top:1px solid rgba(49,51,63,.1);border-radius:0;padding:.75rem 0 0 0;margin:.75rem 0 0 0}
</style></head><body>
<section id="ask" hidden>
  <h3>@ask_heading@</h3>
  <form class="box" novalidate>
    <label for="text">@ask_label@</label>
    <textarea id="text" maxlength="@max@" aria-describedby="count"></textarea>
    <div class="count" id="count" aria-live="off">0/@max@</div>
    <fieldset><legend>@theme_label@</legend><div class="choices">@themes@</div></fieldset>
    <label class="check"><input type="checkbox" id="show"> @show_name@</label>
    <p class="help">@show_name_help@</p>
    <button type="submit" class="primary" id="send">@send@</button>
    <div class="flash" id="flash" role="status" aria-live="polite" hidden></div>
  </form>
</section>
<div class="closed" id="closed" role="note" hidden></div>
<h3 id="listHeading"></h3>
<div class="sorts" role="group" aria-label="@sort_label@">
  <button type="button" data-sort="votes" aria-pressed="true">@sort_votes@</button><button type="button" data-sort="newest" aria-pressed="false">@sort_newest@</button>
</div>
<button type="button" class="fresh" id="fresh" hidden></button>
<div id="list"></div>
<p class="empty" id="empty" hidden>@none_yet@</p>
<details id="mine" open hidden><summary></summary><div></div></details>
<details id="answered" hidden><summary></summary><div></div></details>
<script type="application/json" id="cfg">@config@</script>
<script>
const cfg = JSON.parse(document.getElementById("cfg").textContent);
const S = cfg.strings;
let view = cfg.view, sort = "votes", order = null, nonce = newNonce(), sentAt = 0;
const pending = new Map(), messages = new Map(), timers = new Map();
const $ = (id) => document.getElementById(id);

function newNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
const counted = (template, n) => template.replace("@n@", n);
const votesLabel = (n) => n === 1 ? S.votesOne : counted(S.votesMany, n);

function sorted(list) {
  // The server sends newest first; a stable sort keeps that order among equal votes.
  return sort === "votes" ? list.slice().sort((a, b) => b.votes - a.votes) : list.slice();
}

function cardElement(card, withVote) {
  const el = document.createElement("div");
  el.className = "card";
  el.dataset.qid = card.id;
  el.innerHTML = card.html;  // escaped by the server (question_html)
  if (!withVote) return el;
  const mine = view.me.mine.some((m) => m.id === card.id);
  if (mine) {
    const note = document.createElement("div");
    note.className = "yours";
    note.textContent = S.yours;
    el.append(note);
    return el;
  }
  const voted = pending.has(card.id) ? pending.get(card.id).wish : view.me.voted.includes(card.id);
  const votes = pending.has(card.id) ? pending.get(card.id).votes : card.votes;
  el.querySelector(".qvotes").textContent = votesLabel(votes);
  const row = document.createElement("div"), button = document.createElement("button"), msg = document.createElement("span");
  row.className = "row";
  button.type = "button";
  button.className = "vote" + (voted ? " on" : "");
  button.textContent = voted ? S.voted : S.vote;
  button.title = voted ? S.voteHelp : "";
  button.setAttribute("aria-pressed", voted ? "true" : "false");
  button.setAttribute("aria-busy", pending.has(card.id) ? "true" : "false");
  msg.className = "msg";
  msg.setAttribute("role", "status");
  msg.setAttribute("aria-live", "polite");
  msg.textContent = messages.get(card.id) || "";
  row.append(button, msg);
  el.append(row);
  return el;
}

function drawSection(id, cards, heading) {
  const section = $(id);
  section.hidden = cards.length === 0;
  section.querySelector("summary").textContent = counted(heading, cards.length);
  section.querySelector("div").replaceChildren(...cards.map((c) => cardElement(c, false)));
}

function draw() {
  const hall = view.hall;
  $("ask").hidden = !hall.open;
  $("closed").hidden = hall.open;
  $("closed").textContent = hall.closed ? "🔒 " + hall.closed : "";
  const byId = new Map(hall.list.map((c) => [c.id, c]));
  const current = sorted(hall.list);
  if (order === null) order = current.map((c) => c.id);
  // The reader's own question goes to the top at once, never behind a "new questions" tap.
  const own = new Set(view.me.mine.map((m) => m.id));
  for (const c of hall.list) if (own.has(c.id) && !order.includes(c.id)) order.unshift(c.id);
  const seen = new Set(order);
  const shown = order.filter((id) => byId.has(id)).map((id) => byId.get(id));
  const fresh = current.filter((c) => !seen.has(c.id)).length;
  $("listHeading").textContent = counted(S.listHeading, shown.length);
  $("fresh").hidden = fresh === 0;
  $("fresh").textContent = "🔄 " + (fresh === 1 ? S.newOne : counted(S.newMany, fresh));
  $("list").replaceChildren(...shown.map((c) => cardElement(c, true)));
  $("empty").hidden = shown.length > 0;
  drawSection("mine", view.me.mine, S.mineHeading);
  drawSection("answered", hall.answered, S.answeredHeading);
  for (const button of document.querySelectorAll("[data-sort]")) button.setAttribute("aria-pressed", button.dataset.sort === sort ? "true" : "false");
  fit();
}

function fit() {
  // Grow and shrink with the content, so the page scrolls, never the frame.
  if (window.frameElement) window.frameElement.style.height = document.documentElement.scrollHeight + "px";
}

async function poll() {
  try {
    const url = "/api/questions?t=" + encodeURIComponent(cfg.token) + "&lang=" + cfg.lang + "&v=" + view.v;
    const answer = await fetch(url, {cache: "no-store"});
    if (!answer.ok) return;
    const body = await answer.json();
    if (!body.same) { view = body; draw(); }
  } catch (e) { /* offline for a moment: the next poll tries again */ }
}

function say(qid, text) {
  if (text) messages.set(qid, text); else messages.delete(qid);
  clearTimeout(timers.get(qid));
  if (text) timers.set(qid, setTimeout(() => { messages.delete(qid); draw(); }, 5000));
}

async function vote(qid) {
  if (pending.has(qid)) return;  // one request per card at a time
  const card = view.hall.list.find((c) => c.id === qid);
  if (!card) return;
  const was = view.me.voted.includes(qid), wish = !was;
  pending.set(qid, {wish, votes: Math.max(0, card.votes + (wish ? 1 : -1))});  // at once; the server confirms
  draw();
  try {
    const answer = await fetch("/api/vote", {method: "POST", cache: "no-store", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({token: cfg.token, question_id: qid, vote: wish, lang: cfg.lang})});
    const body = await answer.json().catch(() => ({}));
    if (answer.ok) {
      view.me.voted = body.voted ? view.me.voted.concat([qid]) : view.me.voted.filter((id) => id !== qid);
      card.votes = body.votes;
      say(qid, "");
    } else {
      say(qid, body.message || S.voteOffline);
    }
  } catch (e) {
    say(qid, S.voteOffline);
  } finally {
    pending.delete(qid);
    draw();
  }
}

function flash(text, ok) {
  const box = $("flash");
  box.hidden = false;
  box.className = "flash " + (ok ? "ok" : "bad");
  box.textContent = text;
  fit();
}

async function ask(event) {
  event.preventDefault();
  const send = $("send");
  if (send.getAttribute("aria-busy") === "true") return;  // the first tap is still on its way
  if (!$("text").value.trim() && Date.now() - sentAt < 2000) return;  // the second tap of a double tap
  send.setAttribute("aria-busy", "true");
  const theme = Number(document.querySelector("input[name=theme]:checked").value);
  try {
    const answer = await fetch("/api/ask", {method: "POST", cache: "no-store", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({token: cfg.token, text: $("text").value, theme, show_name: $("show").checked, nonce, lang: cfg.lang})});
    const body = await answer.json().catch(() => ({}));
    if (answer.ok) {
      $("text").value = "";
      $("show").checked = false;
      counter();
      nonce = newNonce();  // the next question is a new one; a retry of this one kept the old
      sentAt = Date.now();
      view = body.view;
      order = null;  // the reader's own question takes its place in the list at once
      draw();
      flash(body.message, true);
    } else {
      flash(body.message || S.askOffline, false);
    }
  } catch (e) {
    flash(S.askOffline, false);
  } finally {
    send.setAttribute("aria-busy", "false");
  }
}

function counter() { $("count").textContent = $("text").value.length + "/" + cfg.max; }

document.addEventListener("click", (e) => {
  const voteButton = e.target.closest(".vote");
  if (voteButton) return vote(Number(voteButton.closest(".card").dataset.qid));
  const sortButton = e.target.closest("[data-sort]");
  if (sortButton && sortButton.dataset.sort !== sort) { sort = sortButton.dataset.sort; order = null; draw(); }
  if (e.target.closest("#fresh")) { order = null; draw(); }
});
document.querySelector("form").addEventListener("submit", ask);
$("text").addEventListener("input", counter);
for (const d of document.querySelectorAll("details")) d.addEventListener("toggle", fit);
window.addEventListener("resize", fit);
document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });
draw();
setInterval(poll, cfg.pollMs);
</script></body></html>"""


@functools.lru_cache(maxsize=1)
def _font_face() -> str:
    """Streamlit's own text face, which an iframe does not inherit: served by Streamlit itself,
    under a name that changes with its version."""
    media = Path(st.__file__).parent / "static" / "static" / "media"
    found = sorted(media.glob("SourceSansVF-Upright*.woff2"))
    if not found:
        return ""
    return f'<style>@font-face{{font-family:"Source Sans";src:url("/static/media/{found[0].name}") format("woff2");font-weight:200 900}}</style>'


def _themes(event: Event, lang: str, chosen: int) -> str:
    ids = [theme.id for theme in event.themes] + [0]
    if chosen not in ids:
        chosen = 0
    return "".join(
        f'<label><input type="radio" name="theme" value="{n}"{" checked" if n == chosen else ""}> {html.escape(theme_label(event, n, lang))}</label>'
        for n in ids
    )


def hall_page_html(view_json: str, event: Event, lang: str, token: str, theme: int) -> str:
    """The whole page; `view_json` is hall_view.view_json() for this reader, `token` theirs."""
    strings = {name: t(key, lang) for name, key in _STRINGS.items()}
    strings.update({name: t(key, lang, n="@n@") for name, key in _COUNTED.items()})
    strings["askOffline"] = error_text("ask_unavailable", lang)
    config = (
        f'{{"token":{json.dumps(token)},"lang":{json.dumps(lang)},"max":{questions.MAX_CHARS},'
        f'"pollMs":{POLL_SECONDS * 1000},"strings":{json.dumps(strings, ensure_ascii=False)},"view":{view_json}}}'
    )
    values = {
        "lang": lang,
        "max": str(questions.MAX_CHARS),
        "ask_heading": t("q.ask_heading", lang),
        "ask_label": t("q.ask_label", lang, max=questions.MAX_CHARS),
        "theme_label": t("q.theme_label", lang),
        "show_name": t("q.show_name", lang),
        "show_name_help": t("q.show_name_help", lang),
        "send": t("q.send", lang),
        "sort_label": t("q.sort_label", lang),
        "sort_votes": t("q.sort_votes", lang),
        "sort_newest": t("q.sort_newest", lang),
        "none_yet": t("q.none_yet", lang),
    }
    escaped = {key: html.escape(value) for key, value in values.items()}
    escaped["card_css"] = _font_face() + CARD_CSS
    escaped["themes"] = _themes(event, lang, theme)
    escaped["config"] = config.replace("<", "\\u003c")
    # One pass over the template: nothing substituted is ever substituted again.
    return re.sub(r"@([a-z_]+)@", lambda m: escaped.get(m.group(1), m.group(0)), _TEMPLATE)


_CONFIG = re.compile(r'<script type="application/json" id="cfg">(.*?)</script>', re.S)


def page_config(page: str) -> dict:
    """The config a page of hall_page_html() carries, as its script reads it (tests and the load
    tool read it the same way). Exactly one, or ValueError."""
    (text,) = _CONFIG.findall(page)
    return json.loads(text)


def hall_page(view_json: str, event: Event, lang: str, token: str, theme: int) -> None:
    st.iframe(hall_page_html(view_json, event, lang, token, theme), height="content")
