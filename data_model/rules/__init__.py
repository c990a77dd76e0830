"""The rules of rules.md: who needs to know about each plan, and the thirteen gap codes.

Every rule is a small pure function of a :class:`~data_model.rules.context.Context` (the
partnership as visible on the as-of date); no clock, no files, deterministic order.

For one question, call :func:`find_gaps`, :func:`who_needs_to_know` or :func:`data_quality`. For
several questions about the same data and date (a dashboard, a benchmark), build an
:class:`Analysis` once: the joins the rules share are then made once, and who-needs-to-know for
one plan is a lookup.

Examples
--------
>>> from tests.builders import World
>>> w = World()
>>> kid = w.child("KID", household="H1"); sis = w.child("SIS", household="H1")
>>> _ = w.plan("CP1", "CP_PLAN", "2026-06-01", members={"KID": "subject"}, lead="CSC")
>>> _ = w.works_with("NURSE", "SIS", agency="SCHOOL")
>>> [(g.code.value, g.plan_id, g.agency_id) for g in find_gaps(w.build(), "2026-11-27")
...  if g.code == "LINKED_PLAN_NOT_SHARED"]
[('LINKED_PLAN_NOT_SHARED', 'CP1', 'SCHOOL')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from data_model.errors import UserError
from data_model.findings import KEY_FIELDS, Code, DataQualityFinding, Gap, NeedToKnow
from data_model.partnership import Day, Partnership, as_timestamp
from data_model.rules import children_social_care, consent, marac, plans, referrals, sharing
from data_model.rules import who_needs_to_know as need
from data_model.rules.context import Context
from data_model.rules.harm import at_risk_today_age_unknown
from data_model.rules.networks import plan_networks

Rule = Callable[[Context], list[Gap]]

#: One pure function per gap code, in the order of rules.md.
RULES: dict[Code, Rule] = {
    Code.LINKED_PLAN_NOT_SHARED: sharing.linked_plan_not_shared,
    Code.SIGNIFICANT_HARM_NOT_REFERRED: referrals.significant_harm_not_referred,
    Code.CONSENT_NOT_RECORDED: consent.consent_not_recorded,
    Code.SHARED_WITHOUT_CONSENT: consent.shared_without_consent,
    Code.CONSENT_NOT_SOUGHT_NO_REASON: consent.consent_not_sought_no_reason,
    Code.CHILD_VOICE_NOT_RECORDED: plans.child_voice_not_recorded,
    Code.MARAC_CHILD_UNKNOWN_TO_CSC: children_social_care.marac_child_unknown_to_csc,
    Code.MAPPA_CHILD_UNKNOWN_TO_CSC: children_social_care.mappa_child_unknown_to_csc,
    Code.ADULT_SHARING_NO_PURPOSE: sharing.adult_sharing_no_purpose,
    Code.CP_REVIEW_OVERDUE: plans.cp_review_overdue,
    Code.ACTION_OVERDUE: plans.action_overdue,
    Code.MARAC_REPEAT_NOT_FLAGGED: marac.marac_repeat_not_flagged,
    Code.HIGH_RISK_NOT_REFERRED: marac.high_risk_not_referred,
}
CODE_ORDER = {code: i for i, code in enumerate(Code)}


def gap_order(gap: Gap) -> tuple[object, ...]:
    """Sort key: code order of rules.md, then the key fields."""
    return (CODE_ORDER[gap.code], *(getattr(gap, f) or "" for f in KEY_FIELDS))


def parse_codes(codes: Iterable[str | Code] | None) -> list[Code]:
    """The codes asked for (all when None); an unknown code is a :class:`UserError`."""
    if codes is None:
        return list(Code)
    chosen = []
    for code in codes:
        name = str(code).strip().upper()
        if name not in Code.__members__:
            raise UserError(f"{code!r} is not a gap code; the codes are: {', '.join(Code)}.")
        chosen.append(Code(name))
    return [c for c in Code if c in chosen]


class Analysis:
    """Every answer for one partnership on one as-of date, sharing one :class:`Context`.

    Parameters
    ----------
    p : Partnership
    as_of : date, str or Timestamp
    """

    def __init__(self, p: Partnership, as_of: Day) -> None:
        self.context = Context(p, as_of)

    @property
    def as_of(self) -> pd.Timestamp:
        return self.context.as_of

    def gaps(self, codes: Iterable[str | Code] | None = None) -> list[Gap]:
        """The gaps of the given codes (all by default), in code order then key order."""
        found = [gap for code in parse_codes(codes) for gap in RULES[code](self.context)]
        return sorted(found, key=gap_order)

    def data_quality(self) -> list[DataQualityFinding]:
        """People a rule that needs an age could not judge, because their date of birth is empty."""
        findings = (consent.unknown_ages(self.context) + sharing.adult_sharing_unknown_ages(self.context)
                    + children_social_care.unknown_ages(self.context) + _lawful_basis_unknown_ages(self.context))
        return sorted(set(findings), key=lambda f: (f.rule, f.table, f.record_id, f.problem))

    def is_active(self, plan_id: str) -> bool:
        """Whether the plan is active on the as-of date (an unknown id is a :class:`UserError`)."""
        return need.check_plan(self.context, plan_id)

    def who_needs_to_know(self, plan_id: str) -> list[NeedToKnow]:
        """Who needs to know about one plan ([] when it is not active on the as-of date)."""
        return need.plan_rows(self.context, plan_id)

    def who_needs_to_know_all(self) -> dict[str, list[NeedToKnow]]:
        """Who needs to know about every active plan, by plan id."""
        return need.all_plan_rows(self.context)

    def need_to_know_frame(self) -> pd.DataFrame:
        """Who needs to know about every active plan as one DataFrame (see :mod:`.who_needs_to_know`)."""
        return need.need_to_know(self.context)


def _lawful_basis_unknown_ages(ctx: Context) -> list[DataQualityFinding]:
    """People at risk of significant harm on D, in an active plan's network, with no date of birth:
    the suggested lawful basis for that plan could not count them as children."""
    network = plan_networks(ctx)
    network = network[network["plan_id"].isin(ctx.active_plans["plan_id"])
                      & network["person_id"].isin(at_risk_today_age_unknown(ctx))]
    return [
        DataQualityFinding("who_needs_to_know", "people", str(person_id),
                           f"no date of birth, so the lawful basis for {'plans' if len(plan_ids) > 1 else 'plan'} "
                           f"{', '.join(sorted(plan_ids))} "
                           f"cannot count them as a child at risk of significant harm")
        for person_id, plan_ids in network.groupby("person_id")["plan_id"]
    ]


#: The last few analyses, so that asking one partnership several questions joins once.
_RECENT: list[tuple[Partnership, pd.Timestamp, Analysis]] = []
RECENT_KEPT = 2


def analyse(p: Partnership, as_of: Day) -> Analysis:
    """An :class:`Analysis` of ``p`` on ``as_of``; the same one again for the same ``p`` and date.

    The module's functions below go through here, so a dashboard that asks who needs to know
    about one plan after another pays for the shared joins once. The answers never depend on it.
    """
    day = as_timestamp(as_of)
    for known, known_day, analysis in _RECENT:
        if known is p and known_day == day:
            return analysis
    analysis = Analysis(p, day)
    _RECENT.insert(0, (p, day, analysis))
    del _RECENT[RECENT_KEPT:]
    return analysis


def find_gaps(p: Partnership, as_of: Day, codes: Iterable[str | Code] | None = None) -> list[Gap]:
    """Every gap of rules.md (or of ``codes``) on ``as_of``: code order, then key order."""
    return analyse(p, as_of).gaps(codes)


def data_quality(p: Partnership, as_of: Day) -> list[DataQualityFinding]:
    """People the age rules could not judge on ``as_of`` for want of a date of birth."""
    return analyse(p, as_of).data_quality()


def who_needs_to_know(p: Partnership, plan_id: str, as_of: Day) -> list[NeedToKnow]:
    """Who needs to know about ``plan_id`` on ``as_of``.

    Raises :class:`~data_model.errors.UserError` for an unknown plan id; a plan that is not
    active on ``as_of`` gives ``[]``.
    """
    return analyse(p, as_of).who_needs_to_know(plan_id)


def who_needs_to_know_all(p: Partnership, as_of: Day) -> dict[str, list[NeedToKnow]]:
    """Who needs to know about every active plan on ``as_of``, by plan id."""
    return analyse(p, as_of).who_needs_to_know_all()


__all__ = ["RULES", "Analysis", "Context", "analyse", "data_quality", "find_gaps", "who_needs_to_know",
           "who_needs_to_know_all"]
