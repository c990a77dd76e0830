"""Sub-commands of ``linkedrisk``; each module has ``register(subparsers)``."""

from __future__ import annotations

from types import ModuleType

from data_model.commands import importing

COMMAND_MODULES: list[ModuleType] = [importing]
