// The desk's scanner (desk_scanner.html, ui/desk_widgets.py, ui/desk_route.py).
// Every scan, typed, from a USB scanner or from the camera, gets its nonce here at once and goes into
// a queue kept in localStorage; the queue is sent to /api/desk/scan in order, and a scan sent twice
// (a lost answer) is harmless: the server replays the first answer for a nonce it has seen.
// The result region is one element whose text changes; a new scan always replaces the last result.
const S = cfg.strings;
const QUEUE_KEY = "verksted.desk.queue";
const LOG_KEY = "verksted.desk.log";
const ROSTER_KEY = "verksted.desk.roster";
const PREFS_KEY = "verksted.desk.prefs";
const HOLD_MS = 3000;        // a code held in view is read once: the same text is ignored this long after last seen
const SEND_TIMEOUT_MS = 4000;
const RETRY_MS = 1000;
const LOG_SIZE = 30;
const $ = (id) => document.getElementById(id);
const input = $("scan"), resultBox = $("result"), undoButton = $("undo"), net = $("net"), logList = $("log");
const video = $("video"), cameraNote = $("camera-note");

function load(key, fallback) {
  try { const v = JSON.parse(localStorage.getItem(key)); return v === null ? fallback : v; } catch (e) { return fallback; }
}
function save(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* full or blocked */ } }

let queue = load(QUEUE_KEY, []);
let log = load(LOG_KEY, []);
let roster = load(ROSTER_KEY, null);
let prefs = Object.assign({camera: true, sound: true}, load(PREFS_KEY, {}));
let current = null;          // the nonce whose result the region shows
let offline = false, sending = false, retryTimer = null;

function newNonce() {
  if (crypto.randomUUID) return crypto.randomUUID().replace(/-/g, "");
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
function fill(template, values) { return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m)); }

// --- the state line: online, offline with N waiting, syncing
function showNet() {
  let state = "online", text = S.online;
  if (offline) { state = "offline"; text = fill(S.offline, {n: queue.length}); }
  else if (queue.length > 1 || (queue.length === 1 && sending && queue[0].retried)) {
    state = "syncing"; text = fill(S.syncing, {n: queue.length});
  }
  net.className = "net net-" + state;
  net.dataset.state = state;
  net.textContent = text;
}

// --- the one result region
const ICONS = {green: "✓", orange: "!", red: "✕", pending: "…", undone: "↩", idle: ""};
function showResult(kind, headline, name, details, participantId) {
  resultBox.className = "desk-result desk-" + kind;
  resultBox.querySelector(".icon").textContent = ICONS[kind] || "";
  resultBox.querySelector(".desk-headline").textContent = headline;
  resultBox.querySelector(".desk-name").textContent = name || "";
  const box = resultBox.querySelector(".desk-details");
  box.replaceChildren(...(details || []).map((d) => { const div = document.createElement("div"); div.textContent = d; return div; }));
  if (participantId && (kind === "green" || kind === "orange")) {
    undoButton.textContent = fill(S.undo, {name: name || ""});
    undoButton.dataset.participant = String(participantId);
    undoButton.dataset.name = name || "";
    undoButton.hidden = false;
  } else {
    undoButton.hidden = true;
  }
  if (kind !== "pending" && kind !== "idle") {
    if (prefs.sound) beep(kind);
    resultBox.classList.remove("flash"); void resultBox.offsetWidth; resultBox.classList.add("flash");
  }
}

