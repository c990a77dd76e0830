"""``linkedrisk marac``: MARAC meeting preparation from the command line.

- ``meetings``: the meeting dates and how many cases each hears;
- ``agenda --meeting DATE``: the agenda, one line per case;
- ``invite --meeting DATE``: each agency's invitation, ready to paste into a secure e-mail;
- ``pack --meeting DATE``: the meeting pack as a PDF (default) or XLSX file;
- ``check --victim ID``: the four referral criteria for a victim, with an optional DASH checklist.

Data comes from a contract folder (``--data``) or a database (``--db``, default
``$LINKEDRISK_DB_URL``); from a database, coordinators' action changes and gap statuses count too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from data_model.commands.analysis import as_of_date, load, table_text
from data_model.errors import UserError
from data_model.marac.dash import DashChecklist, Thresholds, criteria_frame, evaluate_referral
from data_model.marac.invitations import invitation_rows, invitation_text
from data_model.marac.meetings import agenda, meetings
from data_model.marac.pack import MARKING, prepare_meeting, shown
from data_model.partnership import Partnership

AGENDA_FIELDS = ["Item", "Case", "Referred", "Victim", "Perpetrator", "Children (age)", "Criterion", "DASH",
                 "Repeat flagged", "Repeat not flagged"]


def register(subparsers: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    source = common.add_mutually_exclusive_group()
    source.add_argument("--data", metavar="DIR", help="a contract folder of CSV files, or one .xlsx workbook")
    source.add_argument("--db", metavar="URL", help="a database (default: $LINKEDRISK_DB_URL or the SQLite file)")
    common.add_argument("--as-of", metavar="DATE", help="the date to judge on, YYYY-MM-DD (default: today)")
    limits = argparse.ArgumentParser(add_help=False)
    defaults = Thresholds()
    limits.add_argument("--high-risk-yes", type=int, default=defaults.high_risk_yes, metavar="N",
                        help=f"DASH yes answers for visible high risk (default {defaults.high_risk_yes})")
    limits.add_argument("--escalation-incidents", type=int, default=defaults.escalation_incidents, metavar="N",
                        help=f"incidents for potential escalation (default {defaults.escalation_incidents})")
    limits.add_argument("--escalation-days", type=int, default=defaults.escalation_days, metavar="DAYS",
                        help=f"...within this many days (default {defaults.escalation_days})")
    limits.add_argument("--repeat-days", type=int, default=defaults.repeat_days, metavar="DAYS",
                        help=f"an incident this soon after a MARAC referral makes a repeat "
                             f"(default {defaults.repeat_days})")
    meeting = argparse.ArgumentParser(add_help=False)
    meeting.add_argument("--meeting", required=True, metavar="DATE", help="the meeting date, YYYY-MM-DD")

    marac = subparsers.add_parser("marac", help="prepare MARAC meetings: agendas, invitations, packs",
                                  description="MARAC meeting preparation.")
    sub = marac.add_subparsers(dest="marac_command", required=True, metavar="ACTION")
    sub.add_parser("meetings", parents=[common], help="list the meetings and their cases") \
        .set_defaults(run=run_meetings)
    sub.add_parser("agenda", parents=[common, meeting], help="the agenda of one meeting") \
        .set_defaults(run=run_agenda)
    invite = sub.add_parser("invite", parents=[common, meeting], help="who to invite, and what each must bring")
    invite.add_argument("--agency", metavar="ID", help="only this agency's invitation")
    invite.set_defaults(run=run_invite)
    pack = sub.add_parser("pack", parents=[common, meeting, limits], help="write the meeting pack (PDF or XLSX)",
                          description=f"Write the agenda and each case's research, marked '{MARKING}'.")
    pack.add_argument("--out", metavar="FILE", help="where to write it (default: marac-pack-DATE.pdf or .xlsx)")
    pack.add_argument("--format", choices=("pdf", "xlsx"), help="file format (default: from --out, else pdf)")
    pack.set_defaults(run=run_pack)
    check = sub.add_parser("check", parents=[common, limits], help="the four MARAC referral criteria for a victim")
    check.add_argument("--victim", required=True, metavar="ID", help="the victim's person id")
    check.add_argument("--answers", metavar="N=A,...",
                       help="DASH answers by question number, e.g. 1=yes,2=no,3=nk (others: not known)")
    check.add_argument("--judgement", default="", metavar="TEXT", help="professional judgement, in a sentence")
    check.set_defaults(run=run_check)


def _source(args: argparse.Namespace) -> tuple[Partnership, pd.DataFrame | None]:
    """The partnership (see :func:`data_model.commands.analysis.load`) and, from a database, the gap statuses."""
    p = load(args)
    if args.data:
        return p, None
    from data_model.gap_status import current_statuses
    from data_model.store import open_store

    return p, current_statuses(open_store(args.db).engine)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _thresholds(args: argparse.Namespace) -> Thresholds:
    return Thresholds(args.high_risk_yes, args.escalation_incidents, args.escalation_days, args.repeat_days)


def _meeting(args: argparse.Namespace) -> str:
    return as_of_date(args.meeting).isoformat()


def run_meetings(args: argparse.Namespace) -> int:
    p, _ = _source(args)
    frame = shown(meetings(p, as_of_date(args.as_of)))
    sys.stdout.write(table_text(_records(frame), list(frame.columns)))
    return 0


def run_agenda(args: argparse.Namespace) -> int:
    p, _ = _source(args)
    frame = shown(agenda(p, _meeting(args), as_of_date(args.as_of)))
    sys.stdout.write(table_text(_records(frame), AGENDA_FIELDS))
    for note in frame.loc[frame["Repeat the data shows"] != "", "Repeat the data shows"]:
        print(f"note: {note}", file=sys.stderr)
    return 0


def run_invite(args: argparse.Namespace) -> int:
    p, _ = _source(args)
    rows = invitation_rows(p, _meeting(args), as_of_date(args.as_of))
    agencies = [args.agency] if args.agency else list(dict.fromkeys(rows["agency_id"]))
    if args.agency and args.agency not in set(rows["agency_id"]):
        raise UserError(f"Agency '{args.agency}' holds no information on the cases of this meeting.")
    print("\n\n".join(invitation_text(rows, a, _meeting(args)) for a in agencies))
    return 0


def run_pack(args: argparse.Namespace) -> int:
    fmt = args.format or (Path(args.out).suffix.lstrip(".").lower() if args.out else "pdf")
    if fmt not in ("pdf", "xlsx"):
        raise UserError(f"The pack is written as pdf or xlsx, not '{fmt}': use --format pdf or --format xlsx.")
    out = Path(args.out or f"marac-pack-{_meeting(args)}.{fmt}")
    p, statuses = _source(args)
    pack = prepare_meeting(p, _meeting(args), as_of_date(args.as_of), statuses=statuses,
                           thresholds=_thresholds(args))
    if fmt == "pdf":
        from data_model.marac.pack_pdf import pack_pdf

        content = pack_pdf(pack)
    else:
        from data_model.marac.pack_xlsx import pack_xlsx

        content = pack_xlsx(pack)
    try:
        out.write_bytes(content)
    except OSError as exc:
        raise UserError(f"The pack could not be written to {out}: {exc.strerror}.") from None
    print(f"Wrote the pack for {pack.title} ({len(pack.cases)} cases, {MARKING}) to {out}")
    return 0


def _answers(text: str | None) -> DashChecklist | None:
    if not text:
        return None
    pairs: dict[str, str] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        number, sep, answer = item.partition("=")
        if not sep:
            raise UserError(f"'{item.strip()}' is not a DASH answer: write NUMBER=yes, NUMBER=no or NUMBER=nk.")
        pairs[number.strip()] = answer
    return DashChecklist.from_answers(pairs)


def run_check(args: argparse.Namespace) -> int:
    p, _ = _source(args)
    checklist = _answers(args.answers)
    results = evaluate_referral(p, args.victim, as_of_date(args.as_of), checklist=checklist,
                                professional_judgement=args.judgement, thresholds=_thresholds(args))
    frame = shown(criteria_frame(results))
    if checklist is not None:
        print(f"DASH score: {checklist.score} of 24")
    sys.stdout.write(table_text(_records(frame), list(frame.columns)))
    met = [r.criterion.value for r in results if r.met]
    print(f"Meets: {', '.join(met)}" if met else "Meets none of the MARAC referral criteria.")
    return 0
