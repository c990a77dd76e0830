"""Refusing hostile uploads before anything is unpacked: oversized files, zip and xlsx bombs, traversal.

An upload comes from someone's machine and may have been crafted. Before a byte is extracted:

- the upload itself is at most :attr:`UploadLimits.max_upload_bytes`;
- a zip (and an ``.xlsx``, which is a zip of XML) has at most ``max_members`` members, and its
  declared unpacked sizes stay under ``max_member_bytes`` each and ``max_unpacked_bytes`` in
  all, with no member (above ``ratio_floor_bytes``) compressed more than ``max_ratio`` to one:
  a zip of zeros, the classic bomb, compresses about a thousand to one;
- member names stay inside the folder: no absolute paths, drive letters, ``..``, NUL bytes,
  symbolic links or duplicates; encrypted members are refused;
- a workbook's XML declares no DOCTYPE or entities (the "billion laughs" expansion).

While extracting, the bytes actually written are counted too, so a member whose header lies
about its size is stopped at the limit. Every refusal is a :class:`UnsafeUpload`, one sentence.

Examples
--------
>>> import io, zipfile
>>> buffer = io.BytesIO()
>>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
...     z.writestr("people.csv", b"0" * 5_000_000)
>>> try:
...     check_zip("bomb.zip", buffer.getvalue())
... except UnsafeUpload as refused:
...     print(refused)  # doctest: +ELLIPSIS
bomb.zip was refused: people.csv would unpack to over ... times its size (a zip bomb?).
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from data_model.sources import SourceError

MB = 1_000_000
CHUNK = 1 << 16
XML_PEEK = 4096
DANGEROUS_XML = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
DRIVE = re.compile(r"^[A-Za-z]:")


class UnsafeUpload(SourceError):
    """An upload refused before it was unpacked or read."""


@dataclass(frozen=True)
class UploadLimits:
    max_upload_bytes: int = 200 * MB
    max_unpacked_bytes: int = 2_000 * MB
    max_member_bytes: int = 1_000 * MB
    max_members: int = 500
    max_ratio: float = 250.0
    #: Members unpacking to less than this are not ratio-checked (tiny files compress oddly).
    ratio_floor_bytes: int = 1 * MB


LIMITS = UploadLimits()


def _refuse(name: str, why: str) -> UnsafeUpload:
    return UnsafeUpload(f"{name} was refused: {why}")


def check_size(name: str, size: int, limits: UploadLimits = LIMITS) -> None:
    """Refuse an upload larger than the limit."""
    if size > limits.max_upload_bytes:
        raise _refuse(name, f"it is {size // MB} MB, over the {limits.max_upload_bytes // MB} MB limit; split it up.")


def _member_path(name: str, member: zipfile.ZipInfo) -> PurePosixPath:
    text = member.filename.replace("\\", "/")
    path = PurePosixPath(text)
    if "\x00" in text or path.is_absolute() or DRIVE.match(text) or ".." in path.parts:
        raise _refuse(name, f"it holds a file outside its folder ({member.filename!r}).")
    if stat.S_ISLNK(member.external_attr >> 16):
        raise _refuse(name, f"it holds a symbolic link ({member.filename!r}).")
    if member.flag_bits & 0x1:
        raise _refuse(name, f"it holds an encrypted file ({member.filename!r}).")
    return path


def _ratio_ok(member: zipfile.ZipInfo, limits: UploadLimits) -> bool:
    if member.file_size < limits.ratio_floor_bytes:
        return True
    return member.file_size <= limits.max_ratio * max(member.compress_size, 1)


def check_archive(name: str, archive: zipfile.ZipFile, limits: UploadLimits = LIMITS) -> list[zipfile.ZipInfo]:
    """The archive's file members, after every check above; :class:`UnsafeUpload` on the first failure."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise _refuse(name, f"it holds {len(members)} files, over the limit of {limits.max_members}.")
    seen: set[str] = set()
    total = 0
    for member in members:
        path = _member_path(name, member)
        key = str(path).lower()
        if key in seen:
            raise _refuse(name, f"it holds {member.filename!r} twice.")
        seen.add(key)
        if member.file_size > limits.max_member_bytes:
            raise _refuse(name, f"{member.filename} would unpack to over {limits.max_member_bytes // MB} MB.")
        if not _ratio_ok(member, limits):
            why = f"{member.filename} would unpack to over {_shown_ratio(member)} times its size (a zip bomb?)."
            raise _refuse(name, why)
        total += member.file_size
        if total > limits.max_unpacked_bytes:
            raise _refuse(name, f"it would unpack to over {limits.max_unpacked_bytes // MB} MB.")
    return [m for m in members if not m.is_dir()]


def _shown_ratio(member: zipfile.ZipInfo) -> int:
    """The compression ratio, rounded down to a round number for the message."""
    ratio = member.file_size // max(member.compress_size, 1)
    return int(ratio // 100 * 100) if ratio >= 100 else int(ratio)


def _open(name: str, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse(name, "it is not a readable zip file.") from None


def check_zip(name: str, data: bytes, limits: UploadLimits = LIMITS) -> list[zipfile.ZipInfo]:
    """Check an uploaded zip without unpacking it; returns its file members."""
    check_size(name, len(data), limits)
    with _open(name, data) as archive:
        return check_archive(name, archive, limits)


def check_workbook(name: str, data: bytes, limits: UploadLimits = LIMITS) -> None:
    """Check an uploaded ``.xlsx`` before openpyxl reads it: a safe zip of XML with no DTDs."""
    check_size(name, len(data), limits)
    with _open(name, data) as archive:
        members = check_archive(name, archive, limits)
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names:
            raise _refuse(name, "it is not an .xlsx workbook.")
        for member in members:
            if member.filename.lower().endswith((".xml", ".rels", ".vml")):
                try:
                    with archive.open(member) as handle:
                        head = handle.read(XML_PEEK)
                except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
                    raise _refuse(name, f"{member.filename} inside it is damaged.") from None
                if DANGEROUS_XML.search(head):
                    why = f"{member.filename} declares a DOCTYPE or entities, which workbooks never need."
                    raise _refuse(name, why)


def safe_extract(data: bytes, dest: Path, limits: UploadLimits = LIMITS, name: str = "The upload") -> list[Path]:
    """Unpack a checked zip under ``dest``; returns the files written.

    Each member is streamed, and the bytes written are counted against the limits, whatever
    its header says.
    """
    check_size(name, len(data), limits)
    root = dest.resolve()
    written: list[Path] = []
    total = 0
    with _open(name, data) as archive:
        for member in check_archive(name, archive, limits):
            target = root.joinpath(*_member_path(name, member).parts).resolve()
            if not target.is_relative_to(root):
                raise _refuse(name, f"it holds a file outside its folder ({member.filename!r}).")
            target.parent.mkdir(parents=True, exist_ok=True)
            size = 0
            try:
                with archive.open(member) as source, target.open("wb") as out:
                    while chunk := source.read(CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > limits.max_member_bytes or total > limits.max_unpacked_bytes:
                            raise _refuse(name, f"{member.filename} unpacks to more than its limit.")
                        out.write(chunk)
            except (zipfile.BadZipFile, EOFError, RuntimeError, OSError):
                raise _refuse(name, f"{member.filename} inside it is damaged.") from None
            written.append(target)
    return written
