"""Demo users, one per role, with published passwords: for demonstrations on synthetic data only.

=====================  ==============================  ======================================
username               password                        role
=====================  ==============================  ======================================
``demo-admin``         ``admin-demo-only-2026``         admin (users and imports)
``demo-lead``          ``lead-demo-only-2026``          safeguarding lead (everything)
``demo-marac``         ``marac-demo-only-2026``         MARAC coordinator
``demo-practitioner``  ``practitioner-demo-only-2026``  practitioner, of the busiest agency
``demo-analyst``       ``analyst-demo-only-2026``       analyst (pseudonymised data only)
=====================  ==============================  ======================================
"""

from __future__ import annotations

import sqlalchemy as sa
from argon2 import PasswordHasher

from data_model.access import Role
from data_model.accounts import HASHER, add_user, list_accounts
from data_model.errors import UserError
from data_model.store import CONTRACT_TABLES, Store

#: (username, password, role, display name) of each demo user.
DEMO_USERS: tuple[tuple[str, str, Role, str], ...] = (
    ("demo-admin", "admin-demo-only-2026", Role.ADMIN, "Demo administrator"),
    ("demo-lead", "lead-demo-only-2026", Role.SAFEGUARDING_LEAD, "Demo safeguarding lead"),
    ("demo-marac", "marac-demo-only-2026", Role.MARAC_COORDINATOR, "Demo MARAC coordinator"),
    ("demo-practitioner", "practitioner-demo-only-2026", Role.PRACTITIONER, "Demo practitioner"),
    ("demo-analyst", "analyst-demo-only-2026", Role.ANALYST, "Demo analyst"),
)


def busiest_agency(store: Store) -> str | None:
    """The agency whose practitioners have the most involvements (smallest id on a tie)."""
    inv, prac = CONTRACT_TABLES["involvements"], CONTRACT_TABLES["practitioners"]
    count = sa.func.count().label("n")
    query = (sa.select(prac.c.agency_id, count).join(inv, inv.c.practitioner_id == prac.c.practitioner_id)
             .group_by(prac.c.agency_id).order_by(count.desc(), prac.c.agency_id).limit(1))
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    return str(row.agency_id) if row else None


def add_demo_users(store: Store, agency_id: str | None = None, hasher: PasswordHasher = HASHER) -> list[str]:
    """Add the demo users that are missing; one line of news per user."""
    existing = {a.username for a in list_accounts(store)}
    agency = agency_id or busiest_agency(store)
    news = []
    for username, password, role, name in DEMO_USERS:
        if username in existing:
            news.append(f"{username} is already there (left as it was).")
            continue
        if role is Role.PRACTITIONER and not agency:
            raise UserError("Import the data first, or give --agency, so the demo practitioner has an agency.")
        add_user(store, username, role, password=password, display_name=name, hasher=hasher,
                 agency_id=agency if role is Role.PRACTITIONER else None)
        news.append(f"{username} ({role.value}) added, password {password}")
    return news