// --- the latest results, newest first
function renderLog() {
  logList.replaceChildren(...log.map((row) => {
    const li = document.createElement("li");
    li.className = row.colour || "pending";
    li.dataset.nonce = row.nonce;
    // Answered: the time the server recorded; still waiting: the time it was scanned here.
    const when = row.serverAt || new Date(row.at).toLocaleTimeString(cfg.lang === "en" ? "en-GB" : "nb-NO", {hour: "2-digit", minute: "2-digit", second: "2-digit"});
    li.textContent = when + " · " + (row.colour ? [row.headline, row.name].filter(Boolean).join(" · ") : [S.waiting, row.guess].filter(Boolean).join(" · "));
    return li;
  }));
}
function logRow(item, answer) {
  let row = log.find((r) => r.nonce === item.nonce);
  if (!row) { row = {nonce: item.nonce, at: item.at}; log.unshift(row); log = log.slice(0, LOG_SIZE); }
  if (answer) Object.assign(row, {colour: answer.colour, headline: answer.headline, name: answer.name, serverAt: answer.at || ""});
  else row.guess = item.guess || "";
  save(LOG_KEY, log);
  renderLog();
}

// --- offline: who a code belongs to, from the list downloaded while signed in (not confirmed)
async function sha256Hex(text) {
  if (!crypto.subtle) return "";
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
async function guessName(text) {
  if (!roster) return "";
  const m = text.match(/[?&]t=([^&#\s]+)/);
  if (m) return roster.tokens[(await sha256Hex(m[1])).slice(0, 16)] || "";
  const compact = text.replace(/\s+/g, "");
  if (/^[A-Za-z0-9_-]{20,}$/.test(compact)) return roster.tokens[(await sha256Hex(compact)).slice(0, 16)] || "";
  return roster.codes[compact.replace(/-/g, "").toUpperCase()] || "";
}
async function refreshRoster() {
  try {
    const res = await fetch(cfg.api.roster, {credentials: "same-origin", cache: "no-store"});
    if (res.ok) { roster = await res.json(); save(ROSTER_KEY, roster); }
  } catch (e) { /* keep the list we have */ }
}

// --- a scan: into the queue at once, then send
async function scanned(raw, method) {
  const text = raw.trim();
  if (!text) return;
  const item = {nonce: newNonce(), text: text, method: method, at: Date.now()};
  queue.push(item);
  save(QUEUE_KEY, queue);
  current = item.nonce;
  hideStaleSideResults();
  showResult("pending", S.checking, "", [], null);
  showNet();
  logRow(item, null);
  flush();
  if (offline) await showOfflineGuess(item);
}
async function showOfflineGuess(item) {
  item.guess = await guessName(item.text);
  logRow(item, null);
  if (current !== item.nonce || !offline) return;
  const waiting = fill(S.offline, {n: queue.length});
  if (item.guess) showResult("pending", S.recorded, item.guess, [S.unconfirmed, waiting], null);
  else showResult("pending", S.recorded, "", [S.unknown_offline, waiting], null);
}

function setOffline(value) {
  if (offline === value) return;
  offline = value;
  if (offline && queue.length) {
    // The scans already waiting: say what the list knows about the one on screen.
    const shown = queue.find((q) => q.nonce === current);
    if (shown) showOfflineGuess(shown);
  }
  showNet();
}

async function sendOne(item) {
  const body = {text: item.text, nonce: item.nonce, method: item.method, desk: cfg.desk, lang: cfg.lang};
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), SEND_TIMEOUT_MS);
  try {
    return await fetch(cfg.api.scan, {
      method: "POST", credentials: "same-origin", cache: "no-store", signal: controller.signal,
      headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
    });
  } finally { clearTimeout(timer); }
}

async function flush() {
  if (sending) return;
  sending = true;
  clearTimeout(retryTimer);
  try {
    while (queue.length) {
      const item = queue[0];
      let res = null;
      try { res = await sendOne(item); } catch (e) { res = null; }
      if (res === null || res.status >= 500 || res.status === 401 || res.status === 429) {
        item.retried = true;
        setOffline(true);
        if (res && res.status === 401) net.textContent = S.signed_out + " · " + fill(S.offline, {n: queue.length});
        retryTimer = setTimeout(flush, RETRY_MS);
        return;
      }
      let answer;
      try { answer = await res.json(); } catch (e) { answer = {colour: "red", headline: S.unreadable, name: "", details: []}; }
      if (!res.ok) answer = {colour: "red", headline: answer.message || S.unreadable, name: "", details: []};
      queue.shift();
      save(QUEUE_KEY, queue);
      setOffline(false);
      logRow(item, answer);
      if (item.nonce === current) showResult(answer.colour, answer.headline, answer.name, answer.details, answer.participant_id);
      showNet();
    }
  } finally {
    sending = false;
    showNet();
  }
}

async function undo() {
  const id = Number(undoButton.dataset.participant), name = undoButton.dataset.name;
  try {
    const res = await fetch(cfg.api.undo, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({participant_id: id, desk: cfg.desk, lang: cfg.lang}),
    });
    const answer = await res.json();
    current = null;
    if (res.ok) showResult("undone", fill(S.undone, {name: name}), "", [], null);
    else showResult("red", answer.message || S.unreadable, name, [], null);
  } catch (e) {
    showResult("red", S.undo_failed, name, [], null);
  }
  input.focus({preventScroll: true});
}

// --- sound: a short tone per result, switchable
let audio = null;
function beep(kind) {
  try {
    audio = audio || new AudioContext();
    const tones = {green: [[880, 0.12]], orange: [[660, 0.1], [660, 0.1]], red: [[220, 0.35]], undone: [[440, 0.1]]}[kind] || [];
    let t = audio.currentTime;
    for (const [freq, length] of tones) {
      const osc = audio.createOscillator(), gain = audio.createGain();
      osc.frequency.value = freq; gain.gain.value = 0.15;
      osc.connect(gain).connect(audio.destination);
      osc.start(t); osc.stop(t + length); t += length + 0.06;
    }
  } catch (e) { /* no audio on this device */ }
}

// --- the live camera: zxing-wasm reads each frame; a code held in view is read once
const seen = new Map();   // text -> when last seen
let stream = null, canvas = null, ctx2d = null, reading = false;
// The camera box says in words why it shows no picture; empty while the picture is there.
function cameraSays(text) { if (cameraNote.textContent !== text) cameraNote.textContent = text; }
function cameraProblem(error) {
  const name = error && error.name;
  if (name === "NotAllowedError" || name === "SecurityError") return S.camera_blocked;
  if (name === "NotFoundError" || name === "OverconstrainedError") return S.camera_none;
  return S.camera_failed;
}
async function startCamera() {
  if (stream) return;
  if (!prefs.camera) { cameraSays(S.camera_off); return; }
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.ZXingWASM) { cameraSays(S.camera_failed); return; }
  try {
    stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: "environment", width: {ideal: 1280}, height: {ideal: 720}}, audio: false});
  } catch (e) {
    cameraSays(prefs.camera ? cameraProblem(e) : S.camera_off); return;
  }
  if (!prefs.camera) { stopCamera(); return; }   // switched off while the browser asked
  cameraSays("");
  video.srcObject = stream;
  await video.play().catch(() => {});
  readFrames();
}
function stopCamera() {
  if (stream) stream.getTracks().forEach((track) => track.stop());
  stream = null;
  video.srcObject = null;
  cameraSays(S.camera_off);
}
async function readFrames() {
  if (!stream) return;
  if (!reading && video.readyState >= 2 && video.videoWidth) {
    reading = true;
    try {
      const w = video.videoWidth, h = video.videoHeight;
      if (!canvas) { canvas = document.createElement("canvas"); ctx2d = canvas.getContext("2d", {willReadFrequently: true}); }
      if (canvas.width !== w) canvas.width = w;
      if (canvas.height !== h) canvas.height = h;
      ctx2d.drawImage(video, 0, 0, w, h);
      const found = await ZXingWASM.readBarcodes(ctx2d.getImageData(0, 0, w, h), {formats: ["QRCode"], maxNumberOfSymbols: 1, tryHarder: true});
      const now = Date.now();
      for (const code of found) {
        if (!code.isValid || !code.text) continue;
        const last = seen.get(code.text);
        seen.set(code.text, now);
        if (last === undefined || now - last > HOLD_MS) scanned(code.text, "camera");
      }
    } catch (e) { /* one unreadable frame */ }
    reading = false;
  }
  setTimeout(readFrames, 30);
}
if (window.ZXingWASM) {
  ZXingWASM.prepareZXingModule({overrides: {locateFile: (path, prefix) => (path.endsWith(".wasm") ? cfg.wasm_url : prefix + path)}});
}

