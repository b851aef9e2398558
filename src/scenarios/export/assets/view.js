/* The interactive view of a scenario exported by `scenarios export --format html`.
 * Reads the graph from the JSON block above, draws it with Cytoscape.js on the dataset's
 * stable layout, and explains whatever the pointer rests on. Builds every piece of text with
 * textContent (never innerHTML), so data cannot inject markup. */
(function () {
  "use strict";

  var doc = JSON.parse(document.getElementById("graph-data").textContent);
  var names = {};
  doc.elements.nodes.forEach(function (node) { names[node.data.id] = node.data.label; });

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function percent(value) { return Math.round(value * 100) + "%"; }

  function definitionList(rows) {
    var dl = el("dl");
    rows.forEach(function (row) {
      if (row[1] === undefined || row[1] === null || row[1] === "") { return; }
      dl.appendChild(el("dt", row[0]));
      dl.appendChild(el("dd", Array.isArray(row[1]) ? row[1].join(", ") : row[1]));
    });
    return dl;
  }

  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: doc.elements,
    layout: { name: "preset", fit: true, padding: 30 },
    minZoom: 0.05,
    maxZoom: 8,
    style: [
      { selector: "node", style: {
        "background-color": "data(ui_colour)",
        "width": "data(ui_size)",
        "height": "data(ui_size)",
        "border-width": "data(ui_border)",
        "border-color": "#000",
        "label": "data(label)",
        "font-size": 11,
        "font-family": "system-ui, sans-serif",
        "text-valign": "bottom",
        "text-margin-y": 3,
        "text-background-color": "#fff",
        "text-background-opacity": 0.75,
        "text-background-padding": 1,
        "z-index": 20 } },
      { selector: "node[?is_key_actor]", style: { "font-weight": "bold", "font-size": 13 } },
      { selector: "edge", style: {
        "width": "data(ui_width)",
        "line-color": "data(ui_colour)",
        "target-arrow-color": "data(ui_colour)",
        "target-arrow-shape": "data(ui_arrow)",
        "arrow-scale": 0.8,
        "curve-style": "bezier",
        "opacity": 0.85,
        "z-index": 1 } },
      { selector: "edge[status = 'added']", style: { "line-style": "dashed" } },
      { selector: "edge[?top_dependency]", style: {
        "label": "data(rank)",
        "color": "#fff",
        "font-size": 10,
        "font-weight": "bold",
        "text-background-color": "data(ui_colour)",
        "text-background-opacity": 1,
        "text-background-shape": "round-rectangle",
        "text-background-padding": 2,
        "opacity": 1,
        "z-index": 10 } },
      { selector: ".faded", style: { "opacity": 0.12 } },
      { selector: ".picked", style: { "overlay-color": "#f5b700", "overlay-opacity": 0.35, "overlay-padding": 4 } }
    ]
  });

  var info = document.getElementById("info");

  function showNode(node) {
    var d = node.data();
    info.replaceChildren();
    var title = d.name + (d.name_ja ? " (" + d.name_ja + ")" : "");
    info.appendChild(el("h3", title));
    info.appendChild(definitionList([
      ["kind", d.kind],
      ["key actor", d.is_key_actor ? "yes" : ""],
      ["also called", d.aliases],
      ["belongs to", d.affiliation ? (names[d.affiliation] || d.affiliation) : ""],
      ["note", d.description],
      ["links", node.connectedEdges().length]
    ]));
    var ranked = node.connectedEdges("[?top_dependency]").map(function (edge) { return edge; });
    if (ranked.length) {
      info.appendChild(el("h2", "Top dependencies through it"));
      var list = el("ul");
      var seen = {};
      ranked.sort(function (a, b) { return a.data("rank") - b.data("rank"); }).forEach(function (edge) {
        if (seen[edge.data("tie")]) { return; }
        seen[edge.data("tie")] = true;
        list.appendChild(el("li", "#" + edge.data("rank") + " " + edge.data("why")));
      });
      info.appendChild(list);
    }
  }

  function showEdge(edge) {
    var d = edge.data();
    info.replaceChildren();
    var arrow = d.direction === "symmetric" ? " \u2194 " : " \u2192 ";
    info.appendChild(el("h3", names[d.source] + arrow + names[d.target]));
    info.appendChild(definitionList([
      ["link", d.label + " [" + d.link_type + "]"],
      ["in this view", d.status + (d.change_note ? ": " + d.change_note : "")],
      ["basis", d.basis === "background" ? "background: " + d.background : d.basis],
      ["strength", d.strength],
      ["confidence", d.grade ? d.grade + " (" + d.confidence + ")" : d.confidence],
      ["weight", Math.round(d.weight * 1000) / 1000],
      ["date", d.date],
      ["note", d.note]
    ]));
    if (d.rank) {
      info.appendChild(el("h2", "Dependency #" + d.rank + (d.top_dependency ? " (top " + doc.top + ")" : "")));
      info.appendChild(definitionList([
        ["score", Math.round(d.score * 1000) / 1000],
        ["paths", percent(d.path_share)],
        ["routes", percent(d.route_loss)]
      ]));
      info.appendChild(el("p", d.why, "why"));
    }
    info.appendChild(el("h2", "Evidence"));
    var evidence = d.evidence || [];
    if (evidence.length) {
      var list = el("ul");
      evidence.forEach(function (item) { list.appendChild(el("li", item)); });
      info.appendChild(list);
    } else {
      info.appendChild(el("p", "none recorded", "hint"));
    }
  }

  function pick(target) {
    cy.elements().removeClass("picked");
    target.addClass("picked");
    if (target.isNode()) { showNode(target); } else { showEdge(target); }
  }

  cy.on("mouseover tap", "node, edge", function (event) { pick(event.target); });

  document.getElementById("fit").addEventListener("click", function () { cy.fit(undefined, 30); });
  document.getElementById("only-top").addEventListener("change", function (event) {
    var onlyTop = event.target.checked;
    cy.batch(function () {
      cy.elements().removeClass("faded");
      if (onlyTop) {
        var top = cy.edges("[?top_dependency]");
        cy.edges().not(top).addClass("faded");
        cy.nodes().not(top.connectedNodes()).addClass("faded");
      }
    });
  });

  // legend
  var legend = document.getElementById("legend-list");
  doc.legend.kinds.forEach(function (entry) {
    var item = el("li");
    var swatch = el("span", null, "swatch");
    swatch.style.background = entry.colour;
    item.appendChild(swatch);
    item.appendChild(el("span", entry.kind + " (" + entry.count + ")"));
    legend.appendChild(item);
  });
  doc.legend.lines.forEach(function (entry) {
    var item = el("li");
    var line = el("span", null, entry.kind === "key" ? "swatch key" : "line");
    if (entry.kind !== "key") {
      line.style.borderTopColor = entry.colour;
      line.style.borderTopWidth = entry.width + "px";
      line.style.borderTopStyle = entry.dashed ? "dashed" : "solid";
    }
    item.appendChild(line);
    item.appendChild(el("span", entry.text));
    legend.appendChild(item);
  });

  // lists under the graph: every actor, and the ranked dependencies
  var actorItems = document.getElementById("actor-items");
  cy.nodes().forEach(function (node) {
    var d = node.data();
    var item = el("li", d.label + (d.label !== d.name ? " (" + d.name + ")" : "") + " \u2014 " + d.kind);
    item.addEventListener("click", function () { pick(node); cy.center(node); });
    actorItems.appendChild(item);
  });
  document.querySelector("#actor-list summary").textContent = "Actors (" + cy.nodes().length + ")";
  var topItems = document.getElementById("top-items");
  var ranks = {};
  cy.edges("[?top_dependency]").sort(function (a, b) { return a.data("rank") - b.data("rank"); }).forEach(function (edge) {
    var rank = edge.data("rank");
    if (ranks[rank]) { return; }  // a channel of several ties is listed once
    ranks[rank] = true;
    var item = el("li", edge.data("channel_name") + ": " + edge.data("why"));
    item.value = edge.data("rank");
    item.addEventListener("click", function () { pick(edge); cy.center(edge); });
    topItems.appendChild(item);
  });
  if (!topItems.children.length) { document.getElementById("top-list").hidden = true; }
  else { document.getElementById("top-list").open = true; }

  window.scenariosView = cy; // for the browser console and the tests
  document.body.setAttribute("data-ready", "true");
}());
