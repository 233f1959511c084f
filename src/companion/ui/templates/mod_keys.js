// The moderator's keys (pages/moderator.py): ↑/↓ or J/K choose a question, A approves, H hides,
// S stars, Enter shows it on screen. Each key presses the chosen row's own button, so a key does
// exactly what a tap does. Never while typing in a field, nor with Ctrl, Alt or Meta held.
const win = window.parent, doc = win.document;  // same origin: see ui/streamlit_compat.py
const ACTIONS = {a: "approve_", h: "hide_", s: "star_", enter: "screen_"};
const rows = () => [...doc.querySelectorAll('[class*="st-key-mrow_l_"]')];
const idOf = (row) => [...row.classList].find((c) => c.startsWith("st-key-mrow_l_")).slice("st-key-mrow_l_".length);
function typing(target) {
  const el = target instanceof win.Element ? target : doc.activeElement;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.getAttribute("role") === "combobox");
}
function chosen() {
  const list = rows();
  const focused = list.find((row) => row.contains(doc.activeElement));
  return focused || list.find((row) => idOf(row) === win.__modChosen) || null;
}
function mark() {
  const row = chosen();
  rows().forEach((r) => r.classList.toggle("mod-chosen", r === row));
}
function move(step) {
  const list = rows();
  if (!list.length) return;
  const at = list.indexOf(chosen());
  const next = list[Math.min(list.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
  win.__modChosen = idOf(next);
  next.scrollIntoView({block: "nearest"});
  mark();
}
function onKey(event) {
  if (event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) return;
  const key = event.key.toLowerCase();
  if (key === "arrowdown" || key === "j") { move(1); event.preventDefault(); return; }
  if (key === "arrowup" || key === "k") { move(-1); event.preventDefault(); return; }
  const prefix = ACTIONS[key];
  if (!prefix) return;
  // Enter on a focused button is that button's own click: leave it alone.
  if (key === "enter" && doc.activeElement && doc.activeElement.tagName === "BUTTON") return;
  const row = chosen();
  const button = row && row.querySelector('[class*="st-key-' + prefix + '"] button');
  if (button && !button.disabled) { button.click(); event.preventDefault(); }
}
// One listener on the page, whichever run of this iframe added it last.
if (win.__modKeys) doc.removeEventListener("keydown", win.__modKeys);
win.__modKeys = onKey;
doc.addEventListener("keydown", onKey);
if (win.__modMark) win.clearInterval(win.__modMark);
win.__modMark = win.setInterval(mark, 300);  // the list redraws every few seconds
