"""The dashboard's test family with something for every role not to see (tests/dashboard_world.py).

Everyone gets a date of birth and a home address of their own, so that a leak of either can be
told apart from what a role may read, and Ann's MARAC case has a meeting date, so the MARAC page
has an agenda. What each role may read, by the rules of :func:`data_model.access.scope`:

- a **practitioner of Northbrook Health** (GP1 works with Tom): Tom, and the plans he is on
  (MR1, MP1); of Leo's child protection plan only the fact that Tom is linked to one;
- a **MARAC coordinator**: MR1 and its family network (Ann, Tom, Leo, Mia), not Zed (an
  associate does not link) nor the CP and MAPPA plans (facts only);
- an **analyst** and an **administrator**: no one.
"""

from __future__ import annotations

from data_model.access import Role
from tests.dashboard_world import family_world
from tests.page_scan import Forbidden, dates_as_shown

MEETING = "2026-12-03"
BORN = {"ANN": "1991-01-11", "LEO": "2016-03-13", "MIA": "2018-03-01", "TOM": "1985-07-09", "ZED": "1970-07-17"}
HOMES = {"ANN": "H1", "LEO": "H1", "MIA": "H1", "TOM": "H2", "ZED": "H3"}
ADDRESSES = {"H1": "14 Larch Road", "H2": "2 Birch Close", "H3": "3 Cedar Way"}
#: Each person's names as a whole word to look for (Zed's given name carries markup, his family name
#: an apostrophe that pages escape: the word inside is what any rendering keeps).
NAMES = {"ANN": ("Ann", "Smith"), "LEO": ("Leo", "Smith"), "MIA": ("Mia", "Smith"), "TOM": ("Tom", "Jones"),
         "ZED": ("Zed", "Brien")}
PLANS = {"CP1", "MR1", "MP1", "OLD"}
PRACTITIONER_AGENCY = "HEALTH"
#: (people, plans) each role may read; the rest of the family and its plans it must not.
READS: dict[Role, tuple[set[str], set[str]]] = {
    Role.SAFEGUARDING_LEAD: (set(BORN), PLANS),
    Role.MARAC_COORDINATOR: ({"ANN", "TOM", "LEO", "MIA"}, {"MR1"}),
    Role.PRACTITIONER: ({"TOM"}, {"MR1", "MP1"}),
    Role.ANALYST: (set(), set()),
    Role.ADMIN: (set(), set()),
}


def roles_world():  # type: ignore[no-untyped-def]
    """The family, with distinct birth dates and addresses, and MR1 heard on :data:`MEETING`."""
    w = family_world()
    for row in w.rows["people"]:
        row["date_of_birth"] = BORN[row["person_id"]]
    for row in w.rows["plans"]:
        if row["plan_id"] == "MR1":
            row["meeting_date"] = MEETING
    for household, address in ADDRESSES.items():
        w.add("households", household_id=household, address=address, postcode="NB1 2AB")
    return w


def forbidden(role: Role) -> Forbidden:
    """The ids, names, birth dates and addresses ``role`` must never be shown."""
    people, plans = READS[role]
    hidden = set(BORN) - people
    kept_surnames = {NAMES[p][1] for p in people}
    words = hidden | (PLANS - plans)
    words |= {NAMES[p][0] for p in hidden} | {NAMES[p][1] for p in hidden if NAMES[p][1] not in kept_surnames}
    fragments = {d for p in hidden for d in dates_as_shown(BORN[p])}
    fragments |= {ADDRESSES[h] for h in {HOMES[p] for p in hidden} - {HOMES[p] for p in people}}
    return Forbidden(words, fragments)
