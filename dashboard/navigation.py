"""The one list of pages. A new page is a file in ``app_pages/``, one line here and one in ``page_access``.

Each signed-in person is offered only the pages their role may use
(:func:`data_model.page_access.pages_for`); the pages refuse the rest themselves too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from data_model.access import User
from data_model.page_access import Page, pages_for

PAGES_DIR = Path(__file__).parent / "app_pages"


@dataclass(frozen=True)
class PageSpec:
    file: str
    title: str
    icon: str  # an emoji: :material: icons fetch fonts from the internet
    url_path: str  # also the page's name in data_model.page_access.Page


PAGES = (
    PageSpec("overview.py", "Overview", "🧭", Page.OVERVIEW.value),
    PageSpec("network.py", "Family network", "🕸️", Page.NETWORK.value),
    PageSpec("who_needs_to_know.py", "Who needs to know", "📣", Page.WHO_NEEDS_TO_KNOW.value),
    PageSpec("gaps.py", "Gaps", "🚩", Page.GAPS.value),
    PageSpec("sharing.py", "Information sharing", "🔁", Page.SHARING.value),
    PageSpec("patterns.py", "Patterns", "🧩", Page.PATTERNS.value),
    PageSpec("marac.py", "MARAC meetings", "🗓️", Page.MARAC.value),
    PageSpec("data.py", "Data", "📥", Page.DATA.value),
    PageSpec("audit.py", "Audit trail", "🔏", Page.AUDIT.value),
)
SPECS_BY_FILE = {s.file: s for s in PAGES}


def specs_for(user: User, specs: tuple[PageSpec, ...] = PAGES) -> tuple[PageSpec, ...]:
    """The pages ``user``'s role may use, in the usual order."""
    allowed = set(pages_for(user))
    return tuple(s for s in specs if s.url_path in allowed)


def pages(specs: tuple[PageSpec, ...]) -> list[StreamlitPage]:
    """The pages to route between; the first is the default."""
    return [
        st.Page(PAGES_DIR / s.file, title=s.title, icon=s.icon, url_path=s.url_path, default=n == 0)
        for n, s in enumerate(specs)
    ]


def page_link(file: str, label: str, icon: str, user: User) -> None:
    """A link to another page, shown only when the user's role may open it."""
    if SPECS_BY_FILE[file] in specs_for(user):
        st.page_link(str(PAGES_DIR / file), label=label, icon=icon)
