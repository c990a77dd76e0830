"""The family network page's HTML: offline, escaped, styled by kind, and small enough to stay quick."""

from __future__ import annotations

import datetime as dt
import re

import networkx as nx

from dashboard.network_view import nearest_nodes, network_html, person_style, strip_external

EXTERNAL = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=", re.IGNORECASE | re.DOTALL)


def _family() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("person:M", kind="person", person_id="M", given_name="Ann</script><script>alert(1)",
               family_name="O'Brien", date_of_birth=dt.date(1990, 1, 1))
    G.add_node("person:C", kind="person", person_id="C", given_name="Leo", family_name="Smith",
               date_of_birth=dt.date(2016, 1, 1))
    G.add_node("plan:CP1", kind="plan", plan_id="CP1", plan_type="CP_PLAN", start_date=dt.date(2026, 1, 1))
    G.add_edge("person:M", "person:C", kind="relationship", relationship="parent", active=True)
    G.add_edge("person:M", "person:C", kind="relationship", relationship="carer", active=False)
    G.add_edge("person:C", "plan:CP1", kind="plan_member", role="subject")
    return G


def test_the_page_loads_nothing_from_elsewhere() -> None:
    page, _ = network_html(_family(), "person:M", "2026-11-27")
    assert not EXTERNAL.search(page)
    assert "vis.Network" in page  # the library is in the page itself


def test_pyvis_cdn_tags_spanning_lines_are_removed() -> None:
    page = '<head><link\n rel="stylesheet"\n href="https://cdn.example/x.css" />\n<script\n src="https://cdn.example/x.js"\n></script></head>'
    assert strip_external(page) == "<head>\n</head>"


def test_markup_in_a_name_cannot_escape_into_the_page() -> None:
    page, _ = network_html(_family(), "person:M", "2026-11-27")
    assert "</script><script>alert(1)" not in page
    assert "O'Brien" not in page  # quotes are escaped too


def test_children_and_adults_are_drawn_differently() -> None:
    assert person_style(dt.date(2016, 1, 1), "2026-11-27") == "child"
    assert person_style(dt.date(2008, 11, 27), "2026-11-27") == "adult"
    assert person_style(None, "2026-11-27") == "person_unknown_age"


def test_parallel_relationships_are_both_drawn() -> None:
    page, _ = network_html(_family(), "person:M", "2026-11-27")
    assert page.count('"from": 0, "title"') == 2


def test_a_large_network_keeps_the_nodes_nearest_the_person() -> None:
    G = nx.MultiDiGraph()
    nx.add_path(G, [f"person:{n}" for n in range(400)], kind="relationship")
    for n in G.nodes:
        G.nodes[n]["kind"] = "person"
    kept = nearest_nodes(G, "person:200", limit=5)
    assert kept == ["person:200", "person:199", "person:201", "person:198", "person:202"]
    _, left_out = network_html(G, "person:200", "2026-11-27", limit=50)
    assert left_out == 350
