"""SIGNIFICANT_HARM_NOT_REFERRED: a referral to First Response the day of the concern or the next."""

from __future__ import annotations

from tests.builders import World, found

CODE = "SIGNIFICANT_HARM_NOT_REFERRED"
CONCERN_ON = "2026-10-01"


def concern(born: str | None = "2016-05-01", harm: bool = True, date: str = CONCERN_ON) -> World:
    w = World()
    w.person("KID", born=born, given="Leo", family="Smith")
    w.concern("KID", date, harm=harm)
    return w


def fired(w: World, as_of: str = "2026-11-27") -> list[str | None]:
    return [g.concern_id for g in found(w, CODE, as_of)]


def test_a_significant_harm_concern_with_no_referral_is_a_gap():
    gaps = found(concern(), CODE)
    assert [(g.concern_id, g.severity.value) for g in gaps] == [("CON1", "high")]
    assert "Leo Smith" in gaps[0].summary and "First Response" in gaps[0].summary


def test_a_referral_the_same_day_is_in_time():
    w = concern()
    w.referral("KID", CONCERN_ON)
    assert fired(w) == []


def test_a_referral_the_next_day_is_in_time():
    w = concern()
    w.referral("KID", "2026-10-02")
    assert fired(w) == []


def test_a_referral_two_days_later_is_too_late():
    w = concern()
    w.referral("KID", "2026-10-03")
    assert fired(w) == ["CON1"]


def test_a_referral_the_day_before_does_not_answer_the_concern():
    w = concern()
    w.referral("KID", "2026-09-30")
    assert fired(w) == ["CON1"]


def test_a_referral_to_marac_is_not_a_referral_to_first_response():
    w = concern()
    w.referral("KID", CONCERN_ON, to="marac")
    assert fired(w) == ["CON1"]


def test_a_first_response_referral_for_a_sibling_does_not_answer_a_concern_about_a_child():
    w = concern()
    w.child("SIS")
    w.referral("SIS", CONCERN_ON)
    assert fired(w) == ["CON1"]


def test_which_concern_a_referral_names_does_not_matter():
    w = concern()
    other = w.concern("KID", "2026-03-01", harm=False)
    w.referral("KID", "2026-10-02", concern=other)
    assert fired(w) == []


def test_a_concern_about_someone_who_just_turned_18_is_not_about_a_child():
    assert fired(concern(born="2008-10-01")) == []


def test_a_concern_the_day_before_their_18th_birthday_is_about_a_child():
    assert fired(concern(born="2008-10-02")) == ["CON1"]


def test_an_empty_date_of_birth_counts_as_a_child_here():
    assert fired(concern(born=None)) == ["CON1"]


def test_a_concern_without_significant_harm_suspected_needs_no_referral():
    assert fired(concern(harm=False)) == []


def test_a_concern_dated_on_the_as_of_date_still_has_time():
    assert fired(concern(), as_of=CONCERN_ON) == []
    assert fired(concern(), as_of="2026-10-02") == ["CON1"]


def test_a_referral_after_the_as_of_date_has_not_happened_yet():
    w = concern()
    w.referral("KID", "2026-10-02")
    assert fired(w, as_of="2026-10-02") == []
    assert fired(w, as_of="2026-10-01") == []


def test_a_concern_after_the_as_of_date_is_not_visible():
    assert fired(concern(date="2026-11-28")) == []
