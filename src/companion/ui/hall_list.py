"""The hall's question list as ONE iframe: cards drawn once, votes sent straight to /api/vote.

Every card used to be three Streamlit elements rebuilt on each vote; now the server sends
this page once per change of the list, and a vote is a small POST the browser applies to the
card in place (optimistically, rolled back with a short message if the server says no).
Question text is user input: it goes through question_html(), which escapes it, and nothing
here puts user text anywhere else. The config sits inside <script> with "<" escaped.
"""

import html
import json
import re

import streamlit as st

from ..event import Event
from ..i18n import t
from ..questions import Question
from .question_card import CSS as CARD_CSS
from .question_card import question_html

MAX_CARDS = 200  # one iframe holds a long list cheaply; beyond this nobody scrolls

# Placeholders are @name@ (CSS and JS are full of braces). Looks like st.container(border=True)
# with an st.button: the cards the page drew before.
_TEMPLATE = """<!doctype html><html lang="@lang@"><head><meta charset="utf-8">@card_css@<style>
html,body{margin:0;padding:0;background:transparent}
body{font-family:"Source Sans Pro","Source Sans 3",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#31333f}
.card{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:calc(1rem - 1px);margin:0 0 1rem 0}
.card:last-child{margin-bottom:2px}
.qmeta .qvotes{font-weight:600}
.row{display:flex;align-items:center;gap:.75rem;flex-wrap:wrap;margin-top:.9rem}
.vote{font:inherit;font-size:1rem;line-height:1.6;min-height:2.5rem;padding:.25rem .9rem;border-radius:.5rem;cursor:pointer;
  border:1px solid rgba(49,51,63,.2);background:#fff;color:#31333f;touch-action:manipulation}
.vote:hover{border-color:#0b5394;color:#0b5394}
.vote.on{background:#0b5394;border-color:#0b5394;color:#fff}
.vote[aria-busy=true]{opacity:.75}
.yours{font-size:.875rem;color:rgba(49,51,63,.6);margin-top:.6rem}
.msg{font-size:.875rem;color:#7a4b00}
</style></head><body>
@cards@
<script>
const cfg = @config@;
function votesLabel(n) { return n === 1 ? cfg.one : cfg.many.replace("@n@", n); }
function draw(card, voted, votes) {
  card.dataset.voted = voted ? "1" : "0";
  card.dataset.votes = votes;
  card.querySelector(".qvotes").textContent = votesLabel(votes);
  const button = card.querySelector(".vote");
  button.textContent = voted ? cfg.voted : cfg.vote;
  button.classList.toggle("on", voted);
  button.setAttribute("aria-pressed", voted ? "true" : "false");
  button.title = voted ? cfg.help : "";
}
function say(card, text) {
  const msg = card.querySelector(".msg");
  msg.textContent = text;
  clearTimeout(card.msgTimer);
  card.msgTimer = setTimeout(() => { msg.textContent = ""; }, 5000);
}
async function tap(card) {
  const button = card.querySelector(".vote");
  if (button.getAttribute("aria-busy") === "true") return;  // one request per card at a time
  const was = card.dataset.voted === "1", before = Number(card.dataset.votes);
  const wish = !was;
  draw(card, wish, Math.max(0, before + (wish ? 1 : -1)));  // at once; the server confirms
  button.setAttribute("aria-busy", "true");
  try {
    const answer = await fetch("/api/vote", {method: "POST", cache: "no-store", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({token: cfg.token, question_id: Number(card.dataset.qid), vote: wish, lang: cfg.lang})});
    const body = await answer.json().catch(() => ({}));
    if (answer.ok) { draw(card, body.voted, body.votes); say(card, ""); }
    else { draw(card, was, before); say(card, body.message || cfg.offline); }
  } catch (e) {
    draw(card, was, before); say(card, cfg.offline);
  } finally {
    button.setAttribute("aria-busy", "false");
  }
}
document.addEventListener("click", (e) => {
  const button = e.target.closest(".vote");
  if (button) tap(button.closest(".card"));
});
</script></body></html>"""


def _card(q: Question, event: Event, lang: str) -> str:
    body = question_html(q, event, lang, status=q.on_screen)
    if q.mine:
        below = f'<div class="yours">{html.escape(t("q.yours", lang))}</div>'
    else:
        label = t("q.voted", lang) if q.voted else t("q.vote", lang)
        title = html.escape(t("q.vote_help", lang)) if q.voted else ""
        below = (
            f'<div class="row"><button type="button" class="vote{" on" if q.voted else ""}" '
            f'aria-pressed="{"true" if q.voted else "false"}" title="{title}">{html.escape(label)}</button>'
            '<span class="msg" role="status" aria-live="polite"></span></div>'
        )
    return (
        f'<div class="card" data-qid="{int(q.id)}" data-voted="{int(q.voted)}" data-votes="{int(q.votes)}">'
        f"{body}{below}</div>"
    )


def hall_list_html(shown: list[Question], event: Event, lang: str, token: str) -> str:
    """The whole list as one self-contained page; `token` is the reader's own (for /api/vote)."""
    config = {
        "token": token,
        "lang": lang,
        "vote": t("q.vote", lang),
        "voted": t("q.voted", lang),
        "help": t("q.vote_help", lang),
        "one": t("q.votes_one", lang),
        "many": t("q.votes_many", lang, n="@n@"),
        "offline": t("q.vote_offline", lang),
    }
    values = {
        "lang": html.escape(lang),
        "card_css": CARD_CSS,
        "cards": "\n".join(_card(q, event, lang) for q in shown[:MAX_CARDS]),
        "config": json.dumps(config).replace("<", "\\u003c"),
    }
    # One pass over the template only: a question containing "@cards@" is never substituted again.
    return re.sub(r"@(lang|card_css|cards|config)@", lambda m: values[m.group(1)], _TEMPLATE)


def hall_list(shown: list[Question], event: Event, lang: str, token: str) -> None:
    st.iframe(hall_list_html(shown, event, lang, token), height="content")
