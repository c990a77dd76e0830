"""The partnership as people work with it: imported records, with what was changed in Linked Risk.

Imports bring each agency's records; MARAC coordinators then record, update and close actions in
Linked Risk itself (kept apart, so re-imports never overwrite them). Everything that judges the
data — the rules, the dashboard, the command line — reads this combined picture, so an action
closed at a meeting is closed for ``ACTION_OVERDUE`` too.
"""

from __future__ import annotations

from data_model.marac.action_states import with_local_actions
from data_model.marac.actions import load_changes
from data_model.partnership import Partnership
from data_model.store import Store


def working_partnership(store: Store) -> Partnership:
    """The stored partnership with coordinators' action changes laid over the imported actions."""
    return with_local_actions(store.load(), load_changes(store.engine))
