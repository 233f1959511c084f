// Storskjerm's poll (ui/hall_widgets.py): bars or a word cloud from /api/poll/results.
const cfg = JSON.parse(document.getElementById("screen-cfg").textContent);
const $ = (id) => document.getElementById(id);


function drawBars(bars) {
  const most = Math.max(1, ...bars.map((b) => b[1]));
  const box = $("bars");
  while (box.children.length > bars.length) box.lastChild.remove();
  bars.forEach(([name, count], i) => {
    let row = box.children[i];
    if (!row) {
      row = document.createElement("div");
      row.className = "bar";
      row.innerHTML = '<span class="name"></span><span class="track"><span class="fill"></span></span><span class="count"></span>';
      box.append(row);
    }
    row.querySelector(".name").textContent = name;
    row.querySelector(".count").textContent = count;
    row.querySelector(".fill").style.width = (100 * count / most) + "%";
    row.dataset.count = count;
  });
}

function drawCloud(words) {
  const most = Math.max(1, ...words.map((w) => w[1]));
  // Biggest in the middle: alternate sides as the counts fall.
  const placed = [];
  words.forEach((w, i) => { if (i % 2) placed.push(w); else placed.unshift(w); });
  $("cloud").replaceChildren(...placed.map(([word, count]) => {
    const span = document.createElement("span");
    span.textContent = word;
    span.dataset.count = count;
    span.style.fontSize = (1.6 + 4.4 * Math.sqrt(count / most)).toFixed(2) + "rem";
    return span;
  }));
}

async function poll() {
  try {
    const reply = await fetch(cfg.api + "poll/results?lang=" + cfg.lang, {cache: "no-store"});
    if (!reply.ok) return;
    const body = await reply.json();
    if (!body.poll) return;
    $("question").textContent = body.question;
    $("total").textContent = cfg.answers.replace("@n@", body.total);
    $("closed").textContent = body.closed ? "· " + body.closed : "";
    $("bars").hidden = !body.bars;
    $("cloud").hidden = !body.words;
    if (body.bars) drawBars(body.bars);
    if (body.words) drawCloud(body.words);
    fit();
  } catch (e) { /* the next poll tries again */ }
}
poll();
setInterval(poll, cfg.pollMs);
