// Keeps the scanner field focused while nothing else is (ui/desk_widgets.py): a USB scanner types
// into whatever has focus. Never steals focus from another field the user chose.
const doc = window.parent.document;  // same origin: see ui/streamlit_compat.py
function keep() {
  const field = doc.querySelector('input[aria-label="' + CSS.escape(cfg.label) + '"]');
  const active = doc.activeElement;
  const idle = !active || active === doc.body || active.tagName === "BUTTON" || active.tagName === "IFRAME";
  if (field && idle && field !== active) field.focus({preventScroll: true});
}
setInterval(keep, 400);
