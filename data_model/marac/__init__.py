"""MARAC meeting preparation: agendas, per-case research, invitations, referral checks, actions, packs.

MARAC (multi-agency risk assessment conference) coordinators gather, before each meeting, what
every agency knows about each high-risk domestic-abuse case. Linked Risk already holds that
joined-up picture; this package turns it into the meeting's preparation:

- :mod:`~data_model.marac.meetings`: the meetings and each one's agenda;
- :mod:`~data_model.marac.research`: what the graph says about each case;
- :mod:`~data_model.marac.invitations`: which agencies to invite, and what each must bring;
- :mod:`~data_model.marac.dash`: the DASH checklist score and the four referral criteria;
- :mod:`~data_model.marac.actions`: actions recorded, assigned, updated and closed by coordinators;
- :mod:`~data_model.marac.pack_pdf` and :mod:`~data_model.marac.pack_xlsx`: the meeting pack.
"""

from __future__ import annotations

from data_model.partnership import Day as Day  # a date as the functions here take it
