"""The one list of pages. A new page is a file in ``app_pages/`` and one line here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

PAGES_DIR = Path(__file__).parent / "app_pages"


@dataclass(frozen=True)
class PageSpec:
    file: str
    title: str
    icon: str  # an emoji: :material: icons fetch fonts from the internet
    url_path: str


PAGES = (
    PageSpec("overview.py", "Overview", "🧭", "overview"),
    PageSpec("network.py", "Family network", "🕸️", "network"),
    PageSpec("who_needs_to_know.py", "Who needs to know", "📣", "who-needs-to-know"),
    PageSpec("gaps.py", "Gaps", "🚩", "gaps"),
    PageSpec("sharing.py", "Information sharing", "🔁", "sharing"),
    PageSpec("patterns.py", "Patterns", "🧩", "patterns"),
    PageSpec("marac.py", "MARAC meetings", "🗓️", "marac"),
    PageSpec("data.py", "Data", "📥", "data"),
)


def pages(specs: tuple[PageSpec, ...] = PAGES) -> list[StreamlitPage]:
    """The pages to route between; the first is the default."""
    return [
        st.Page(PAGES_DIR / s.file, title=s.title, icon=s.icon, url_path=s.url_path, default=n == 0)
        for n, s in enumerate(specs)
    ]
