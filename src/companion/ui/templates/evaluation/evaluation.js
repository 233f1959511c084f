// The evaluation form: answers go to POST /api/evaluation, no Streamlit run. Text the person
// typed is only ever set as a value or textContent.
const cfg = JSON.parse(document.getElementById("cfg").textContent);
const $ = (id) => document.getElementById(id);
let nonce = newNonce();
const waitingKey = "vk.evaluation." + cfg.token;  // an answer kept for a retry (retry.js)

function newNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}


function fill(answers) {
  for (const [key, value] of Object.entries(answers || {})) {
    const radio = document.querySelector(`input[name="${CSS.escape(key)}"][value="${Number(value)}"]`);
    if (radio) radio.checked = true;
    const text = document.querySelector(`textarea[data-key="${CSS.escape(key)}"]`);
    if (text) text.value = String(value);
  }
  for (const area of document.querySelectorAll("textarea")) counter(area);
}

function collect() {
  const answers = {};
  for (const set of document.querySelectorAll("fieldset.scale")) {
    const checked = set.querySelector("input:checked");
    if (checked) answers[set.dataset.key] = Number(checked.value);
  }
  for (const area of document.querySelectorAll("textarea")) answers[area.dataset.key] = area.value;
  return answers;
}

function counter(area) {
  const count = document.querySelector(`.count[data-for="${area.id}"]`);
  if (count) count.textContent = area.value.length + "/" + cfg.maxChars;
}

function flash(text, ok) {
  const box = $("flash");
  box.hidden = false;
  box.className = "flash " + (ok ? "ok" : "bad");
  box.textContent = text;
  fit();
}

function answered() {
  $("send").textContent = cfg.strings.change;
}

async function send(event) {
  event.preventDefault();
  if ($("send").getAttribute("aria-busy") === "true") return;  // the first tap is still on its way
  const waiting = kept(waitingKey);
  await sendAnswer({token: cfg.token, answers: collect(), nonce: waiting ? waiting.nonce : nonce, lang: cfg.lang});
}

async function sendAnswer(payload) {
  const button = $("send");
  button.setAttribute("aria-busy", "true");
  const {answer, body} = await postJson("evaluation", payload);
  button.setAttribute("aria-busy", "false");
  if (answer && answer.ok) {
    keep(waitingKey, null);
    nonce = newNonce();  // the next change is a new request; a retry of this one kept the old
    fill(body.answers);
    answered();
    flash(body.message, true);
  } else if (networkFailed(answer)) {
    keep(waitingKey, payload);
    flash(cfg.strings.waiting, false);
    whenBack("evaluation", retryAnswer);
  } else {
    keep(waitingKey, null);
    flash(body.message || cfg.strings.offline, false);
  }
}

function retryAnswer() {
  const payload = kept(waitingKey);
  if (payload && $("send").getAttribute("aria-busy") !== "true") sendAnswer(payload);
}

$("form").addEventListener("submit", send);
for (const area of document.querySelectorAll("textarea")) area.addEventListener("input", () => counter(area));
window.addEventListener("resize", fit);
fill(cfg.answer);
if (cfg.answer) { answered(); flash(cfg.strings.answered, true); }
if (kept(waitingKey)) {  // the frame was reloaded while an answer waited for the network
  fill(kept(waitingKey).answers);
  flash(cfg.strings.waiting, false);
  retryAnswer();
}
fit();
