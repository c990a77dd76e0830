"""Errors a user can fix: reported as one sentence, never as a traceback."""


class UserError(Exception):
    """A problem the user can fix (a missing file, an unknown plan id, a bad option)."""
