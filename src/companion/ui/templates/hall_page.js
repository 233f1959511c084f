// The Spørsmål page's iframe (ui/hall_page.py): drawn from `cfg.view`, kept fresh by /api/questions.
const cfg = JSON.parse(document.getElementById("cfg").textContent);
const S = cfg.strings;
let view = cfg.view, sort = "votes", order = null, nonce = newNonce(), sentAt = 0;
const pending = new Map(), messages = new Map(), timers = new Map();
const $ = (id) => document.getElementById(id);
// Kept for a retry (retry.js): the question that did not get through, the draft, failed votes.
const askKey = "vk.ask." + cfg.token, draftKey = "vk.draft." + cfg.token, votesKey = "vk.votes." + cfg.token;
let failedVotes = kept(votesKey) || {}, awaiting = null, flashTimer = null;

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
  // "Sent, waiting for the moderator" goes once the question is out.
  if (awaiting !== null && (hall.list.some((c) => c.id === awaiting) || hall.answered.some((c) => c.id === awaiting))) {
    awaiting = null;
    unflash();
  }
  drawSection("mine", view.me.mine, S.mineHeading);
  drawSection("answered", hall.answered, S.answeredHeading);
  for (const button of document.querySelectorAll("[data-sort]")) button.setAttribute("aria-pressed", button.dataset.sort === sort ? "true" : "false");
  refocus(was);
  fit();
}


async function poll() {
  try {
    const url = cfg.api + "questions?t=" + encodeURIComponent(cfg.token) + "&lang=" + cfg.lang + "&v=" + view.v;
    const answer = await fetch(url, {cache: "no-store"});
    if (!answer.ok) return;
    const body = await answer.json();
    if (!body.same) { view = body; draw(); }
  } catch (e) { /* offline for a moment: the next poll tries again */ }
}

function say(qid, text, sticky = false) {
  // A message for one card; it goes after 5 s unless it says what is still true (a vote waiting for the network).
  if (text) messages.set(qid, text); else messages.delete(qid);
  clearTimeout(timers.get(qid));
  if (text && !sticky) timers.set(qid, setTimeout(() => { messages.delete(qid); draw(); }, 5000));
}

function keepVote(qid, wish) {
  if (wish === null) delete failedVotes[qid]; else failedVotes[qid] = wish;
  keep(votesKey, Object.keys(failedVotes).length ? failedVotes : null);
}

function retryVotes() {
  for (const [qid, wish] of Object.entries(failedVotes)) vote(Number(qid), wish);
}

async function vote(qid, wished = null) {
  if (pending.has(qid)) return;  // one request per card at a time
  const card = view.hall.list.find((c) => c.id === qid);
  if (!card) { keepVote(qid, null); return; }
  const was = view.me.voted.includes(qid), wish = wished === null ? !was : wished;
  if (wish === was) { keepVote(qid, null); say(qid, ""); draw(); return; }  // already as wished
  pending.set(qid, {wish, votes: Math.max(0, card.votes + (wish ? 1 : -1))});  // at once; the server confirms
  draw();
  // `vote` says the state wished for, so sending it again is harmless.
  const {answer, body} = await postJson("vote", {token: cfg.token, question_id: qid, vote: wish, lang: cfg.lang});
  if (answer && answer.ok) {
    view.me.voted = body.voted ? view.me.voted.concat([qid]) : view.me.voted.filter((id) => id !== qid);
    card.votes = body.votes;
    keepVote(qid, null);
    say(qid, "");
  } else if (networkFailed(answer)) {
    keepVote(qid, wish);
    say(qid, S.voteWaiting, true);
    whenBack("votes", retryVotes);
  } else {
    keepVote(qid, null);
    say(qid, body.message || S.voteOffline);
  }
  pending.delete(qid);
  draw();
}

function flash(text, ok, seconds = 0) {
  const box = $("flash");
  clearTimeout(flashTimer);
  box.hidden = false;
  box.className = "flash " + (ok ? "ok" : "bad");
  box.textContent = text;
  if (seconds) flashTimer = setTimeout(unflash, seconds * 1000);
  fit();
}

function unflash() {
  clearTimeout(flashTimer);
  $("flash").hidden = true;
  $("flash").textContent = "";
  fit();
}

async function ask(event) {
  event.preventDefault();
  if ($("send").getAttribute("aria-busy") === "true") return;  // the first tap is still on its way
  if (!$("text").value.trim() && Date.now() - sentAt < 2000) return;  // the second tap of a double tap
  const theme = Number(document.querySelector("input[name=theme]:checked").value);
  const payload = {token: cfg.token, text: $("text").value, theme, show_name: $("show").checked, nonce, lang: cfg.lang};
  const waiting = kept(askKey);
  // The same question tapped again while it waits for the network keeps its nonce: stored once.
  if (waiting && waiting.text === payload.text) payload.nonce = waiting.nonce;
  await sendAsk(payload);
}

async function sendAsk(payload) {
  const send = $("send");
  send.setAttribute("aria-busy", "true");
  const {answer, body} = await postJson("ask", payload);
  send.setAttribute("aria-busy", "false");
  if (answer && answer.ok) {
    keep(askKey, null);
    if ($("text").value === payload.text) {  // not what the reader typed since
      $("text").value = "";
      $("show").checked = false;
      keep(draftKey, null);
      counter();
    }
    nonce = newNonce();  // the next question is a new one; a retry of this one kept the old
    sentAt = Date.now();
    view = body.view;
    order = null;  // the reader's own question takes its place in the list at once
    awaiting = body.status === "pending" ? body.question_id : null;
    draw();
    flash(body.message, true, awaiting === null ? 8 : 0);
  } else if (networkFailed(answer)) {
    keep(askKey, payload);
    flash(S.askWaiting, false);
    whenBack("ask", retryAsk);
  } else {
    keep(askKey, null);
    flash(body.message || S.askOffline, false);
  }
}

function retryAsk() {
  const payload = kept(askKey);
  if (payload && $("send").getAttribute("aria-busy") !== "true") sendAsk(payload);
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
$("text").addEventListener("input", () => { counter(); keep(draftKey, $("text").value || null); });
for (const d of document.querySelectorAll("details")) d.addEventListener("toggle", fit);
window.addEventListener("resize", fit);
document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });
// A reload of the frame (the server came back) loses nothing: the draft, then what was waiting.
const draft = kept(askKey) ? kept(askKey).text : kept(draftKey);
if (draft && !$("text").value) { $("text").value = draft; counter(); }
draw();
if (kept(askKey)) { flash(S.askWaiting, false); retryAsk(); }
if (Object.keys(failedVotes).length) retryVotes();
setInterval(poll, cfg.pollMs);
