"""Where things live (XDG via platformdirs) and the user's settings file.

`READER_HOME` (or `--home`) moves all data — the store and translation packages — to one
folder, which tests, scripts and benchmarks use. The settings file is TOML in the user
config dir (`READER_CONFIG` points elsewhere).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP = "reader"


def home_dir(home: str | os.PathLike | None = None) -> Path:
    """The data folder: `--home`, else `READER_HOME`, else the settings' data_dir, else XDG."""
    if home:
        return Path(home).expanduser()
    env = os.environ.get("READER_HOME")
    if env:
        return Path(env).expanduser()
    configured = load_settings().data_dir
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP))


def db_path(home: str | os.PathLike | None = None) -> Path:
    return home_dir(home) / "reader.db"


def packages_dir(home: str | os.PathLike | None = None) -> Path:
    """Installed translation packages (argos format)."""
    return home_dir(home) / "packages"


def config_path() -> Path:
    env = os.environ.get("READER_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


@dataclass
class Settings:
    """What a user may set in config.toml; every field has a working default."""

    theme: str = "textual-dark"
    keymap: dict[str, str] = field(default_factory=dict)  # binding id → keys, e.g. {"star": "x"}
    language_filter: str | None = None  # en / uk / ru, or None for all
    translate_to: str = "en"
    data_dir: str | None = None
    refresh_minutes: float = 0  # 0: no background refresh


class SettingsError(ValueError):
    """config.toml is unreadable or holds a value of the wrong kind."""


def load_settings(path: Path | None = None) -> Settings:
    """Read config.toml; a missing file means defaults, a broken one a clear error."""
    path = path or config_path()
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: {exc}") from None
    known = Settings.__dataclass_fields__
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise SettingsError(f"{path}: unknown setting {unknown[0]!r}")
    try:
        return Settings(**raw)
    except TypeError as exc:
        raise SettingsError(f"{path}: {exc}") from None
