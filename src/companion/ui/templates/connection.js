// A calm connection state on every page (page_shell_head.html). Streamlit's own dialog is kept
// closed (blockErrorDialogs); this shows a small banner while the page's connection to the server
// (the WebSocket to _stcore/stream, see ui/streamlit_compat.py) is lost, and hides it when it is back.
(() => {
  const cfg = JSON.parse(document.getElementById("vk-connection-cfg").textContent);
  const Native = window.WebSocket;
  let live = null, everOpen = false, timer = null, banner = null;

  const lang = () => {
    const asked = new URLSearchParams(window.location.search).get("lang");
    return (asked || document.documentElement.lang || "nb").slice(0, 2) === "en" ? "en" : "nb";
  };

  function show() {
    timer = null;
    if (live && navigator.onLine !== false) return;
    if (!banner) {
      banner = document.createElement("div");
      banner.id = "vk-connection";
      banner.setAttribute("role", "status");
      banner.setAttribute("aria-live", "polite");
      document.body.append(banner);
    }
    banner.lang = lang();
    banner.textContent = cfg.lost[banner.lang];
    banner.hidden = false;
  }

  function update() {
    if (live && navigator.onLine !== false) {
      clearTimeout(timer);
      timer = null;
      if (banner) banner.hidden = true;
    } else if (everOpen && timer === null && (!banner || banner.hidden)) {
      timer = setTimeout(show, cfg.graceMs);  // a blink of a reconnect shows nothing
    }
  }

  class Tracked extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      if (!String(url).includes(cfg.streamPath)) return;
      this.addEventListener("open", () => { everOpen = true; live = this; update(); });
      this.addEventListener("close", () => { if (live === this) live = null; update(); });
    }
  }
  window.WebSocket = Tracked;
  window.addEventListener("offline", update);
  window.addEventListener("online", update);
})();
