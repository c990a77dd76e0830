"""An uploaded file (a zipped contract folder, or a workbook) unpacked where the reader can see it.

Uploads come from people's own machines and may have been crafted, so nothing is unpacked or read
before :mod:`data_model.upload_safety` has checked it: size, member count, declared and actual
unpacked sizes, compression ratio (zip and xlsx bombs), paths that leave the folder, links, and
DTDs in a workbook's XML. Each refusal is one sentence. The contract folder is the one inside the
zip holding the most ``<table>.csv`` files, so a zip of the folder itself and a zip of its
contents both work.
"""

from __future__ import annotations

from pathlib import Path

from data_model.schema import TABLES_BY_NAME
from data_model.sources import SourceError
from data_model.upload_safety import LIMITS, UploadLimits, check_workbook, safe_extract

SUFFIXES = (".zip", ".xlsx")


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


def unpack_upload(name: str, data: bytes, folder: Path, limits: UploadLimits = LIMITS) -> Path:
    """Put an upload called ``name`` under ``folder`` once it is checked; returns the path for ``read_source``.

    Raises
    ------
    SourceError
        The upload is neither a zip nor a workbook, or
        :class:`~data_model.upload_safety.UnsafeUpload` (a kind of SourceError) refused it.
    """
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        check_workbook(name, data, limits)
        path = folder / "upload.xlsx"
        path.write_bytes(data)
        return path
    if suffix != ".zip":
        raise SourceError(f"{name} is neither a .zip of a contract folder nor an .xlsx workbook.")
    root = folder / "upload"
    safe_extract(data, root, limits, name=name)
    return contract_folder(root)
