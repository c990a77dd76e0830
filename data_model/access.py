"""Need-to-know access: who may do what, and which slice of the partnership each role may read.

Sharing is on a need-to-know basis (the guidance), so access is decided here, in the data model,
not by hiding widgets: every page and export starts from :func:`scope`, which returns only what the
signed-in user's role allows.

=====================  ==========================================================================
role                   reads
=====================  ==========================================================================
``safeguarding_lead``  everything in the partnership
``marac_coordinator``  MARAC cases, the people in their networks and the records about them; for
                       other plans around those people, only the fact of concern and the contact
``practitioner``       the people on their agency's caseload, in full; for plans around them that
                       they are not members of, only the fact of concern and whom to contact
``analyst``            pseudonymised tables (tokens, age bands, areas) and aggregates only
``admin``              users and imports; the agencies list, and no personal data
=====================  ==========================================================================

Examples
--------
>>> lead = User("sam", Role.SAFEGUARDING_LEAD)
>>> can(lead, Permission.VIEW_AUDIT), can(User("pat", Role.PRACTITIONER, "A1"), Permission.VIEW_AUDIT)
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from data_model.errors import UserError
from data_model.partnership import Day, Partnership


class Role(StrEnum):
    ADMIN = "admin"
    SAFEGUARDING_LEAD = "safeguarding_lead"
    MARAC_COORDINATOR = "marac_coordinator"
    PRACTITIONER = "practitioner"
    ANALYST = "analyst"


ROLE_LABELS = {
    Role.ADMIN: "Administrator",
    Role.SAFEGUARDING_LEAD: "Safeguarding lead",
    Role.MARAC_COORDINATOR: "MARAC coordinator",
    Role.PRACTITIONER: "Practitioner",
    Role.ANALYST: "Analyst",
}


class Permission(StrEnum):
    IMPORT = "import"
    MANAGE_USERS = "manage_users"
    VIEW_PEOPLE = "view_people"
    CHANGE_GAP_STATUS = "change_gap_status"
    EDIT_ACTIONS = "edit_actions"
    EXPORT_IDENTIFIABLE = "export_identifiable"
    EXPORT_PSEUDONYMISED = "export_pseudonymised"
    VIEW_AUDIT = "view_audit"


P = Permission
#: What each role may do. Reading is further limited to the role's scope (see :func:`scope`).
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset({P.IMPORT, P.MANAGE_USERS}),
    Role.SAFEGUARDING_LEAD: frozenset(
        {P.VIEW_PEOPLE, P.CHANGE_GAP_STATUS, P.EDIT_ACTIONS, P.EXPORT_IDENTIFIABLE, P.VIEW_AUDIT}
    ),
    Role.MARAC_COORDINATOR: frozenset({P.VIEW_PEOPLE, P.CHANGE_GAP_STATUS, P.EDIT_ACTIONS, P.EXPORT_IDENTIFIABLE}),
    Role.PRACTITIONER: frozenset({P.VIEW_PEOPLE}),
    Role.ANALYST: frozenset({P.EXPORT_PSEUDONYMISED}),
}

WORDS = {
    P.IMPORT: "importing data",
    P.MANAGE_USERS: "managing users",
    P.VIEW_PEOPLE: "viewing people's records",
    P.CHANGE_GAP_STATUS: "changing gap statuses",
    P.EDIT_ACTIONS: "editing actions",
    P.EXPORT_IDENTIFIABLE: "exporting identifiable data",
    P.EXPORT_PSEUDONYMISED: "exporting pseudonymised data",
    P.VIEW_AUDIT: "viewing the audit trail",
}


class AccessDenied(UserError):
    """The user's role does not allow this."""


@dataclass(frozen=True)
class User:
    """A signed-in person: who they are, their role, and (for practitioners) their agency."""

    username: str
    role: Role
    agency_id: str | None = None
    display_name: str = ""

    @property
    def label(self) -> str:
        return f"{self.display_name or self.username} ({ROLE_LABELS[self.role]})"


def can(user: User, permission: Permission) -> bool:
    """Whether ``user``'s role allows ``permission``."""
    return permission in PERMISSIONS[user.role]


def require(user: User, permission: Permission) -> None:
    """Raise :class:`AccessDenied` (a sentence, no detail) unless ``user`` may do ``permission``.

    Examples
    --------
    >>> require(User("ann", Role.ANALYST), Permission.EXPORT_IDENTIFIABLE)
    Traceback (most recent call last):
    ...
    data_model.access.AccessDenied: Your role (Analyst) does not allow exporting identifiable data.
    """
    if not can(user, permission):
        raise AccessDenied(f"Your role ({ROLE_LABELS[user.role]}) does not allow {WORDS[permission]}.")


@dataclass(frozen=True)
class FactOfConcern:
    """The proportionate share: someone you may see has a protection plan around them.

    Only the fact, its kind, how the person is connected, and whom to contact: never who else is
    on the plan or why (the guidance: "it may be proportionate ... to share the fact that they
    have concerns").
    """

    person_id: str
    plan_type: str
    link: str  # "member", a relationship kind, or "household"
    contact_agency_id: str | None
    contact_agency_name: str

    @property
    def summary(self) -> str:
        from data_model.rules.context import PLAN_WORDS

        kind = PLAN_WORDS.get(self.plan_type, "protection plan")
        how = "is a member of" if self.link == "member" else f"is linked ({self.link.replace('_', ' ')}) to"
        contact = self.contact_agency_name or "the plan's lead agency"
        return f"{self.person_id} {how} an active {kind}: contact {contact} before sharing more."


