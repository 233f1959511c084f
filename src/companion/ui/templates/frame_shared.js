// Shared by the page's same-origin frames, included before each frame's own script.
// fit(): the frame's height follows what is drawn, up and down. The root's scrollHeight never falls
// below the frame's own height, so a frame sized by it could grow but never shrink (an empty frame
// kept Streamlit's first 150 px; a thanked evaluation kept the form's height). 0 px takes the frame
// out of the column (a11y.css).
function fit() {
  if (window.frameElement) window.frameElement.style.height = Math.ceil(document.documentElement.getBoundingClientRect().height) + "px";
}
// el(): an element with a class and text (never HTML).
function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}
// postJson(): a JSON POST to one of our routes (cfg.api). {answer, body}: answer is null when no
// answer came (the network), body the answer's JSON or {}.
async function postJson(route, payload) {
  try {
    const answer = await fetch(cfg.api + route, {method: "POST", cache: "no-store", headers: {"Content-Type": "application/json"},
      body: JSON.stringify(payload)});
    return {answer, body: await answer.json().catch(() => ({}))};
  } catch (e) {
    return {answer: null, body: {}};
  }
}
