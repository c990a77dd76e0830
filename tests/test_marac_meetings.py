"""MARAC meetings and agendas: the cases each meeting hears, and one line per case."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_model.errors import UserError
from data_model.marac.meetings import agenda, meetings
from data_model.rules import find_gaps
from tests.builders import World
from tests.marac_world import AS_OF, MEETING, PAST_MEETING, marac_partnership


@pytest.fixture(scope="module")
def month() -> pd.DataFrame:
    return agenda(marac_partnership(), MEETING, AS_OF).set_index("plan_id")


def test_meetings_list_each_date_with_the_cases_referred_by_the_as_of_date() -> None:
    listed = meetings(marac_partnership(), AS_OF).set_index("meeting_date")
    assert listed.loc[pd.Timestamp(MEETING), "cases"] == 3  # MR99 is referred after the as-of date
    assert listed.loc[pd.Timestamp(PAST_MEETING), "cases"] == 2
    assert bool(listed.loc[pd.Timestamp(MEETING), "upcoming"]) and not bool(listed.loc[pd.Timestamp(PAST_MEETING),
                                                                                        "upcoming"])
    assert list(listed.index) == sorted(listed.index, reverse=True)


def test_the_agenda_names_victim_perpetrator_and_the_children_with_their_ages(month: pd.DataFrame) -> None:
    case = month.loc["MR10"]
    assert (case["victim"], case["perpetrator"]) == ("Zoë Ó Briain", "Marek Wąsik")
    assert case["children"] == "Noah Wąsik (2); Lily Ó Briain (7)"
    assert (case["referral_criterion"], case["dash_score"], case["is_repeat"]) == ("visible_high_risk", 16, False)


def test_the_agenda_is_in_referral_order_and_leaves_out_later_referrals(month: pd.DataFrame) -> None:
    assert list(month.index) == ["MR10", "MR11", "MR12"]
    assert list(month["item"]) == [1, 2, 3]


def test_a_child_of_unknown_age_is_listed_without_a_guess(month: pd.DataFrame) -> None:
    assert month.loc["MR12", "children"] == "Baby Nowak (age unknown)"


def test_the_repeat_the_referral_did_not_flag_is_shown_with_the_rules_sentence(month: pd.DataFrame) -> None:
    assert bool(month.loc["MR10", "repeat_not_flagged"])
    assert "MR1" in month.loc["MR10", "repeat_note"]
    assert not month.loc[["MR11", "MR12"], "repeat_not_flagged"].any()


def test_an_adult_in_the_victims_household_is_not_a_child_of_the_case() -> None:
    w = World()
    w.adult("V", household="H1")
    w.adult("LODGER", household="H1")
    w.child("KID", household="H1", given="Kit")
    w.plan("MR1", "MARAC", "2026-11-01", members={"V": "victim"}, meeting_date="2026-12-01")
    assert agenda(w.build(), "2026-12-01", AS_OF).loc[0, "children"] == "Kit (10)"


def test_an_unknown_meeting_date_is_a_user_error_naming_the_latest_meetings() -> None:
    with pytest.raises(UserError, match=MEETING):
        agenda(marac_partnership(), "2026-12-10", AS_OF)


VICTIMS = ("V1", "V2")


@st.composite
def marac_histories(draw: st.DrawFn) -> World:
    """A few MARAC cases for two victims, with random dates and repeat flags."""
    w = World()
    for v in VICTIMS:
        w.adult(v)
    for n in range(draw(st.integers(1, 5))):
        start = pd.Timestamp(AS_OF) - pd.Timedelta(days=draw(st.integers(0, 800)))
        w.plan(f"MR{n}", "MARAC", start.date().isoformat(), members={draw(st.sampled_from(VICTIMS)): "victim"},
               meeting_date="2026-12-01", is_repeat=draw(st.booleans()),
               referral_criterion=draw(st.sampled_from(["repeat", "visible_high_risk", None])))
    return w


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marac_histories())
def test_the_agendas_unflagged_repeats_are_exactly_the_rules_engines(world: World) -> None:
    p = world.build()
    try:
        shown = set(agenda(p, "2026-12-01", AS_OF).query("repeat_not_flagged")["plan_id"])
    except UserError:  # every case referred after the as-of date: no meeting to show
        shown = set()
    gaps = {g.plan_id for g in find_gaps(p, AS_OF, codes=["MARAC_REPEAT_NOT_FLAGGED"])}
    assert shown == gaps
