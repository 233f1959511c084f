// The Spørsmål page's iframe (ui/hall_page.py): drawn from `cfg.view`, kept fresh by /api/questions.
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
  // Which question: a screen reader lists a dozen buttons, and "Stem" alone says nothing.
  const start = el.querySelector(".qtext").textContent.slice(0, 60);
  button.setAttribute("aria-label", (voted ? S.votedOn : S.voteOn).replace("@q@", start));
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

function focused() {
  // What the keyboard was on, so a redraw can put it back: the list's elements are new each time.
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const card = el.closest("#list .card");
  if (card) return {qid: card.dataset.qid};
  return el.id === "fresh" || el.dataset.sort ? {id: el.id, sort: el.dataset.sort} : null;
}

function refocus(was) {
  if (!was || (document.activeElement && document.activeElement !== document.body)) return;
  let target = null;
  const card = was.qid && document.querySelector(`#list .card[data-qid="${was.qid}"]`);
  if (card) target = card.querySelector(".vote") || card;
  else if (was.sort) target = document.querySelector(`[data-sort="${was.sort}"]`);
  if (!target || target.closest("[hidden]")) target = $("listHeading");  // the question left the list
  if (target.classList.contains("card") || target.id === "listHeading") target.tabIndex = -1;
  target.focus({preventScroll: true});
}

function draw() {
  const was = focused();
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
  refocus(was);
  fit();
}

function fit() {
  // Grow and shrink with the content, so the page scrolls, never the frame (a same-origin frame:
  // see ui/streamlit_compat.py).
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
