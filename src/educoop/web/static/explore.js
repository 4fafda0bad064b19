// The network explorer: draws /explore.json (laid out by the server) with Cytoscape.js.
// Names come from documents: they are set as data and text, never as HTML.
document.addEventListener("DOMContentLoaded", async () => {
  const box = document.getElementById("graph");
  if (!box || typeof cytoscape === "undefined") return;
  wireYears();
  const answer = await fetch(box.dataset.src);
  const view = await answer.json();
  const notes = document.getElementById("notes");
  if (!answer.ok) { if (notes) notes.textContent = view.error; return; }
  if (notes) notes.textContent = view.notes.join(" ");
  const labelled = new Set(
    [...view.nodes].sort((a, b) => b.scale - a.scale).slice(0, 30).map((n) => n.id));
  const cy = cytoscape({
    container: box,
    elements: [
      ...view.nodes.map((n) => ({
        data: { ...n, shown: labelled.has(n.id) ? n.name : "" },
        position: { x: n.x, y: n.y },
      })),
      ...view.edges.map((e) => ({ data: { id: e.source + "|" + e.target, ...e } })),
    ],
    layout: { name: "preset", fit: true, padding: 30 },
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", width: "mapData(scale, 0, 1, 8, 40)",
        height: "mapData(scale, 0, 1, 8, 40)", label: "data(shown)", "font-size": 11,
        "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 6,
        "text-valign": "center", "text-halign": "right", "text-margin-x": 3 } },
      { selector: "node:selected, node.near", style: { label: "data(name)", "border-width": 2, "border-color": "#222" } },
      { selector: "edge", style: { width: "mapData(weight, 1, 6, 1, 5)", "line-color": "#cfcfcf", "curve-style": "haystack" } },
    ],
  });
  // Zoomed in, every label shows; zoomed out, only the largest parties'.
  cy.on("zoom", () => {
    const all = cy.zoom() > 1.6;
    cy.nodes().forEach((n) => n.data("shown", all || labelled.has(n.id()) ? n.data("name") : ""));
  });
  cy.on("mouseover", "node", (e) => e.target.closedNeighborhood().nodes().addClass("near"));
  cy.on("mouseout", "node", () => cy.nodes().removeClass("near"));
  cy.on("tap", "node", (e) => pick(e.target.data()));
  drawLegend(view.legend);
  const png = document.getElementById("png");
  if (png) png.addEventListener("click", () => { png.href = cy.png({ full: true, bg: "#ffffff", scale: 2 }); });
  box.dataset.ready = String(view.nodes.length);
  window.educoopGraph = cy;
});

function pick(node) {
  const panel = document.getElementById("picked");
  if (!panel) { window.location.href = "/party/" + encodeURIComponent(node.id); return; }
  panel.hidden = false;
  document.getElementById("picked-name").textContent = node.name;
  document.getElementById("picked-page").href = "/party/" + encodeURIComponent(node.id);
  const params = new URLSearchParams(window.location.search);
  params.append("expand", node.id);
  document.getElementById("picked-expand").href = "/explore?" + params.toString();
}

function drawLegend(entries) {
  const list = document.getElementById("legend");
  if (!list) return;
  list.replaceChildren(...entries.map((entry) => {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = entry.colour;
    item.append(swatch, document.createTextNode(`${entry.category} (${entry.parties})`));
    return item;
  }));
}

// The time slider sets the since and until years; a full range is no window at all.
function wireYears() {
  const since = document.getElementById("since-year");
  const until = document.getElementById("until-year");
  if (!since || !until) return;
  const show = () => {
    document.getElementById("since-shown").textContent = since.value;
    document.getElementById("until-shown").textContent = until.value;
  };
  const set = () => {
    if (Number(since.value) > Number(until.value)) until.value = since.value;
    document.getElementById("since").value = since.value === since.min ? "" : since.value;
    document.getElementById("until").value = until.value === until.max ? "" : until.value;
    show();
  };
  since.addEventListener("input", set);
  until.addEventListener("input", set);
  since.addEventListener("change", () => document.getElementById("controls").requestSubmit());
  until.addEventListener("change", () => document.getElementById("controls").requestSubmit());
  show();
}
