"""Sub-commands of ``linkedrisk``; each module has ``register(subparsers)``."""

from __future__ import annotations

from types import ModuleType

from data_model.commands import admin, analysis, generating, importing, marac, patterns

COMMAND_MODULES: list[ModuleType] = [importing, analysis, patterns, admin, marac, generating]
