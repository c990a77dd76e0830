"""The linked-risk graph for analysts, as GraphML and GEXF (Gephi, networkx, yEd...).

People and plans are keyed tokens; a person carries an age band, postcode district, gender group,
whether they are a plan member, and their cluster's token; a plan its type, categories and start
month; agencies (not personal data) their id, name and sector. Edges: ``linked`` (with the
``link``: relationship kind or household), ``member`` (with the ``role``) and ``agency`` (with the
agency's ``role`` in the plan). Every attribute is text, a number or a boolean: GraphML and GEXF
have no empty value, so a missing one is left out.
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx
import pandas as pd

from data_model.graph import record_id
from data_model.patterns.clusters import person_clusters
from data_model.patterns.inputs import PatternInputs
from data_model.patterns.linked_risk import person_ids
from data_model.pseudonymise import Pseudonymiser, age_bands, areas, gender_groups, months


def _person_facts(inputs: PatternInputs, ids: list[str]) -> pd.DataFrame:
    people = inputs.p.people.set_index("person_id").reindex(ids)
    postcode = inputs.p.households.set_index("household_id")["postcode"]
    return pd.DataFrame({
        "age_band": age_bands(people["date_of_birth"], inputs.as_of).to_numpy(),
        "area": areas(postcode.reindex(people["household_id"]).fillna("")).to_numpy(),
        "gender": gender_groups(people["gender"]).to_numpy(),
    }, index=ids)


def _plan_facts(inputs: PatternInputs, ids: list[str]) -> pd.DataFrame:
    plans = inputs.p.plans.set_index("plan_id").reindex(ids)
    return pd.DataFrame({
        "plan_type": plans["plan_type"], "start_month": months(plans["start_date"]),
        "mappa_category": plans["mappa_category"], "mappa_level": plans["mappa_level"],
        "cp_category": plans["cp_category"],
    }, index=ids)


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None and not (isinstance(v, float) and pd.isna(v)) and v != ""}


def _rows(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Each row of ``frame`` (indexed by id) as clean attributes, looked up once."""
    records = frame.astype(object).where(frame.notna(), None).to_dict("index")
    return {str(k): _clean({str(c): v for c, v in row.items()}) for k, row in records.items()}


def analyst_graph(inputs: PatternInputs, pseud: Pseudonymiser) -> nx.Graph:
    """The linked-risk graph with tokens for people and plans, and agencies part of or told of plans."""
    G = inputs.graph
    H = nx.Graph(as_of=inputs.as_of.date().isoformat(), key_fingerprint=pseud.fingerprint)
    cluster_of = {n: pseud.token("cluster", person_ids(c)[0]) for c in person_clusters(G) for n in c}
    people = _rows(_person_facts(inputs, person_ids(G)))
    plans = _rows(_plan_facts(inputs, [record_id(n) for n in G if n.startswith("plan:")]))
    name: dict[str, str] = {}
    for n, data in G.nodes(data=True):
        ident = record_id(n)
        if data["kind"] == "person":
            name[n] = pseud.token("person", ident)
            H.add_node(name[n], label=name[n], kind="person", member=bool(data["member"]), **people[ident])
        else:
            name[n] = pseud.token("plan", ident)
            H.add_node(name[n], label=name[n], kind="plan", **plans[ident])
        if n in cluster_of:
            H.nodes[name[n]]["cluster"] = cluster_of[n]
    for a, b, data in G.edges(data=True):
        kind = "linked" if "link" in data else "member"
        H.add_edge(name[a], name[b], kind=kind, **_clean({"link": data.get("link"), "role": data.get("role")}))
    _add_agencies(H, inputs, name)
    return H


def _add_agencies(H: nx.Graph, inputs: PatternInputs, name: dict[str, str]) -> None:
    """Agencies leading or part of (or told of) each plan in the graph, by ``plan_agencies`` and lead."""
    plans = inputs.p.plans
    in_graph = plans[plans["plan_id"].map(lambda pid: f"plan:{pid}" in name)]
    links = pd.concat([
        pd.DataFrame({"plan_id": in_graph["plan_id"], "agency_id": in_graph["lead_agency_id"], "role": "lead"}),
        inputs.p.plan_agencies.loc[
            inputs.p.plan_agencies["plan_id"].isin(in_graph["plan_id"])
            & ~(inputs.p.plan_agencies["since"] > inputs.as_of), ["plan_id", "agency_id", "role"]],
    ]).dropna(subset=["agency_id"]).drop_duplicates(["plan_id", "agency_id"])
    agencies = inputs.p.agencies.set_index("agency_id")
    for row in links.itertuples(index=False):
        agency_id = str(row.agency_id)
        node = f"agency:{agency_id}"
        if node not in H:
            info = agencies.loc[agency_id]
            H.add_node(node, label=str(info["name"] or agency_id), kind="agency", sector=str(info["sector"]))
        H.add_edge(name[f"plan:{row.plan_id}"], node, kind="agency", role=str(row.role))


def graphml_bytes(G: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(G, buffer, encoding="utf-8")
    return buffer.getvalue()


def gexf_bytes(G: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(G, buffer, encoding="utf-8")
    return buffer.getvalue()
