"""Pseudonymising for analysts: keyed tokens for people and records, age bands, areas, months.

Tokens are HMAC-SHA256 of the record's kind and id under a deployment secret, cut to 80 bits: the
same id gives the same token in every export made with the same key (so analysts can link
exports), and nobody without the key can recompute or reverse them. The key comes from the
environment variable ``LINKEDRISK_PSEUDONYM_KEY`` (at least 32 characters), or else from the
file ``pseudonym.key`` in the data directory (``LINKEDRISK_DATA_DIR``, default ``var``), which is
created with 32 random bytes and owner-only (0600) permissions on first use. Keep it out of
exports and backups that analysts see; losing it breaks linking with earlier exports; changing it
on purpose makes old and new exports unlinkable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from pathlib import Path

import pandas as pd

from data_model.deployment_secrets import deployment_secret
from data_model.partnership import as_timestamp
from data_model.rules.dates import age_on

KEY_ENV = "LINKEDRISK_PSEUDONYM_KEY"
KEY_FILE = "pseudonym.key"
TOKEN_HEX = 20
#: Token prefixes, so that a reader can tell a person token from a plan token.
PREFIXES = {"person": "PER", "plan": "PLN", "household": "HH", "cluster": "CLU", "practitioner": "PRA"}
AGE_BANDS = (
    (0, "0-4"), (5, "5-9"), (10, "10-15"), (16, "16-17"), (18, "18-24"), (25, "25-34"),
    (35, "35-44"), (45, "45-54"), (55, "55-64"), (65, "65+"),
)
UNKNOWN = "unknown"


def load_key(data_dir: Path | None = None) -> bytes:
    """The pseudonymisation key: from ``LINKEDRISK_PSEUDONYM_KEY``, else the key file (made if absent)."""
    return deployment_secret(KEY_ENV, KEY_FILE, "the pseudonymisation key", data_dir)


def key_fingerprint(key: bytes) -> str:
    """A short, key-derived label telling whether two exports used the same key (not the key)."""
    return hmac.new(key, b"linkedrisk key fingerprint", hashlib.sha256).hexdigest()[:12]


class Pseudonymiser:
    """Keyed tokens for record ids.

    Examples
    --------
    >>> pseud = Pseudonymiser(b"k" * 32)
    >>> pseud.token("person", "P1") == pseud.token("person", "P1") != pseud.token("plan", "P1")
    True
    >>> pseud.token("person", "P1")[:4], len(pseud.token("person", "P1"))
    ('PER-', 24)
    """

    def __init__(self, key: bytes) -> None:
        self._key = key

    @property
    def fingerprint(self) -> str:
        """:func:`key_fingerprint` of the key: the same for exports whose tokens link up."""
        return key_fingerprint(self._key)

    def token(self, kind: str, value: str) -> str:
        digest = hmac.digest(self._key, f"{kind}\x1f{value}".encode(), "sha256")
        return f"{PREFIXES[kind]}-{digest.hex()[:TOKEN_HEX]}"

    def tokens(self, kind: str, values: pd.Series) -> pd.Series:
        """Each value's token (empty stays empty); each distinct id is hashed once."""
        filled = values.notna() & (values.astype(object) != "")
        unique = pd.unique(values[filled].astype(str))
        lookup = {v: self.token(kind, v) for v in unique}
        out = values.astype(object).where(filled, None)
        out[filled] = values[filled].astype(str).map(lookup)
        return out


def age_band(age: int | None) -> str:
    """The band an age in whole years falls in (children's bands split at 16 and 18).

    Examples
    --------
    >>> [age_band(a) for a in (0, 15, 16, 17, 18, 64, 65, None)]
    ['0-4', '10-15', '16-17', '16-17', '18-24', '55-64', '65+', 'unknown']
    """
    if age is None or pd.isna(age) or age < 0:
        return UNKNOWN
    return next(label for low, label in reversed(AGE_BANDS) if age >= low)


def age_bands(born: pd.Series, on: dt.date | str | pd.Timestamp) -> pd.Series:
    """The age band of each date of birth on ``on`` (``unknown`` where empty)."""
    ages = age_on(born, as_timestamp(on))
    return ages.astype(object).map(lambda a: age_band(None if a is pd.NA else int(a)))


def postcode_district(postcode: str | None) -> str:
    """The outward code (postcode district) of a UK postcode, or ``unknown``.

    Examples
    --------
    >>> [postcode_district(p) for p in ("NB1 2AB", "nb12 4ef", "SW1A1AA", "NB1", "", "12 Elm Road", "NB1 ZZZ")]
    ['NB1', 'NB12', 'SW1A', 'NB1', 'unknown', 'unknown', 'unknown']
    """
    text = "".join((postcode or "").upper().split())
    if len(text) >= 5 and not (text[-3].isdigit() and text[-2:].isalpha()):
        return UNKNOWN  # no inward code (digit, letter, letter): not a postcode
    outward = text[:-3] if len(text) >= 5 else text
    if 2 <= len(outward) <= 4 and outward[0].isalpha() and any(c.isdigit() for c in outward) and outward.isalnum():
        return outward
    return UNKNOWN


def areas(postcodes: pd.Series) -> pd.Series:
    """Each postcode reduced to its district."""
    return postcodes.astype(object).map(lambda p: postcode_district(p if isinstance(p, str) else None))


def months(dates: pd.Series) -> pd.Series:
    """Dates reduced to their month, ``YYYY-MM`` (empty where the date is empty)."""
    stamps = pd.to_datetime(dates)
    return stamps.dt.strftime("%Y-%m").astype(object).where(stamps.notna(), "")


GENDERS = {"female": "female", "f": "female", "woman": "female", "girl": "female",
           "male": "male", "m": "male", "man": "male", "boy": "male"}


def gender_groups(values: pd.Series) -> pd.Series:
    """Free-text gender as ``female``, ``male``, ``other`` or ``unknown`` (never the text itself)."""
    text = values.fillna("").astype(str).str.strip().str.lower()
    return text.map(lambda g: GENDERS.get(g, UNKNOWN if g == "" else "other"))
