"""The dashboard's tables cut to what the signed-in user may read (see :func:`data_model.access.scope`).

Analyses that need the whole partnership (gaps, who needs to know) are worked out once for
everyone and cut here, row by row, to the user's scope: a row goes when any id it names (in its
columns, its evidence or its path) is outside the scope. Everything about one person or plan is
read from the scoped partnership itself, after :func:`require_person` or :func:`require_plan`
has refused anything outside it.

Examples
--------
>>> evidence_items("plans:CP1; involvements:GP1->TOM; plan_members:CP1/LEO (subject)")
('plans:CP1', 'people:TOM', 'plans:CP1', 'people:LEO')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable

import pandas as pd

from data_model import need_to_know_table
from data_model.access import AccessDenied, ScopedView
from data_model.findings import NeedToKnow
from data_model.marac.action_states import with_local_actions
from data_model.partnership import Partnership
from data_model.rules.context import PLAN_WORDS, Context

OUT_OF_SCOPE = "That record is outside what your role may see: ask a safeguarding lead if you need it."
FACT_COLUMNS = ["person_id", "person", "plan", "link", "contact", "summary"]


def evidence_items(evidence: str) -> tuple[str, ...]:
    """A gap's ``; ``-joined evidence as items :meth:`ScopedView.restrict` reads.

    ``involvements:PR->P`` names person P; ``plan_members:PL/P`` names plan PL and person P.
    """
    items: list[str] = []
    for item in (part.strip() for part in str(evidence or "").split(";")):
        kind, _, rest = item.partition(":")
        ref = rest.split(" ")[0] if rest and not rest.startswith(" ") else ""
        if kind == "involvements" and "->" in ref:
            items.append(f"people:{ref.split('->', 1)[1]}")
        elif kind == "plan_members" and "/" in ref:
            plan, person = ref.split("/", 1)
            items += [f"plans:{plan}", f"people:{person}"]
        elif item:
            items.append(item)
    return tuple(items)


def gap_rows(view: ScopedView, frame: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """Rows of a gap table (:func:`data_model.gap_table.gaps_frame`) naming nothing outside the scope.

    A row goes when an id in its columns or evidence is outside the scope. A summary may still
    name someone the row does not list by id (a plan's victim, in "the MARAC case MR1 for Ann
    Smith"): the names and ids of everyone outside the scope (``people`` is the whole
    partnership's) are replaced there by :data:`NOT_SHOWN`.
    """
    if view.everything:
        return frame
    probe = frame.assign(evidence=frame["evidence"].map(evidence_items))
    kept = frame.loc[view.restrict(probe).index]
    hide = outsiders(view, people, " ".join([*kept["summary"], *kept["evidence"]]))
    return kept.assign(summary=kept["summary"].map(hide), evidence=kept["evidence"].map(hide))


NOT_SHOWN = "[not shown]"


def outsiders(view: ScopedView, people: pd.DataFrame, texts: str | None = None) -> Callable[[str], str]:
    """A function replacing, in a text, the names and ids of people outside the scope by :data:`NOT_SHOWN`.

    ``texts`` (all the texts it will be given, joined) lets it look only for names that occur there.

    Examples
    --------
    >>> from data_model.access import Role, User
    >>> people = pd.DataFrame({"person_id": ["P1", "P2"], "given_name": ["Ann", "Tom"], "family_name": ["Smith", ""]})
    >>> view = ScopedView(User("pat", Role.PRACTITIONER, "A"), Partnership({}), frozenset({"P2"}), frozenset())
    >>> outsiders(view, people)("Case for Ann Smith (P1), with Tom (P2)")
    'Case for [not shown] ([not shown]), with Tom (P2)'
    """
    out = people[~people["person_id"].isin(view.people)]
    names = (out["given_name"].fillna("") + " " + out["family_name"].fillna("")).str.strip()
    candidates = {*names[names != ""], *out["person_id"].astype(str)}
    words = sorted((w for w in candidates if texts is None or w in texts), key=len, reverse=True)
    if not words:
        return lambda text: text
    pattern = re.compile("|".join(rf"(?<![\w]){re.escape(w)}(?![\w])" for w in words))
    return lambda text: pattern.sub(NOT_SHOWN, str(text))


def need_to_know_rows(view: ScopedView, rows: Iterable[NeedToKnow]) -> list[NeedToKnow]:
    """Who-needs-to-know rows whose plan, person and every step of the path are in the scope."""
    if view.everything:
        return list(rows)
    return [r for r in rows if r.plan_id in view.plans and r.person_id in view.people
            and set(r.path) <= view.people]


def need_to_know_frame(view: ScopedView, rows: Iterable[NeedToKnow], context: Context) -> pd.DataFrame:
    """The scoped rows as the page's table; ``context`` is the scoped partnership's, so names come from it."""
    return need_to_know_table.need_to_know_frame(need_to_know_rows(view, rows), context)


def plan_choices(view: ScopedView, context: Context, include_ended: bool,
                 not_informed: Collection[str]) -> pd.DataFrame:
    """The plans in the scope to choose from (see :func:`data_model.need_to_know_table.plan_choices`).

    ``context`` is the scoped partnership's on the as-of date.
    """
    flagged = [plan for plan in not_informed if plan in view.plans]
    return need_to_know_table.plan_choices(context, include_ended, flagged)


def require_person(view: ScopedView, person_id: str) -> None:
    """Refuse (one sentence, no detail) a person outside the scope."""
    if not view.everything and person_id not in view.people:
        raise AccessDenied(OUT_OF_SCOPE)


def require_plan(view: ScopedView, plan_id: str) -> None:
    """Refuse (one sentence, no detail) a plan outside the scope."""
    if not view.everything and plan_id not in view.plans:
        raise AccessDenied(OUT_OF_SCOPE)


def facts_frame(view: ScopedView, person_ids: Collection[str] | None = None) -> pd.DataFrame:
    """The facts of concern about people in the scope (all, or ``person_ids``), one row each.

    Columns: ``person_id``, ``person`` (their name, as the user may read it), ``plan`` (its kind
    in words), ``link``, ``contact`` (the lead agency) and ``summary`` (one sentence). Never the
    plan's id, members or reasons: the proportionate share is only that there is a concern.
    """
    facts = [f for f in view.facts if person_ids is None or f.person_id in person_ids]
    people = view.partnership.people.set_index("person_id")
    rows = [{
        "person_id": f.person_id,
        "person": _name(people, f.person_id),
        "plan": PLAN_WORDS.get(f.plan_type, "protection plan"),
        "link": "member" if f.link == "member" else f.link.replace("_", " "),
        "contact": f.contact_agency_name or "the plan's lead agency",
        "summary": f.summary,
    } for f in facts]
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


def _name(people: pd.DataFrame, person_id: str) -> str:
    if person_id not in people.index:
        return person_id
    row = people.loc[person_id]
    name = f"{row['given_name'] or ''} {row['family_name'] or ''}".strip()
    return f"{name} ({person_id})" if name else person_id


def marac_partnership(view: ScopedView, changes: pd.DataFrame) -> Partnership:
    """The scoped partnership with coordinators' action changes laid over it, for the scope's plans only."""
    p = with_local_actions(view.partnership, changes)
    if view.everything:
        return p
    actions = p.actions[p.actions["plan_id"].isin(view.plans)].reset_index(drop=True)
    return Partnership({**p.tables, "actions": actions})
