"""An uploaded file (a zipped contract folder, or a workbook) unpacked where the reader can see it.

Zips come from people's own machines: members whose path leaves the folder, or that would unpack
to more than :data:`UNPACKED_LIMIT` bytes, are refused with a sentence, never extracted. The
contract folder is the one inside the zip holding the most ``<table>.csv`` files, so a zip of the
folder itself and a zip of its contents both work.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

from data_model.schema import TABLES_BY_NAME
from data_model.sources import SourceError

#: Largest total size a zip may unpack to (a guard against zip bombs).
UNPACKED_LIMIT = 2_000_000_000
MEMBER_LIMIT = 500
SUFFIXES = (".zip", ".xlsx")


def _safe_members(archive: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    members = [m for m in archive.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX/")]
    if len(members) > MEMBER_LIMIT:
        raise SourceError(f"{name} holds {len(members)} files: a contract folder has at most {len(TABLES_BY_NAME)}.")
    if sum(m.file_size for m in members) > UNPACKED_LIMIT:
        raise SourceError(f"{name} would unpack to more than {UNPACKED_LIMIT // 1_000_000} MB: split it up.")
    for member in members:
        path = PurePosixPath(member.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts:
            raise SourceError(f"{name} contains a file outside its folder ({member.filename}): zip the folder again.")
    return members


def contract_folder(root: Path) -> Path:
    """The folder under ``root`` with the most contract CSV files (``root`` itself on a tie)."""
    best, best_count = root, -1
    for folder in sorted([root, *(p for p in root.rglob("*") if p.is_dir())], key=lambda p: len(p.parts)):
        count = sum(1 for f in folder.glob("*.csv") if f.stem.strip().lower() in TABLES_BY_NAME)
        if count > best_count:
            best, best_count = folder, count
    if best_count <= 0:
        raise SourceError("The zip holds no contract CSV files (people.csv, agencies.csv, ...).")
    return best


def unpack_upload(name: str, data: bytes, folder: Path) -> Path:
    """Put an upload called ``name`` under ``folder``; returns the path to give ``read_source``."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        path = folder / "upload.xlsx"
        path.write_bytes(data)
        return path
    if suffix != ".zip":
        raise SourceError(f"{name} is neither a .zip of a contract folder nor an .xlsx workbook.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SourceError(f"{name} is not a readable zip file: zip the folder again.") from None
    with archive:
        root = folder / "upload"
        for member in _safe_members(archive, name):
            target = root.joinpath(*PurePosixPath(member.filename.replace("\\", "/")).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(member))
    return contract_folder(root)
