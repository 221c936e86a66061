"""Where things live (XDG via platformdirs) and the user's settings file.

`READER_HOME` (or `--home`) moves all data — the store and translation packages — to one
folder, which tests, scripts and benchmarks use. The settings file is TOML in the user
config dir (`READER_CONFIG` points elsewhere).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
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


def db_target(home: str | os.PathLike | None = None, db: str | os.PathLike | None = None) -> Path | str:
    """The store to open: `db` (`--db`), else READER_DB, else the settings' `db`, else the
    data folder's reader.db. A postgresql:// (or postgres://) URL is returned as a str: a
    PostgreSQL store; anything else is an SQLite file's path."""
    db = db or os.environ.get("READER_DB") or load_settings().db
    if not db:
        return db_path(home)
    text = str(db)
    if text.startswith(("postgresql://", "postgres://")):
        return text
    return Path(text).expanduser()


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
    db: str | None = None  # a postgresql:// URL (a team's store) or an SQLite file; default: data_dir's reader.db
    refresh_minutes: float = 0  # 0: no background refresh
    stay_in_language: bool = False  # the TUI: articles opened after choosing a language open in it

    def validated(self, binding_ids: Iterable[str] | None = None) -> tuple["Settings", list[str]]:
        """(these settings with every value this reader cannot use put back to its default,
        a one-line warning for each such value naming the key and what it may be).

        Checked: language_filter and translate_to (en, uk, ru; `ua` is read as uk),
        refresh_minutes (0 or more), stay_in_language (true or false) and, given `binding_ids` (the TUI's binding ids,
        reader/tui/bindings.py), the [keymap] ids. The theme is the TUI's to check (it knows
        the themes installed). Nothing here stops the reader: it starts with the defaults and
        says so, as for an unknown theme."""
        from reader.languages import LANGUAGES, normalise_lang

        warnings: list[str] = []
        changes: dict = {}
        name = config_path().name
        if self.language_filter not in (None, ""):
            lang = normalise_lang(str(self.language_filter))
            if lang in LANGUAGES:
                changes["language_filter"] = lang
            else:
                changes["language_filter"] = None
                warnings.append(f"{name}: language_filter = {self.language_filter!r} is not one of "
                                f"{', '.join(LANGUAGES)}; showing all languages")
        lang = normalise_lang(str(self.translate_to))
        if lang in LANGUAGES:
            changes["translate_to"] = lang
        else:
            changes["translate_to"] = "en"
            warnings.append(f"{name}: translate_to = {self.translate_to!r} is not one of {', '.join(LANGUAGES)}; translating to en")
        if not isinstance(self.refresh_minutes, (int, float)) or isinstance(self.refresh_minutes, bool) or self.refresh_minutes < 0:
            changes["refresh_minutes"] = 0
            warnings.append(f"{name}: refresh_minutes = {self.refresh_minutes!r} is not a number of minutes (0 or more; 0: never); not refreshing")
        if not isinstance(self.stay_in_language, bool):
            changes["stay_in_language"] = False
            warnings.append(f"{name}: stay_in_language = {self.stay_in_language!r} is not true or false; "
                            "each article opens in its own language")
        if binding_ids is not None:
            known = list(dict.fromkeys(binding_ids))
            keymap = {}
            for key, keys in self.keymap.items():
                if key not in known:
                    close = difflib.get_close_matches(key, known, n=1)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    warnings.append(f"{name}: [keymap] unknown binding id {key!r}{hint}; ignored. Binding ids: {', '.join(known)}")
                elif not isinstance(keys, str) or not keys.strip():
                    warnings.append(f"{name}: [keymap] {key} = {keys!r} is not keys (a string such as \"x\" or \"slash,ctrl+f\"); ignored")
                else:
                    keymap[key] = keys
            changes["keymap"] = keymap
        return replace(self, **changes), warnings


class SettingsError(ValueError):
    """config.toml is unreadable or holds a value of the wrong kind."""


def load_settings(path: Path | None = None) -> Settings:
    """Read config.toml; a missing file means defaults, a broken one a clear error."""
    path = path or config_path()
    if not path.exists():
        return Settings()
    import tomllib  # here, not at the top: without a config file the TUI's start does not load it

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
