"""Everything a page shows or lets someone download, as text to search for what must not be there.

AppTest keeps a download's data behind a *deferred* callable (made when the person clicks), which
it never runs. :class:`Downloads` captures those callables as the app registers them, so a test
can make each file exactly as a click would (and so record the export) and read it: CSV and text
as they are, workbooks cell by cell, PDFs through their text layer, zips member by member.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

#: The nodes and edges of a pyvis page (the rest is the vis-network library, whose minified code
#: holds every short word by chance).
NETWORK_DATA = re.compile(r"new vis\.DataSet\((.*?)\);", re.DOTALL)
TEXT_KINDS = ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error", "success",
              "code", "exception")


class Downloads:
    """The deferred download callables the app registered, by their file id."""

    def __init__(self) -> None:
        self.callables: dict[str, tuple[Callable[[], Any], str]] = {}

    def manager(self, storage: Any) -> MediaFileManager:
        captured = self.callables

        class Capturing(MediaFileManager):
            def add_deferred(self, data_callable: Any, mimetype: Any, coordinates: str, file_name: str | None = None,
                             **kwargs: Any) -> str:
                file_id = super().add_deferred(data_callable, mimetype, coordinates, file_name, **kwargs)
                captured[file_id] = (data_callable, file_name or "file")
                return file_id

        return Capturing(storage)

    def make(self, button: Any) -> tuple[str, bytes]:
        """(file name, bytes) of the file behind a download button, made as a click makes it."""
        make, name = self.callables[button.proto.deferred_file_id]
        data = make()
        return name, data.encode() if isinstance(data, str) else bytes(data)


def capture_downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    """Capture every deferred download the app under test registers from now on."""
    found = Downloads()
    monkeypatch.setattr(app_test_module, "MediaFileManager", found.manager)
    return found


def file_text(name: str, data: bytes) -> str:
    """A downloaded file as searchable text."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row)
    if lower.endswith(".pdf"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    if lower.endswith(".zip"):
        archive = zipfile.ZipFile(io.BytesIO(data))
        return "\n".join(file_text(member, archive.read(member)) for member in archive.namelist())
    return data.decode("utf-8", errors="replace")


def _walk(node: Any) -> Iterator[Any]:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def shown_text(at: AppTest) -> str:
    """Every text, label, option, table cell, chart spec and embedded page the app shows now."""
    parts: list[str] = []
    for kind in TEXT_KINDS:
        parts += [str(e.value) for e in at.get(kind)]
    for metric in at.metric:
        parts += [metric.label, str(metric.value)]
    for frame in at.dataframe:
        value = frame.value
        parts += [*map(str, value.columns), *value.astype(str).to_numpy().ravel()]
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if getattr(proto, "srcdoc", ""):
            parts += NETWORK_DATA.findall(proto.srcdoc)  # the drawing's data, not the library bundled with it
        elif proto is not None:
            parts.append(str(proto))
        for attribute in ("label", "options"):
            found = getattr(node, attribute, None)
            if isinstance(found, str):
                parts.append(found)
            elif isinstance(found, list):
                parts += map(str, found)
    return "\n".join(map(str, parts))


def downloaded_text(at: AppTest, downloads: Downloads) -> str:
    """Every file the page's download buttons would give, made and read."""
    return "\n".join(file_text(*downloads.make(b)) for b in at.get("download_button") if b.proto.deferred_file_id)


@dataclass
class Forbidden:
    """What a role must not read: ids and names (as whole words), dates of birth and addresses (anywhere)."""

    words: set[str] = field(default_factory=set)
    fragments: set[str] = field(default_factory=set)

    def found_in(self, text: str) -> list[str]:
        hits = [w for w in sorted(self.words) if re.search(rf"(?<![A-Za-z0-9]){re.escape(w)}(?![A-Za-z0-9])", text)]
        return hits + [f for f in sorted(self.fragments) if f in text]


def dates_as_shown(day: str) -> set[str]:
    """A date of birth in the forms a page or file may show it."""
    stamp = pd.Timestamp(day)
    return {day, f"{stamp:%d/%m/%Y}", f"{stamp:%d %B %Y}", f"{stamp:%-d %B %Y}"}
