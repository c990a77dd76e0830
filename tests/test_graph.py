"""The graph: typed nodes and edges, linked people and plan networks exactly as rules.md defines them."""

from __future__ import annotations

from data_model.graph import build_graph, linked_people, neighbourhood, plan_network
from data_model.testing import partnership

FAMILY = dict(
    people="""person_id,given_name,date_of_birth,household_id
        MUM,Amy,1990-01-01,H1
        KID,Cal,2016-01-01,H1
        UNCLE,Dan,1988-01-01,H2
        DAD,Eli,1989-01-01,H3
        PAL,Fay,1990-01-01,H4
        NOHOME,Gus,1990-01-01,""",
    relationships="""person_id,related_person_id,relationship,start_date,end_date
        UNCLE,MUM,sibling,,
        DAD,KID,parent,,
        PAL,MUM,associate,,
        DAD,MUM,ex_partner,2010-01-01,2020-01-01
        NOHOME,NOHOME,parent,,""",
    practitioners="practitioner_id,agency_id,name\nHV1,A1,Hana",
    involvements="practitioner_id,person_id,role,start_date,end_date\nHV1,KID,health visitor,2024-01-01,",
    plans="plan_id,plan_type,lead_agency_id,start_date\nCP1,CP_PLAN,CSC,2024-03-01\nLATER,MARAC,A1,2025-01-01",
    plan_members="plan_id,person_id,role\nCP1,KID,subject\nLATER,MUM,victim",
)
AS_OF = "2024-06-30"


def test_household_and_active_family_relationships_link_both_ways() -> None:
    G = build_graph(partnership(**FAMILY), AS_OF)
    assert linked_people(G, "MUM") == {"KID", "UNCLE"}
    assert linked_people(G, "KID") == {"MUM", "DAD"}


def test_associate_does_not_link() -> None:
    G = build_graph(partnership(**FAMILY), AS_OF)
    assert "PAL" not in linked_people(G, "MUM")


def test_a_relationship_that_ended_does_not_link() -> None:
    G = build_graph(partnership(**FAMILY), AS_OF)
    assert "DAD" not in linked_people(G, "MUM")
    assert "DAD" in linked_people(build_graph(partnership(**FAMILY), "2019-12-31"), "MUM")


def test_a_relationship_to_oneself_is_ignored_and_no_household_links_nobody() -> None:
    G = build_graph(partnership(**FAMILY), AS_OF)
    assert linked_people(G, "NOHOME") == set()


def test_plan_network_is_one_hop_so_a_mothers_brother_is_not_in_her_childs_network() -> None:
    G = build_graph(partnership(**FAMILY), AS_OF)
    assert plan_network(G, "CP1") == {"KID", "MUM", "DAD"}


def test_the_graph_holds_only_what_had_happened_by_the_as_of_date() -> None:
    G = build_graph(partnership(**FAMILY), AS_OF)
    assert "plan:CP1" in G and "plan:LATER" not in G
    assert build_graph(partnership(**FAMILY), "2024-02-01").has_node("plan:CP1") is False


def test_nodes_and_edges_are_typed_with_their_dates_and_codes() -> None:
    G = build_graph(partnership(**FAMILY), AS_OF)
    assert G.nodes["person:KID"]["kind"] == "person"
    assert G.nodes["plan:CP1"]["plan_type"] == "CP_PLAN"
    assert str(G.nodes["plan:CP1"]["start_date"]) == "2024-03-01"
    assert "dash_score" not in G.nodes["plan:CP1"] and "end_date" not in G.nodes["plan:CP1"]  # empty: left out
    [involvement] = G.get_edge_data("practitioner:HV1", "person:KID").values()
    assert involvement["kind"] == "involvement" and involvement["active"] is True
    assert {d["kind"] for _, _, d in G.edges(data=True)} == {
        "household_member",
        "relationship",
        "involvement",
        "employed_by",
        "plan_member",
        "plan_agency",
    }


def people(G: object) -> set[str]:
    return {n for n in G if n.startswith("person:")}  # type: ignore[attr-defined]


def test_neighbourhood_grows_with_depth_and_carries_practitioners_and_plans() -> None:
    p = partnership(**FAMILY)
    one = neighbourhood(p, "KID", 1, AS_OF)
    two = neighbourhood(p, "KID", 2, AS_OF)
    assert people(one) == {"person:KID", "person:MUM", "person:DAD"}
    assert {"person:UNCLE", "person:PAL"} <= people(two)
    assert "practitioner:HV1" in one and "agency:A1" in one and "plan:CP1" in one
    assert one.nodes["person:MUM"]["given_name"] == "Amy"


def test_neighbourhood_of_an_unknown_person_is_empty() -> None:
    assert len(neighbourhood(partnership(**FAMILY), "NOBODY", 2, AS_OF)) == 0
