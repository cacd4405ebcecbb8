// Vigil: a case's network drawn as SVG from the JSON data block #case-graph.
// Deterministic circular layout: parties at risk in the middle, everyone else on a ring,
// in the order the server gives. No inline script or style, no eval, no innerHTML:
// names reach the page as text nodes only. The list of connections below the drawing
// says the same thing for screen readers and browsers without JavaScript.
"use strict";
(function () {
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 800;
  var HEIGHT = 560;
  var RING = 200;
  var NODE = 9;
  var LABEL = 26;

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, String(attrs[key])); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function short(name) {
    return name.length > LABEL ? name.slice(0, LABEL - 1) + "\u2026" : name;
  }

  function ring(list, radius, start, place) {
    list.forEach(function (node, i) {
      var angle = start + (2 * Math.PI * i) / list.length;
      place[node.id] = {
        x: WIDTH / 2 + radius * Math.cos(angle),
        y: HEIGHT / 2 + radius * Math.sin(angle),
        angle: angle,
        radius: radius
      };
    });
  }

  function layout(nodes) {
    var inner = nodes.filter(function (n) { return n.category === "at_risk"; });
    var outer = nodes.filter(function (n) { return n.category !== "at_risk"; });
    var place = {};
    if (inner.length === 1) {
      place[inner[0].id] = { x: WIDTH / 2, y: HEIGHT / 2, angle: Math.PI / 2, radius: 0 };
    } else {
      ring(inner, Math.min(80, 18 * inner.length), -Math.PI / 2, place);
    }
    ring(outer, RING, -Math.PI / 2 + Math.PI / Math.max(outer.length, 1), place);
    return place;
  }

  function draw(graph, host) {
    var nodes = graph.nodes || [];
    var edges = graph.edges || [];
    var place = layout(nodes);
    var names = {};
    nodes.forEach(function (n) { names[n.id] = n.name; });
    var svg = el("svg", {
      viewBox: "0 0 " + WIDTH + " " + HEIGHT,
      role: "img",
      "aria-label": "Network of " + nodes.length + " parties and " + edges.length +
        " connections; the list of connections below gives each one."
    });
    var lines = el("g", { "class": "edges" }, svg);
    edges.forEach(function (e) {
      var a = place[e.source];
      var b = place[e.target];
      if (!a || !b) { return; }
      var line = el("line", {
        "class": "edge edge-" + e.relation, x1: a.x, y1: a.y, x2: b.x, y2: b.y
      }, lines);
      el("title", {}, line).textContent =
        names[e.source] + " " + e.label + " " + names[e.target];
    });
    var dots = el("g", { "class": "nodes" }, svg);
    nodes.forEach(function (n) {
      var p = place[n.id];
      var group = el("g", { "class": "node node-" + n.category, "data-party": n.id }, dots);
      el("title", {}, group).textContent = n.name + " (party " + n.id + ")";
      el("circle", { cx: p.x, cy: p.y, r: n.category === "at_risk" ? NODE + 4 : NODE }, group);
      var cos = Math.cos(p.angle);
      var sin = Math.sin(p.angle);
      var gap = NODE + 8;
      var label = p.radius === 0 ?
        { x: p.x, y: p.y + gap + 10, anchor: "middle" } :
        {
          x: p.x + gap * cos,
          y: p.y + gap * sin + 4,
          anchor: Math.abs(cos) < 0.2 ? "middle" : (cos > 0 ? "start" : "end")
        };
      if (label.anchor === "middle" && p.radius !== 0) { label.y += sin > 0 ? 8 : -4; }
      el("text", { x: label.x, y: label.y, "text-anchor": label.anchor }, group)
        .textContent = short(n.name);
    });
    host.appendChild(svg);
  }

  function setup() {
    var data = document.getElementById("case-graph");
    var host = document.getElementById("case-graph-view");
    if (!data || !host) { return; }
    var graph;
    try {
      graph = JSON.parse(data.textContent);
    } catch (err) {
      return; // the list of connections stays: nothing is lost without the drawing
    }
    draw(graph, host);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
