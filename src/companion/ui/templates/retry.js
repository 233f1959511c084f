// Shared by the phone's frames (hall_page.js, evaluation/evaluation.js): what failed for want of a
// network is kept in sessionStorage, which outlives a reload of the frame, and sent again by itself
// when the server answers. Its nonce makes the repeat harmless: it is stored once.
function kept(key) {
  try { return JSON.parse(sessionStorage.getItem(key) || "null"); } catch (e) { return null; }
}
function keep(key, value) {
  try {
    if (value === null) sessionStorage.removeItem(key); else sessionStorage.setItem(key, JSON.stringify(value));
  } catch (e) { /* private mode: the retry still happens while the frame lives */ }
}
// No answer, or the server starting or busy (5xx): worth sending again. A refusal is not.
const networkFailed = (answer) => !answer || answer.status >= 500;
const watching = new Set();
function whenBack(name, retry) {
  // Checks every few seconds, and when the browser says it is online; the first answer runs `retry` once.
  if (watching.has(name)) return;
  watching.add(name);
  let timer = null;
  const check = async () => {
    if (!watching.has(name)) return;
    try {
      const answer = await fetch(cfg.api + "version", {cache: "no-store"});
      if (!answer.ok || !watching.has(name)) return;
    } catch (e) { return; }
    watching.delete(name);
    clearInterval(timer);
    window.removeEventListener("online", check);
    retry();
  };
  timer = setInterval(check, 3000);
  window.addEventListener("online", check);
}
