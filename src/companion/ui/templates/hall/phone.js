// Nå's live part (ui/hall_widgets.py): follows /api/version's "hall" field and fetches /api/phone.
const cfg = JSON.parse(document.getElementById("phone-cfg").textContent);
const S = cfg.strings;
const $ = (id) => document.getElementById(id);
let view = cfg.view, hallVersion = cfg.version, polls = 0, drawnPoll = null;
const KEY = "verksted.dismissed";

function dismissed() {
  try { return new Set(JSON.parse(localStorage.getItem(KEY) || "[]")); } catch (e) { return new Set(); }
}
function dismiss(id) {
  const gone = dismissed();
  gone.add(id);
  try { localStorage.setItem(KEY, JSON.stringify(Array.from(gone).slice(-200))); } catch (e) { /* private mode */ }
  drawBanners();
}

function drawBanners() {
  const gone = dismissed();
  $("banners").replaceChildren(...view.messages.filter((m) => !gone.has(m.id)).map((m) => {
    const box = el("div", "banner"), what = el("div", "what"), close = el("button", "", S.dismiss);
    box.dataset.mid = m.id;
    what.append(el("strong", "", "📣 " + S.newMessage + " · " + m.at), el("span", "text", m.text));
    close.type = "button";
    close.addEventListener("click", () => dismiss(m.id));
    box.append(what, close);
    return box;
  }));
  fit();
}

function drawList(id, items, make) {
  const box = $(id);
  box.hidden = items.length === 0;
  box.querySelector("ul").replaceChildren(...items.map(make));
}

function drawPoll() {
  const poll = view.poll;
  $("poll").hidden = !poll;
  if (!poll) { drawnPoll = null; return; }
  const key = poll.id + ":" + JSON.stringify(poll.labels);
  $("pollSend").textContent = poll.mine === null ? S.send : S.update;
  if (drawnPoll === key) return;  // keep what the reader is choosing
  drawnPoll = key;
  $("pollQuestion").textContent = poll.question;
  $("scaleHelp").hidden = poll.kind !== "scale";
  const box = $("pollChoices");
  box.className = "choices" + (poll.kind === "scale" ? " scale" : "");
  if (poll.kind === "words") {
    const input = el("input");
    input.type = "text"; input.id = "words"; input.maxLength = 60; input.autocomplete = "off";
    input.setAttribute("aria-label", S.wordsLabel); input.placeholder = S.wordsLabel;
    input.value = typeof poll.mine === "string" ? poll.mine : "";
    box.replaceChildren(input);
  } else {
    const mine = Array.isArray(poll.mine) ? poll.mine : [];
    box.replaceChildren(...poll.labels.map((label, i) => {
      const value = poll.kind === "scale" ? i + 1 : i;
      const wrap = el("label"), input = el("input");
      input.type = poll.kind === "multiple" ? "checkbox" : "radio";
      input.name = "choice"; input.value = value; input.checked = mine.includes(value);
      wrap.append(input, document.createTextNode(" " + label));
      return wrap;
    }));
  }
}

function draw() {
  drawBanners();
  if (cfg.bannersOnly) { fit(); return; }  // Min gruppe and Spørsmål: the organizer's messages only
  drawPoll();
  drawList("presentations", view.presentations, (p) => {
    const li = el("li"), a = el("a", "", p.label + ": " + p.title);
    a.href = p.href; a.target = "_blank"; a.rel = "noopener noreferrer";
    li.append(p.item ? el("span", "when", p.item) : "", a);
    return li;
  });
  drawList("messages", view.messages, (m) => {
    const li = el("li");
    li.append(el("span", "when", m.at), el("span", "text", m.text));
    return li;
  });
  fit();
}

function flash(text, ok) {
  const box = $("pollFlash");
  box.hidden = false; box.className = "flash " + (ok ? "ok" : "bad"); box.textContent = text;
  fit();
}

async function send(event) {
  event.preventDefault();
  const poll = view.poll, button = $("pollSend");
  if (!poll || button.getAttribute("aria-busy") === "true") return;
  let answer;
  if (poll.kind === "words") answer = $("words").value;
  else answer = Array.from(document.querySelectorAll("input[name=choice]:checked"), (i) => Number(i.value));
  button.setAttribute("aria-busy", "true");
  try {
    const {answer: reply, body} = await postJson("poll", {token: cfg.token, poll_id: poll.id, answer, lang: cfg.lang});
    const ok = Boolean(reply && reply.ok);
    if (ok) { poll.mine = answer; drawPoll(); }
    flash(body.message || S.offline, ok);
  } finally {
    button.setAttribute("aria-busy", "false");
  }
}

async function refresh() {
  try {
    const reply = await fetch(cfg.api + "phone?t=" + encodeURIComponent(cfg.token) + "&lang=" + cfg.lang, {cache: "no-store"});
    if (reply.ok) { view = await reply.json(); draw(); }
  } catch (e) { /* offline for a moment */ }
}

async function poll() {
  polls += 1;
  try {
    const reply = await fetch(cfg.api + "version", {cache: "no-store"});
    if (!reply.ok) return;
    const body = await reply.json();
    // A new message or poll at once; presentations of items that began, within a minute.
    if (body.hall !== hallVersion || polls % 6 === 0) { hallVersion = body.hall; await refresh(); }
  } catch (e) { /* offline for a moment: the next poll tries again */ }
}

document.querySelector("form").addEventListener("submit", send);
for (const d of document.querySelectorAll("details")) d.addEventListener("toggle", fit);
window.addEventListener("resize", fit);
document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });
draw();
setInterval(poll, cfg.pollMs);
