"""Builders for small partnerships in a few lines, typed exactly as an import would type them.

Rows are written as contract text and run through :func:`data_model.contract.validate`, so the
frames have the dtypes every analysis sees. Agencies and practitioners that a row refers to are
made on the fly, so a test names only what it is about::

    w = World()
    w.adult("MUM", household="H1"); w.child("KID", household="H1"); w.relate("MUM", "parent", "KID")
    w.plan("CP1", "CP_PLAN", "2026-01-10", members={"KID": "subject"})
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

from data_model.contract import validate
from data_model.findings import Gap
from data_model.partnership import Partnership
from data_model.schema import TABLES
from data_model.sources import RawDataset, RawTable

Day = str | dt.date | None

AS_OF = "2026-11-27"
ADULT_BORN = "1990-05-01"
CHILD_BORN = "2016-05-01"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class World:
    """A partnership under construction: call the methods, then :meth:`build`."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, str]]] = defaultdict(list)
        self._agencies: set[str] = set()
        self._practitioners: set[str] = set()
        self._counter = 0

    def _next(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter}"

    def add(self, table: str, **cells: object) -> None:
        """Add one row of text cells to ``table`` (any column the contract names)."""
        self.rows[table].append({k: _text(v) for k, v in cells.items()})

    # --- agencies and practitioners --------------------------------------------------------

    def agency(self, agency_id: str, sector: str = "other", name: str | None = None) -> str:
        if agency_id not in self._agencies:
            self._agencies.add(agency_id)
            self.add("agencies", agency_id=agency_id, name=name or f"Agency {agency_id}", sector=sector)
        return agency_id

    def practitioner(self, practitioner_id: str, agency_id: str = "A1", sector: str = "other") -> str:
        if practitioner_id not in self._practitioners:
            self._practitioners.add(practitioner_id)
            self.agency(agency_id, sector)
            self.add("practitioners", practitioner_id=practitioner_id, agency_id=agency_id,
                     name=f"Practitioner {practitioner_id}")
        return practitioner_id

    def works_with(self, practitioner_id: str, person_id: str, agency: str = "A1", sector: str = "other",
                   start: Day = None, end: Day = None) -> str:
        """An involvement: ``practitioner_id`` (of ``agency``) works with ``person_id``."""
        self.practitioner(practitioner_id, agency, sector)
        self.add("involvements", practitioner_id=practitioner_id, person_id=person_id,
                 start_date=start, end_date=end)
        return practitioner_id

    # --- people and families ----------------------------------------------------------------

    def person(self, person_id: str, born: Day = None, household: str | None = None,
               given: str | None = None, family: str = "") -> str:
        self.add("people", person_id=person_id, given_name=given or person_id, family_name=family,
                 date_of_birth=born, household_id=household)
        return person_id

    def adult(self, person_id: str, born: Day = ADULT_BORN, **kwargs: object) -> str:
        return self.person(person_id, born, **kwargs)  # type: ignore[arg-type]

    def child(self, person_id: str, born: Day = CHILD_BORN, **kwargs: object) -> str:
        return self.person(person_id, born, **kwargs)  # type: ignore[arg-type]

    def relate(self, person_id: str, kind: str, related_id: str, start: Day = None, end: Day = None) -> None:
        """``person_id`` is the ``kind`` of ``related_id`` (e.g. relate("MUM", "parent", "KID"))."""
        self.add("relationships", person_id=person_id, related_person_id=related_id, relationship=kind,
                 start_date=start, end_date=end)

    # --- plans -------------------------------------------------------------------------------

    def plan(self, plan_id: str, plan_type: str, start: Day, members: dict[str, str] | None = None,
             lead: str | None = None, end: Day = None, **extra: object) -> str:
        """A plan with its members ({person_id: role}); ``lead`` names its lead agency."""
        if lead:
            self.agency(lead)
        self.add("plans", plan_id=plan_id, plan_type=plan_type, start_date=start, end_date=end,
                 lead_agency_id=lead, **extra)
        for person_id, role in (members or {}).items():
            self.add("plan_members", plan_id=plan_id, person_id=person_id, role=role)
        return plan_id

    def plan_agency(self, plan_id: str, agency_id: str, role: str, since: Day = None,
                    sector: str = "other") -> None:
        self.agency(agency_id, sector)
        self.add("plan_agencies", plan_id=plan_id, agency_id=agency_id, role=role, since=since)

    def action(self, plan_id: str, due: Day, completed: Day = None, owner: str | None = None) -> str:
        action_id = self._next("ACT")
        if owner:
            self.agency(owner)
        self.add("actions", action_id=action_id, plan_id=plan_id, owner_agency_id=owner,
                 description="Do the thing", due_date=due, completed_date=completed)
        return action_id

    # --- events ------------------------------------------------------------------------------

    def concern(self, person_id: str, date: Day, harm: bool = True) -> str:
        concern_id = self._next("CON")
        self.add("concerns", concern_id=concern_id, person_id=person_id, date=date,
                 significant_harm_suspected=harm, summary="A worry")
        return concern_id

    def referral(self, person_id: str, date: Day, to: str = "first_response",
                 concern: str | None = None) -> str:
        referral_id = self._next("REF")
        self.add("referrals", referral_id=referral_id, person_id=person_id, date=date, to=to,
                 concern_id=concern)
        return referral_id

    def consent(self, person_id: str, date: Day, decision: str = "given", reason: str = "") -> str:
        consent_id = self._next("CN")
        self.add("consents", consent_id=consent_id, person_id=person_id, decision=decision,
                 reason_not_sought=reason, date=date)
        return consent_id

    def share(self, person_id: str, date: Day, basis: str = "consent", purposes: str = "",
              sender: str = "SEND", receiver: str = "RECV", plan: str | None = None,
              consent: str | None = None) -> str:
        """A sharing event about ``person_id`` from agency ``sender`` to agency ``receiver``."""
        sharing_id = self._next("SH")
        self.agency(sender)
        self.agency(receiver)
        self.add("sharing_events", sharing_id=sharing_id, date=date, from_agency_id=sender,
                 to_agency_id=receiver, person_id=person_id, lawful_basis=basis, consent_id=consent,
                 plan_id=plan, purposes=purposes)
        return sharing_id

    def child_view(self, person_id: str, date: Day) -> None:
        self.add("child_views", person_id=person_id, date=date, summary="Wants to stay at school")

    def assessment(self, person_id: str, date: Day, score: int) -> str:
        assessment_id = self._next("RA")
        self.add("risk_assessments", assessment_id=assessment_id, person_id=person_id, date=date,
                 dash_score=score)
        return assessment_id

    def incident(self, victim_id: str, date: Day, perpetrator: str | None = None,
                 agency: str = "POLICE") -> str:
        incident_id = self._next("INC")
        self.agency(agency, "police")
        self.add("incidents", incident_id=incident_id, date=date, victim_person_id=victim_id,
                 perpetrator_person_id=perpetrator, agency_id=agency)
        return incident_id

    # --- the result -------------------------------------------------------------------------

    def raw(self, shuffle: object = None) -> RawDataset:
        """The rows as a raw dataset (``shuffle``, a ``random.Random``, reorders every table)."""
        tables = {}
        for table in TABLES:
            rows = list(self.rows.get(table.name, []))
            if not rows and table.name not in ("people", "agencies"):
                continue
            if shuffle is not None:
                shuffle.shuffle(rows)  # type: ignore[attr-defined]
            header = list(table.column_names)
            tables[table.name] = RawTable(
                table.name, header, [[r.get(c, "") for c in header] for r in rows],
                list(range(2, len(rows) + 2)),
            )
        return RawDataset(tables)

    def build(self, shuffle: object = None) -> Partnership:
        """The partnership, typed by the contract; a row the contract rejects fails loudly."""
        validated = validate(self.raw(shuffle))
        if validated.rejections:
            raise AssertionError("builder made rows the contract rejects: "
                                 + "; ".join(str(r) for r in validated.rejections))
        return Partnership(validated.tables)

    def write_csv(self, folder: Path) -> Path:
        """The rows as a contract folder of CSV files (one per table with rows)."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in self.raw().tables.items():
            with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(table.header)
                writer.writerows(table.rows)
        return folder


def found(world: World, code: str, as_of: str = AS_OF) -> list[Gap]:
    """The gaps of one code in ``world`` on ``as_of``."""
    from data_model.rules import find_gaps

    return find_gaps(world.build(), as_of, [code])
