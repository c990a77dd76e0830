"""Data shown inside Streamlit's markdown (titles, captions, alerts) must stay plain text.

Names and summaries come from agencies' data; a ``*`` or ``[link](...)`` in them must not become
formatting or a link, and ``:red[...]`` must not become a colour. Every ASCII punctuation mark is
backslash-escaped, which CommonMark allows.

Examples
--------
>>> plain("Ann [x](http://e) *O'Brien*")
"Ann \\\\[x\\\\]\\\\(http\\\\:\\\\/\\\\/e\\\\) \\\\*O\\\\'Brien\\\\*"
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def plain(text: object) -> str:
    """``text`` with every ASCII punctuation character backslash-escaped for markdown."""
    return _PUNCTUATION.sub(r"\\\1", str(text))