@dataclass(frozen=True)
class ScopedView:
    """What ``user`` may read: a partnership cut to their scope, plus facts of concern.

    ``people`` and ``plans`` are the ids in scope (tokens for an analyst). Frames computed on the
    whole partnership (gap tables, who-needs-to-know rows) go through :meth:`restrict` before
    they are shown or exported.
    """

    user: User
    partnership: Partnership
    people: frozenset[str]
    plans: frozenset[str]
    facts: tuple[FactOfConcern, ...] = ()
    pseudonymised: bool = False
    everything: bool = field(default=False)

    def restrict(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Rows of ``frame`` that name no person or plan outside the scope.

        Person columns: ``person_id``, ``member_id``, ``linked_id`` and any ``*_person_id``; plan
        columns: ``plan_id``; a ``path`` of person ids and an ``evidence`` list (``people:ID``,
        ``plans:ID``, ``path:M->Y``) are read too. An analyst gets no identifiable rows at all.
        """
        if self.everything:
            return frame
        if self.pseudonymised:
            return frame.iloc[0:0]
        keep = pd.Series(True, index=frame.index)
        for column in frame.columns:
            name = str(column)
            if name in PERSON_COLUMNS or name.endswith("_person_id"):
                keep &= frame[column].map(lambda v: _empty(v) or v in self.people).astype(bool)
            elif name == "plan_id":
                keep &= frame[column].map(lambda v: _empty(v) or v in self.plans).astype(bool)
            elif name in ("path", "evidence"):
                keep &= frame[column].map(self._mentions_only_scope).astype(bool)
        return frame[keep]

    def _mentions_only_scope(self, items: object) -> bool:
        if not isinstance(items, list | tuple):
            return True
        for item in map(str, items):
            kind, _, rest = item.partition(":")
            if not rest:
                if item not in self.people:  # a path: bare person ids
                    return False
            elif kind == "people" and rest.split(" ")[0] not in self.people:
                return False
            elif kind == "plans" and rest.split(" ")[0] not in self.plans:
                return False
            elif kind == "path" and not set(rest.split(" ")[0].split("->")) <= self.people:
                return False
        return True


#: Columns that hold a person id, besides any ``*_person_id``.
PERSON_COLUMNS = frozenset({"person_id", "member_id", "linked_id"})


def _empty(value: object) -> bool:
    """None, "", NaN, NaT or NA: a reference that is not filled in."""
    return value is None or value == "" or value is pd.NaT or value is pd.NA or (
        isinstance(value, float) and value != value)


def needs_reason(p: Partnership, user: User, person_id: str, as_of: Day) -> bool:
    """Whether ``user`` must say why they open ``person_id``'s record: it is not on their caseload.

    Leads and MARAC coordinators may open records beyond their own agency's caseload, and must
    say why each time; a practitioner only ever sees their caseload.

    Examples
    --------
    >>> from tests.builders import World
    >>> w = World(); _ = w.adult("P1"), w.works_with("HV1", "P1", agency="HEALTH")
    >>> p = w.build()
    >>> needs_reason(p, User("sam", Role.SAFEGUARDING_LEAD), "P1", "2026-11-27")
    True
    >>> needs_reason(p, User("sam", Role.SAFEGUARDING_LEAD, "HEALTH"), "P1", "2026-11-27")
    False
    """
    if user.role not in (Role.SAFEGUARDING_LEAD, Role.MARAC_COORDINATOR):
        return False
    from data_model.scoping import caseload

    return not user.agency_id or person_id not in caseload(p, user.agency_id, as_of)


def scope(p: Partnership, user: User, as_of: Day, pseudonym_key: bytes | None = None) -> ScopedView:
    """The slice of ``p`` that ``user`` may read on the as-of date.

    Parameters
    ----------
    p : Partnership
        The whole partnership.
    user : User
    as_of : date, str or Timestamp
        Caseloads and plan networks are taken on this date.
    pseudonym_key : bytes, optional
        The analyst's pseudonymisation key (default: :func:`data_model.pseudonymise.load_key`).
    """
    from data_model import scoping

    if user.role is Role.SAFEGUARDING_LEAD:
        return ScopedView(user, p, frozenset(p.people["person_id"]), frozenset(p.plans["plan_id"]), everything=True)
    if user.role is Role.ADMIN:
        return ScopedView(user, Partnership({"agencies": p.agencies}), frozenset(), frozenset())
    if user.role is Role.ANALYST:
        from data_model.analyst_view import pseudonymised_partnership
        from data_model.pseudonymise import load_key

        view = pseudonymised_partnership(p, as_of, pseudonym_key or load_key())
        return ScopedView(user, view, frozenset(view.people["person_id"]), frozenset(view.plans["plan_id"]),
                          pseudonymised=True)
    if user.role is Role.MARAC_COORDINATOR:
        people, plans = scoping.marac_scope(p, as_of)
        extra: frozenset[str] = frozenset()
    else:
        if not user.agency_id:
            raise UserError(f"{user.username} is a practitioner with no agency: ask an administrator to set one.")
        people, plans = scoping.caseload_scope(p, user.agency_id, as_of)
        extra = frozenset(p.practitioners.loc[p.practitioners["agency_id"] == user.agency_id, "practitioner_id"])
    facts = scoping.facts_of_concern(p, people, plans, as_of)
    restricted = scoping.restrict(p, people, plans, extra)
    return ScopedView(user, restricted, frozenset(people), frozenset(plans), facts)
