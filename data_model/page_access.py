"""Which parts of the dashboard each role may use: a page a role may not use is not offered, and refused.

The dashboard shows each signed-in person only the pages in :func:`pages_for`; every page and the
loaders behind it call :func:`require_page` too, so a page reached some other way (a bookmarked
link, a crafted request) still refuses, with one sentence and no detail.

============  ======================================================================================
page          who may use it
============  ======================================================================================
overview,     those who may view people's records (leads, MARAC coordinators, practitioners),
network,      each seeing only their own scope's people, plans, gaps and sharing
gaps, ...
marac         safeguarding leads and MARAC coordinators
patterns      analysts (pseudonymised tables and aggregates) and safeguarding leads
data          administrators (imports)
audit         safeguarding leads (the audit trail)
============  ======================================================================================

Examples
--------
>>> from data_model.access import Role, User
>>> pages_for(User("ana", Role.ANALYST))
['patterns']
>>> pages_for(User("root", Role.ADMIN))
['data']
"""

from __future__ import annotations

from enum import StrEnum

from data_model.access import ROLE_LABELS, AccessDenied, Permission, Role, User, can, require


class Page(StrEnum):
    """The dashboard's pages, in the order they are offered."""

    OVERVIEW = "overview"
    NETWORK = "network"
    WHO_NEEDS_TO_KNOW = "who-needs-to-know"
    GAPS = "gaps"
    SHARING = "sharing"
    PATTERNS = "patterns"
    MARAC = "marac"
    DATA = "data"
    AUDIT = "audit"


_LEAD, _MARAC, _PRACTITIONER = Role.SAFEGUARDING_LEAD, Role.MARAC_COORDINATOR, Role.PRACTITIONER
_READERS = frozenset({_LEAD, _MARAC, _PRACTITIONER})  # the roles that may view people's records
#: Who may use each page.
PAGE_ROLES: dict[Page, frozenset[Role]] = {
    Page.OVERVIEW: _READERS,
    Page.NETWORK: _READERS,
    Page.WHO_NEEDS_TO_KNOW: _READERS,
    Page.GAPS: _READERS,
    Page.SHARING: _READERS,
    # Pseudonymised tables: for analysts, and for leads, who may read everything anyway.
    Page.PATTERNS: frozenset({Role.ANALYST, _LEAD}),
    Page.MARAC: frozenset({_LEAD, _MARAC}),
    Page.DATA: frozenset({Role.ADMIN}),
    Page.AUDIT: frozenset({_LEAD}),
}

PAGE_WORDS = {
    Page.OVERVIEW: "the overview", Page.NETWORK: "family networks", Page.WHO_NEEDS_TO_KNOW: "who needs to know",
    Page.GAPS: "the gaps", Page.SHARING: "information sharing", Page.PATTERNS: "the patterns",
    Page.MARAC: "MARAC meetings", Page.DATA: "the Data page", Page.AUDIT: "the audit trail",
}


def may_open(user: User, page: Page | str) -> bool:
    """Whether ``user``'s role may use ``page``."""
    return user.role in PAGE_ROLES[Page(page)]


def pages_for(user: User) -> list[str]:
    """The pages ``user`` may use, in the order they are offered (the first is their home page)."""
    return [page.value for page in Page if may_open(user, page)]


def require_page(user: User, page: Page | str) -> None:
    """Raise :class:`~data_model.access.AccessDenied` unless ``user`` may use ``page``.

    Examples
    --------
    >>> require_page(User("pat", Role.PRACTITIONER, "HEALTH"), "audit")
    Traceback (most recent call last):
    ...
    data_model.access.AccessDenied: Your role (Practitioner) does not open the audit trail.
    """
    if not may_open(user, page):
        raise AccessDenied(f"Your role ({ROLE_LABELS[user.role]}) does not open {PAGE_WORDS[Page(page)]}.")


def require_any(user: User, *permissions: Permission) -> None:
    """Raise :class:`~data_model.access.AccessDenied` unless ``user`` may do one of ``permissions``."""
    if not any(can(user, p) for p in permissions):
        require(user, permissions[0])