// --- a result of a name search or a walk-in (drawn by Streamlit beside this frame) is hidden by
// the next scan, so it never stands beside a newer person's result
const parentDoc = (() => { try { return window.parent.document; } catch (e) { return null; } })();  // same origin
const stale = new Set(JSON.parse(sessionStorage.getItem("verksted.desk.stale") || "[]"));
function hideStale() {
  if (!parentDoc) return;
  parentDoc.querySelectorAll("[data-desk-side-result]").forEach((el) => {
    const box = el.closest("[class*='st-key-desk_side_result']") || el;
    box.style.display = stale.has(el.dataset.deskSideResult) ? "none" : "";
  });
}
function hideStaleSideResults() {
  if (!parentDoc) return;
  parentDoc.querySelectorAll("[data-desk-side-result]").forEach((el) => stale.add(el.dataset.deskSideResult));
  sessionStorage.setItem("verksted.desk.stale", JSON.stringify([...stale].slice(-50)));
  hideStale();
}
if (parentDoc) new MutationObserver(hideStale).observe(parentDoc.body, {childList: true, subtree: true});

// --- focus: the scanner field has it whenever nothing else does. Never taken from a button, a
// link or another field the clerk moved to (WCAG 2.1.2): only when focus fell to the page itself.
function keepFocus() {
  const top = parentDoc ? parentDoc.activeElement : null;
  // Streamlit's connection-lost box takes focus onto itself (not onto a control in it) during a
  // network drop: that is not the clerk's choice, and a USB scanner would type into nothing.
  const container = top && top.getAttribute && top.getAttribute("role") === "dialog";
  const topIdle = !parentDoc || !top || top === parentDoc.body || top === window.frameElement || container;
  const mine = document.activeElement;
  const idle = topIdle && (!mine || mine === document.body);
  if (idle) input.focus({preventScroll: true});
}
setInterval(keepFocus, 250);
// At once when the connection-lost box opens, before the scanner's next keystroke.
if (parentDoc) parentDoc.addEventListener("focusin", (e) => {
  if (e.target && e.target.getAttribute && e.target.getAttribute("role") === "dialog") keepFocus();
});

