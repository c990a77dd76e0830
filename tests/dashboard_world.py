"""One small family, with a gap of most kinds, for the dashboard's tests (AppTest and browser).

Ann Smith (adult) lives with her children Leo and Mia; Tom Jones, Leo's father, lives elsewhere.
Leo is on a child protection plan (no child's view, review overdue); Ann is the victim in a
MARAC case where Tom is the perpetrator, and Children's Services were never told; Tom is
managed under MAPPA. Mia's school nurse works with her but the school is not part of Leo's plan.
A person whose name carries markup checks the escaping on every page.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data_model.contract import validate
from data_model.store import open_store
from tests.builders import AS_OF, World

ALL_PURPOSES = "coordinate_responses;prevent_death_or_serious_harm"
MARKUP_NAME = "<b>Zed</b> & <script>alert(1)</script>"


def family_world() -> World:
    """The family above, as a builder (add to it before ``build``)."""
    w = World()
    w.agency("CSC", "children_social_care", "Northbrook Children's Services")
    w.agency("POLICE", "police", "Northbrook Police")
    w.agency("SCHOOL", "education", "Northbrook Primary")
    w.agency("PROB", "probation", "Probation Service")
    w.agency("HEALTH", "health", "Northbrook Health")
    w.adult("ANN", household="H1", given="Ann", family="Smith")
    w.child("LEO", household="H1", given="Leo", family="Smith")
    w.child("MIA", born="2018-03-01", household="H1", given="Mia", family="Smith")
    w.adult("TOM", born="1985-07-09", household="H2", given="Tom", family="Jones")
    w.adult("ZED", household="H3", given=MARKUP_NAME, family="O'Brien")
    w.relate("ANN", "parent", "LEO")
    w.relate("ANN", "parent", "MIA")
    w.relate("TOM", "parent", "LEO")
    w.relate("ANN", "ex_partner", "TOM", start="2015-01-01")
    w.relate("ZED", "associate", "TOM")
    w.plan("CP1", "CP_PLAN", "2026-01-10", members={"LEO": "subject"}, lead="CSC", cp_category="neglect")
    w.plan("MR1", "MARAC", "2026-09-01", members={"ANN": "victim", "TOM": "perpetrator"}, lead="POLICE",
           referral_criterion="visible_high_risk", dash_score=16)
    w.plan("MP1", "MAPPA", "2025-06-01", members={"TOM": "subject"}, lead="PROB", mappa_category="2",
           mappa_level="2")
    w.plan("OLD", "CP_PLAN", "2020-01-01", end="2021-01-01", members={"MIA": "subject"}, lead="CSC")
    w.works_with("SW1", "LEO", agency="CSC", sector="children_social_care", start="2026-01-01")
    w.works_with("NURSE", "MIA", agency="SCHOOL", sector="education", start="2025-09-01")
    w.works_with("PC1", "ANN", agency="POLICE", sector="police", start="2026-08-20")
    w.works_with("PO1", "TOM", agency="PROB", sector="probation", start="2025-06-01")
    w.works_with("GP1", "TOM", agency="HEALTH", sector="health", start="2024-01-01")
    consent = w.consent("LEO", "2026-02-01", "given")
    w.consent("MIA", "2026-03-01", "not_sought")
    w.consent("ANN", "2026-09-02", "refused")
    w.share("LEO", "2026-02-10", basis="consent", purposes="child_protection", sender="CSC", receiver="SCHOOL",
            consent=consent, plan="CP1")
    w.share("MIA", "2026-02-15", basis="public_interest", purposes="child_protection", sender="SCHOOL",
            receiver="CSC")
    w.share("ANN", "2026-09-03", basis="vital_interests", purposes=ALL_PURPOSES, sender="POLICE",
            receiver="HEALTH", plan="MR1")
    w.share("TOM", "2026-10-05", basis="public_interest", purposes="reduce_offending_risk", sender="PROB",
            receiver="POLICE", plan="MP1")
    w.share("TOM", "2026-11-01", basis="legal_duty", purposes="", sender="HEALTH", receiver="PROB")
    w.action("MR1", due="2026-10-01", owner="POLICE")
    w.concern("MIA", "2026-11-20", harm=True)
    return w


def import_world(world: World, url: str) -> dict[str, int]:
    """Validate the world's rows and store them in the database at ``url``."""
    validated = validate(world.raw())
    assert not validated.rejections, validated.rejections
    return open_store(url).write(validated)


def write_folder(world: World, folder: Path) -> Path:
    """The world as a contract folder of CSV files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in world.raw().tables.items():
        pd.DataFrame(table.rows, columns=table.header).to_csv(folder / f"{name}.csv", index=False)
    return folder


__all__ = ["AS_OF", "MARKUP_NAME", "family_world", "import_world", "write_folder"]
