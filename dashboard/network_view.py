"""A person's neighbourhood graph as one self-contained HTML page (pyvis, vis-network in-line).

Three things matter here, each learnt the hard way:

* **Offline.** pyvis's template adds Bootstrap and CDN tags even with ``cdn_resources="in_line"``;
  every external ``<script src>``/``<link href>`` is removed (they span lines), or a closed
  network waits seconds before drawing.
* **Escaping.** Names come from agencies' data. Every label and tooltip is ``html.escape``-d
  before it reaches the page, so no name can close the ``<script>`` or inject markup. A small
  script then decodes labels for the canvas (which draws text, never HTML) and turns the escaped
  tooltips into elements.
* **Responsive.** At most :data:`MAX_NODES` nodes are drawn, nearest the person first, and the
  physics stops once the layout settles, so dragging a node moves only that node.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import pandas as pd
from pyvis.network import Network

from data_model.partnership import as_timestamp
from data_model.rules.dates import age_on

MAX_NODES = 250
PLAN_WORDS = {"CP_PLAN": "Child protection plan", "MAPPA": "MAPPA plan", "MARAC": "MARAC case"}
HEIGHT_PX = 620

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
COLOURS = {
    "adult": "#0072B2", "child": "#56B4E9", "person_unknown_age": "#999999", "household": "#E69F00",
    "practitioner": "#009E73", "agency": "#BBBBBB", "MAPPA": "#D55E00", "CP_PLAN": "#CC79A7",
    "MARAC": "#F0E442", "plan": "#999999",
}


@dataclass(frozen=True)
class Style:
    """How one kind of node looks, and how the legend names it."""

    key: str
    legend: str
    shape: str
    symbol: str  # the legend's glyph for the shape

    @property
    def colour(self) -> str:
        return COLOURS[self.key]


STYLES = {
    s.key: s
    for s in (
        Style("adult", "Adult", "dot", "●"),
        Style("child", "Child (under 18)", "triangle", "▲"),
        Style("person_unknown_age", "Person, age unknown", "dot", "●"),
        Style("household", "Household", "square", "■"),
        Style("practitioner", "Practitioner", "diamond", "◆"),
        Style("agency", "Agency", "box", "▬"),
        Style("CP_PLAN", "Child protection plan", "hexagon", "⬢"),
        Style("MAPPA", "MAPPA", "hexagon", "⬢"),
        Style("MARAC", "MARAC", "hexagon", "⬢"),
        Style("plan", "Plan", "hexagon", "⬢"),
    )
}

OPTIONS = {
    "physics": {
        "solver": "barnesHut",
        "barnesHut": {"gravitationalConstant": -3500, "centralGravity": 0.35, "springLength": 110,
                      "springConstant": 0.05, "damping": 0.5, "avoidOverlap": 0.3},
        "stabilization": {"enabled": True, "iterations": 300, "fit": True},
    },
    "edges": {"smooth": {"type": "dynamic"}, "color": {"color": "#9a9a9a", "highlight": "#333333"}, "width": 1.2},
    "nodes": {"font": {"size": 15, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
              "borderWidth": 1},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
}

_EXTERNAL_TAGS = (
    re.compile(r"<script\b[^>]*\bsrc\s*=[^>]*>\s*</script\s*>", re.IGNORECASE | re.DOTALL),
    re.compile(r"<link\b[^>]*>", re.IGNORECASE | re.DOTALL),
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE),
)

_AFTER_DRAW = """
<style>
  body { margin: 0; font-family: sans-serif; }
  #mynetwork { float: none; border: 1px solid #d0d0d0; border-radius: 6px; }
  div.vis-tooltip { white-space: normal; max-width: 340px; font-size: 13px; line-height: 1.35; }
  .lr-legend { position: absolute; top: 8px; left: 8px; background: rgba(255,255,255,0.92);
               border: 1px solid #d0d0d0; border-radius: 6px; padding: 6px 10px; font-size: 12px; }
  .lr-legend span.g { display: inline-block; width: 1.3em; text-align: center; }
</style>
<script>
(function () {
  function decode(s) { var t = document.createElement("textarea"); t.innerHTML = s; return t.value; }
  function tip(s) { var d = document.createElement("div"); d.innerHTML = s; return d; }
  nodes.update(nodes.get().map(function (n) {
    return {id: n.id, label: decode(n.label || ""), title: n.title ? tip(n.title) : undefined};
  }));
  edges.update(edges.get().map(function (e) {
    return {id: e.id, label: e.label ? decode(e.label) : undefined, title: e.title ? tip(e.title) : undefined};
  }));
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});
    network.fit({animation: false});
  });
  document.body.setAttribute("data-linkedrisk-nodes", String(nodes.length));
})();
</script>
"""


def _missing(value: object) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and value != value)


def _text(value: object) -> str:
    if _missing(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def _tooltip(lines: Iterable[tuple[str, object]]) -> str:
    """Escaped ``label: value`` lines (empty values left out), joined by ``<br>``."""
    return "<br>".join(f"{html.escape(k)}: {html.escape(_text(v))}" if k else html.escape(_text(v))
                       for k, v in lines if _text(v))


def person_style(born: object, as_of: object) -> str:
    """``child``, ``adult`` or ``person_unknown_age`` on the as-of date."""
    if _missing(born):
        return "person_unknown_age"
    age = age_on(pd.Series([pd.Timestamp(str(born))]), as_timestamp(str(as_of)))
    return "child" if int(age.iloc[0]) < 18 else "adult"


def _person(attrs: dict[str, object], as_of: object) -> tuple[str, str, str]:
    name = f"{_text(attrs.get('given_name'))} {_text(attrs.get('family_name'))}".strip() or "Unnamed"
    style = person_style(attrs.get("date_of_birth"), as_of)
    age = {"child": "child", "adult": "adult", "person_unknown_age": "age unknown"}[style]
    tip = _tooltip([("", name), ("Id", attrs.get("person_id")), ("Born", attrs.get("date_of_birth")),
                    ("On the as-of date", age), ("Household", attrs.get("household_id"))])
    return style, name, tip


def _describe(node: str, attrs: dict[str, object], as_of: object) -> tuple[str, str, str]:
    """(style key, label, escaped tooltip) for one node of the neighbourhood graph."""
    kind = attrs.get("kind")
    if kind == "person":
        return _person(attrs, as_of)
    if kind == "household":
        label = f"Household {_text(attrs.get('household_id'))}".strip()
        return "household", label, _tooltip([("", label), ("Address", attrs.get("address")),
                                             ("Postcode", attrs.get("postcode"))])
    if kind == "practitioner":
        label = _text(attrs.get("name")) or _text(attrs.get("practitioner_id"))
        return "practitioner", label, _tooltip([("", label), ("Role", attrs.get("role")),
                                                ("Agency", attrs.get("agency_id"))])
    if kind == "agency":
        label = _text(attrs.get("name")) or _text(attrs.get("agency_id"))
        return "agency", label, _tooltip([("", label), ("Sector", attrs.get("sector"))])
    plan_type = _text(attrs.get("plan_type"))
    label = _text(attrs.get("plan_id")) or node
    tip = _tooltip([("", f"{PLAN_WORDS.get(plan_type, 'Plan')} {label}"), ("Started", attrs.get("start_date")),
                    ("Ended", attrs.get("end_date")),
                    ("Category", attrs.get("cp_category") or attrs.get("mappa_category")),
                    ("MAPPA level", attrs.get("mappa_level")), ("Next review", attrs.get("next_review_date")),
                    ("Meeting", attrs.get("meeting_date"))])
    return (plan_type if plan_type in STYLES else "plan"), label, tip


def _edge_words(attrs: dict[str, object]) -> tuple[str, str]:
    """(what it is, escaped tooltip) for an edge: its relationship or role, with dates."""
    word = _text(attrs.get("relationship") or attrs.get("role") or attrs.get("kind")).replace("_", " ")
    tip = _tooltip([("", word), ("From", attrs.get("start_date")), ("To", attrs.get("end_date")),
                    ("Active", "yes" if attrs.get("active", True) else "no")])
    return word, tip


def nearest_nodes(graph: nx.MultiDiGraph, focus: str, limit: int = MAX_NODES) -> list[str]:
    """Up to ``limit`` nodes, in order of distance from ``focus`` (ties by id)."""
    if focus not in graph:
        return sorted(graph.nodes)[:limit]
    distance = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), focus)
    near = sorted(distance, key=lambda n: (distance[n], n))
    rest = sorted(n for n in graph.nodes if n not in distance)
    return (near + rest)[:limit]


def strip_external(page: str) -> str:
    """``page`` without any tag that loads something from elsewhere, nor HTML comments."""
    for pattern in _EXTERNAL_TAGS:
        page = pattern.sub("", page)
    return page


def legend_html(keys: Iterable[str]) -> str:
    """The legend: one glyph and name per style present in the graph."""
    items = [STYLES[k] for k in STYLES if k in set(keys)]
    rows = "".join(f'<div><span class="g" style="color:{s.colour}">{s.symbol}</span> {html.escape(s.legend)}</div>'
                   for s in items)
    return f'<div class="lr-legend" role="note" aria-label="Legend">{rows}</div>'


def network_html(graph: nx.MultiDiGraph, focus: str, as_of: object, limit: int = MAX_NODES) -> tuple[str, int]:
    """The graph as a self-contained page, and how many nodes were left out to stay responsive."""
    keep = nearest_nodes(graph, focus, limit)
    number = {node: n for n, node in enumerate(keep)}  # our own ids: data never becomes an id
    net = Network(height=f"{HEIGHT_PX}px", width="100%", directed=True, cdn_resources="in_line")
    used: set[str] = set()
    for node in keep:
        style, label, tip = _describe(node, dict(graph.nodes[node]), as_of)
        used.add(style)
        chosen = STYLES[style]
        net.add_node(number[node], label=html.escape(label), title=tip, shape=chosen.shape, color=chosen.colour,
                     size=26 if node == focus else 16, borderWidth=4 if node == focus else 1)
    for u, v, attrs in graph.edges(data=True):
        if u in number and v in number:
            _word, tip = _edge_words(attrs)
            # Words on every edge crowd a family out: they show on hover instead.
            net.add_edge(number[u], number[v], title=tip, arrows="",
                         dashes=not attrs.get("active", True))
    net.set_options(json.dumps(OPTIONS))
    page = strip_external(net.generate_html())
    page = page.replace("</body>", legend_html(used) + _AFTER_DRAW + "</body>", 1)
    page = page.replace('<div class="card" style="width: 100%">', '<div style="position: relative; width: 100%">', 1)
    return page, max(0, graph.number_of_nodes() - len(keep))