// --- wiring
input.addEventListener("keydown", (e) => {
  if (e.key !== "Enter") return;
  e.preventDefault();
  const text = input.value;
  input.value = "";
  scanned(text, text.includes("://") || text.trim().length > 12 ? "scanner" : "typed");
});
$("send").addEventListener("click", () => { const text = input.value; input.value = ""; scanned(text, "typed"); input.focus(); });
undoButton.addEventListener("click", undo);
function showPrefs() {
  $("camera-toggle").setAttribute("aria-pressed", String(prefs.camera));
  $("sound-toggle").setAttribute("aria-pressed", String(prefs.sound));
}
$("camera-toggle").addEventListener("click", () => {
  prefs.camera = !prefs.camera; save(PREFS_KEY, prefs); showPrefs();
  if (prefs.camera) startCamera(); else stopCamera();
});
$("sound-toggle").addEventListener("click", () => { prefs.sound = !prefs.sound; save(PREFS_KEY, prefs); showPrefs(); });
window.addEventListener("online", () => flush());
window.addEventListener("storage", (e) => { if (e.key === QUEUE_KEY) queue = load(QUEUE_KEY, []); });

showPrefs();
renderLog();
showNet();
input.focus({preventScroll: true});
refreshRoster();
setInterval(refreshRoster, 5 * 60 * 1000);
if (queue.length) flush();   // scans left from before a reload
startCamera();
// For tests and the benchmark: when each result reached the screen.
window.deskScanner = {queue: () => queue, log: () => log, scanned: scanned};
