"""Hostile uploads are refused before anything is unpacked: bombs, traversal, links, oversize files."""

from __future__ import annotations

import io
import stat
import struct
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from data_model.upload_safety import UnsafeUpload, UploadLimits, check_workbook, check_zip, safe_extract

SMALL = UploadLimits(max_upload_bytes=200_000, max_unpacked_bytes=3_000_000, max_member_bytes=2_000_000,
                     max_members=20, ratio_floor_bytes=100_000)


def zip_of(files: dict[str, bytes], info: dict[str, dict[str, int]] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            member = zipfile.ZipInfo(name)
            member.compress_type = zipfile.ZIP_DEFLATED
            for attribute, value in (info or {}).get(name, {}).items():
                setattr(member, attribute, value)
            archive.writestr(member, data)
    return buffer.getvalue()


def workbook(**sheets: list[list[object]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewritten(xlsx: bytes, member: str, content: bytes) -> bytes:
    """The workbook with one member's content replaced."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    return zip_of({m: (content if m == member else source.read(m)) for m in source.namelist()})


def test_a_plain_contract_zip_unpacks_inside_its_folder(tmp_path: Path) -> None:
    data = zip_of({"data/people.csv": b"person_id\nP1\n", "data/agencies.csv": b"agency_id,sector\nA1,police\n"})
    written = safe_extract(data, tmp_path / "out", SMALL)
    names = sorted(p.relative_to(tmp_path / "out").as_posix() for p in written)
    assert names == ["data/agencies.csv", "data/people.csv"]


def test_a_zip_of_zeros_is_refused_as_a_bomb(tmp_path: Path) -> None:
    bomb = zip_of({"people.csv": b"0" * 1_500_000})
    assert len(bomb) < 5_000
    with pytest.raises(UnsafeUpload, match="times its size"):
        safe_extract(bomb, tmp_path / "out", SMALL)
    assert not (tmp_path / "out").exists()


def test_a_zip_that_would_unpack_past_the_total_limit_is_refused(tmp_path: Path) -> None:
    import random

    noise = random.Random(1)
    files = {f"t{i}.csv": noise.randbytes(1_100_000) for i in range(3)}
    with pytest.raises(UnsafeUpload, match="unpack to over 3 MB"):
        check_zip("big.zip", zip_of(files), UploadLimits(max_unpacked_bytes=3_000_000))


def test_a_zip_with_too_many_files_is_refused() -> None:
    with pytest.raises(UnsafeUpload, match="21 files"):
        check_zip("many.zip", zip_of({f"f{i}.csv": b"x" for i in range(21)}), SMALL)


@pytest.mark.parametrize("name", ["../people.csv", "/etc/passwd", "data/../../x.csv", "C:/Windows/x.csv",
                                  "..\\..\\x.csv"])
def test_a_member_outside_the_folder_is_refused(name: str, tmp_path: Path) -> None:
    with pytest.raises(UnsafeUpload, match="outside its folder"):
        safe_extract(zip_of({name: b"person_id\n"}), tmp_path / "out", SMALL)
    assert not list(tmp_path.rglob("*.csv"))


def test_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    link = {"people.csv": {"external_attr": (stat.S_IFLNK | 0o777) << 16}}
    with pytest.raises(UnsafeUpload, match="symbolic link"):
        safe_extract(zip_of({"people.csv": b"/etc/passwd"}, link), tmp_path, SMALL)


def test_the_same_file_twice_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("people.csv", b"a")
        archive.writestr("PEOPLE.csv", b"b")
    with pytest.raises(UnsafeUpload, match="twice"):
        check_zip("dup.zip", buffer.getvalue(), SMALL)


def test_a_member_whose_header_lies_about_its_size_is_stopped(tmp_path: Path) -> None:
    data = bytearray(zip_of({"people.csv": b"0" * 1_000_000}))
    struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, 100)  # central directory: 100 bytes
    struct.pack_into("<I", data, data.find(b"PK\x03\x04") + 22, 100)  # local header too
    with pytest.raises(UnsafeUpload, match="damaged"):
        safe_extract(bytes(data), tmp_path / "out", SMALL)


def test_an_upload_over_the_size_limit_is_refused() -> None:
    with pytest.raises(UnsafeUpload, match="over the 0 MB limit"):
        check_zip("big.zip", b"x" * 300_000, SMALL)


def test_a_file_that_is_not_a_zip_is_refused() -> None:
    with pytest.raises(UnsafeUpload, match="not a readable zip"):
        check_zip("people.zip", b"person_id\nP1\n", SMALL)


def test_a_real_workbook_passes() -> None:
    check_workbook("data.xlsx", workbook(people=[["person_id"], ["P1"]]), SMALL)


def test_an_xlsx_bomb_is_refused() -> None:
    row = b'<row><c t="inlineStr"><is><t>0</t></is></c></row>'
    sheet = b"<worksheet><sheetData>" + row * 30_000 + b"</sheetData></worksheet>"
    bomb = rewritten(workbook(people=[["person_id"]]), "xl/worksheets/sheet1.xml", sheet)
    with pytest.raises(UnsafeUpload, match="times its size"):
        check_workbook("bomb.xlsx", bomb, SMALL)


def test_a_workbook_declaring_entities_is_refused() -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
              b"<worksheet><sheetData><row><c><v>&lol2;</v></c></row></sheetData></worksheet>")
    book = rewritten(workbook(people=[["person_id"]]), "xl/worksheets/sheet1.xml", laughs)
    with pytest.raises(UnsafeUpload, match="DOCTYPE"):
        check_workbook("laughs.xlsx", book, SMALL)


def test_a_zip_that_is_not_a_workbook_is_refused_as_one() -> None:
    with pytest.raises(UnsafeUpload, match=r"not an \.xlsx workbook"):
        check_workbook("fake.xlsx", zip_of({"people.csv": b"person_id\n"}), SMALL)
