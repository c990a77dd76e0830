"""Secrets a deployment keeps for itself (session signing, pseudonymisation): from the environment,
or from a file in the data directory that is created on first use, readable by its owner only.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from data_model.errors import UserError

DATA_DIR_ENV = "LINKEDRISK_DATA_DIR"
DEFAULT_DATA_DIR = Path("var")
MIN_SECRET_CHARS = 32


def data_directory() -> Path:
    """Where the deployment keeps its own files: ``LINKEDRISK_DATA_DIR``, else ``var``."""
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


def deployment_secret(
    env: str, file_name: str, what: str, data_dir: Path | None = None, if_short: str = "restore it from a backup"
) -> bytes:
    """The secret in ``$env`` (at least 32 characters), else in ``file_name`` (made 0600 if absent).

    ``what`` names the secret in error messages ("the session secret"). A file that other users
    can read is refused: anyone who can read it could forge sessions or re-identify people.
    """
    from_env = os.environ.get(env)
    if from_env is not None:
        if len(from_env.strip()) < MIN_SECRET_CHARS:
            raise UserError(f"{env} must be at least {MIN_SECRET_CHARS} characters: use a long random secret.")
        return from_env.strip().encode("utf-8")
    path = (data_dir or data_directory()) / file_name
    if not path.exists():
        _create_secret_file(path)
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise UserError(f"{path} can be read by other users: run `chmod 600 {path}`.")
    secret = path.read_text(encoding="utf-8").strip()
    if len(secret) < MIN_SECRET_CHARS:
        raise UserError(f"{what[:1].upper() + what[1:]} in {path} is too short: {if_short}.")
    return secret.encode("utf-8")


def _create_secret_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(secrets.token_hex(32) + "\n")
