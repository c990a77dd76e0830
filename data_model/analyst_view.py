"""The partnership as an analyst may see it: keyed tokens for ids, no names, birth dates or addresses.

Same tables and columns as the contract, so analyses and exports run on it unchanged, except:

- people, plans, households and practitioners are :class:`~data_model.pseudonymise.Pseudonymiser`
  tokens (the same tokens as every other analyst export made with the key); other record ids
  (concerns, referrals, ...) are ``REC-`` tokens under the same key;
- names, NHS numbers, addresses, e-mails, phone numbers and free text are blanked (free text that
  was recorded reads ``[redacted]``, so "was anything recorded" still has an answer);
- dates of birth are empty, and ``people`` gains an ``age_band`` column on the as-of date;
  gender becomes ``female``/``male``/``other``/``unknown``; a postcode becomes its district.

Examples
--------
>>> from tests.builders import World
>>> w = World(); _ = w.adult("P1", given="Ann", family="Smith")
>>> view = pseudonymised_partnership(w.build(), "2026-11-27", b"k" * 32)
>>> row = view.people.iloc[0]
>>> row["person_id"].startswith("PER-"), row["given_name"], row["age_band"], pd.isna(row["date_of_birth"])
(True, '', '35-44', True)
"""

from __future__ import annotations

import hashlib
import hmac

import pandas as pd

from data_model.partnership import Day, Partnership
from data_model.pseudonymise import Pseudonymiser, age_bands, areas, gender_groups
from data_model.schema import TABLES, Column

#: Tables whose ids have a pseudonymise kind (and so a prefix analysts recognise).
TOKEN_KINDS = {"people": "person", "plans": "plan", "households": "household", "practitioners": "practitioner"}
#: Free-text columns that say nothing about a person and are kept as they are.
KEPT_TEXT = {("agencies", "name"), ("practitioners", "role"), ("involvements", "role")}
#: Columns that identify someone directly: always emptied.
BLANKED = {("people", "given_name"), ("people", "family_name"), ("people", "nhs_number"), ("households", "address"),
           ("practitioners", "name"), ("practitioners", "email"), ("practitioners", "phone")}
REDACTED = "[redacted]"


def record_token(key: bytes, table: str, value: str) -> str:
    """A keyed token for a record id with no pseudonymise kind (a concern, a referral, ...)."""
    digest = hmac.digest(key, f"record\x1f{table}\x1f{value}".encode(), hashlib.sha256)
    return f"REC-{digest.hex()[:20]}"


def _tokens(pseud: Pseudonymiser, key: bytes, table: str, values: pd.Series) -> pd.Series:
    if table == "agencies":
        return values
    if table in TOKEN_KINDS:
        return pseud.tokens(TOKEN_KINDS[table], values)
    filled = values.notna() & (values.astype(object) != "")
    out = values.astype(object).where(filled, None)
    out[filled] = values[filled].astype(str).map(lambda v: record_token(key, table, v))
    return out


def _redacted(values: pd.Series) -> pd.Series:
    filled = values.fillna("").astype(str).str.strip() != ""
    return pd.Series(["" if not f else REDACTED for f in filled], index=values.index, dtype=object)


def _column(pseud: Pseudonymiser, key: bytes, table: str, col: Column, values: pd.Series) -> pd.Series:
    if col.kind == "id":
        return _tokens(pseud, key, table, values)
    if col.kind == "ref":
        return _tokens(pseud, key, col.table or "", values)
    if (table, col.name) == ("people", "date_of_birth"):
        return pd.Series(pd.NaT, index=values.index, dtype=values.dtype)
    if (table, col.name) == ("people", "gender"):
        return gender_groups(values)
    if (table, col.name) == ("households", "postcode"):
        return areas(values)
    if (table, col.name) in BLANKED:
        return pd.Series("", index=values.index, dtype=object)
    if col.kind == "text" and (table, col.name) not in KEPT_TEXT:
        return _redacted(values)
    return values


def pseudonymised_partnership(p: Partnership, as_of: Day, key: bytes) -> Partnership:
    """Every table of ``p`` pseudonymised for an analyst (see the module notes)."""
    pseud = Pseudonymiser(key)
    out: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        frame = p[table.name]
        cut = pd.DataFrame(
            {col.name: _column(pseud, key, table.name, col, frame[col.name]) for col in table.columns},
            index=frame.index,
        )
        if table.name == "people":
            cut["age_band"] = age_bands(frame["date_of_birth"], as_of)
        out[table.name] = cut.reset_index(drop=True)
    return Partnership(out)
