// Min gruppe's group notes (ui/hall_widgets.py): drawn from `cfg.view`, kept fresh by /api/notes.
const cfg = JSON.parse(document.getElementById("notes-cfg").textContent);
const S = cfg.strings;
const $ = (id) => document.getElementById(id);
let view = cfg.view, editing = null, nonce = newNonce(), drawnGuiding = "";

function newNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function drawGuiding() {
  const key = JSON.stringify(view.guiding);
  if (key === drawnGuiding) return;
  drawnGuiding = key;
  $("guiding").replaceChildren(...view.guiding.map((q, i) => {
    const label = el("label"), input = el("input");
    input.type = "radio"; input.name = "guiding"; input.value = i; input.checked = i === 0;
    label.append(input, el("span", "", q));
    return label;
  }));
}

function draw() {
  $("intro").textContent = view.canWrite ? S.introWriter : S.introReader;
  $("write").hidden = !view.canWrite;
  if (view.canWrite) drawGuiding();
  $("list").replaceChildren(...view.notes.map((n) => {
    const li = el("li");
    li.dataset.nid = n.id;
    li.append(el("span", "text", n.text), el("span", "tag", S.guiding + ": " + (view.guiding[n.guiding] || "") + (n.edited ? " · " + S.edited : "")));
    if (n.mine && view.canWrite) {
      const button = el("button", "edit", S.edit);
      button.type = "button";
      button.addEventListener("click", () => startEdit(n));
      li.append(button);
    }
    return li;
  }));
  $("empty").hidden = view.notes.length > 0;
  fit();
}

function startEdit(note) {
  editing = note.id;
  $("text").value = note.text;
  const radio = document.querySelector("input[name=guiding][value='" + note.guiding + "']");
  if (radio) radio.checked = true;
  $("send").textContent = S.save;
  $("cancel").hidden = false;
  $("text").focus();
  fit();
}
function stopEdit() {
  editing = null;
  $("text").value = "";
  $("send").textContent = S.send;
  $("cancel").hidden = true;
}

function flash(text, ok) {
  const box = $("flash");
  box.hidden = false; box.className = "flash " + (ok ? "ok" : "bad"); box.textContent = text;
  fit();
}

async function send(event) {
  event.preventDefault();
  const button = $("send");
  if (button.getAttribute("aria-busy") === "true") return;
  const checked = document.querySelector("input[name=guiding]:checked");
  button.setAttribute("aria-busy", "true");
  try {
    const {answer: reply, body} = await postJson("notes", {token: cfg.token, text: $("text").value,
      guiding: checked ? Number(checked.value) : 0, nonce, note_id: editing, lang: cfg.lang});
    const ok = Boolean(reply && reply.ok);
    if (ok) {
      nonce = newNonce();
      stopEdit();
      view = body.view;
      draw();
    }
    flash(body.message || S.offline, ok);
  } finally {
    button.setAttribute("aria-busy", "false");
  }
}

async function poll() {
  try {
    const url = cfg.api + "notes?t=" + encodeURIComponent(cfg.token) + "&lang=" + cfg.lang + "&v=" + encodeURIComponent(view.v);
    const reply = await fetch(url, {cache: "no-store"});
    if (!reply.ok) return;
    const body = await reply.json();
    if (!body.same) { view = body; draw(); }
  } catch (e) { /* offline for a moment: the next poll tries again */ }
}

$("write").addEventListener("submit", send);
$("cancel").addEventListener("click", () => { stopEdit(); fit(); });
window.addEventListener("resize", fit);
document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });
draw();
setInterval(poll, cfg.pollMs);
