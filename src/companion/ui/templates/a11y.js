// The language and title of the page, and Streamlit's own English strings in the reader's language.
// Streamlit redraws its elements, so a MutationObserver puts the words back after each change; it
// changes a text node's value in place, so React keeps updating the node it owns.
document.documentElement.lang = cfg.lang;
if (document.title !== cfg.title) document.title = cfg.title;
const words = cfg.strings;
const attributes = ["aria-label", "placeholder", "title"];

function translate(root) {
  if (!Object.keys(words).length) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const english = node.nodeValue.trim(), said = words[english];
    if (said !== undefined) node.nodeValue = node.nodeValue.replace(english, said);
  }
  for (const name of attributes) {
    for (const el of root.querySelectorAll(`[${name}]`)) {
      const said = words[el.getAttribute(name)];
      if (said !== undefined) el.setAttribute(name, said);
    }
  }
}

let pending = false;
function settle() {
  pending = false;
  if (document.documentElement.lang !== cfg.lang) document.documentElement.lang = cfg.lang;
  translate(document.body);
}
settle();
// One observer per page load: a later run (another language) replaces its words and language.
if (window.__a11yObserver) window.__a11yObserver.disconnect();
window.__a11yObserver = new MutationObserver(() => {
  if (!pending) {
    pending = true;
    requestAnimationFrame(settle);
  }
});
window.__a11yObserver.observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: attributes});
