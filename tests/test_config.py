"""Settings: config.toml read, and values the reader cannot use warned about (key and allowed values)."""

from __future__ import annotations

import pytest

from reader.config import Settings, SettingsError, load_settings
from reader.tui import bindings

BINDING_IDS = [b.id for _, group in bindings.SECTIONS for b in group if b.id]


def write(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_settings_pass_without_a_warning(tmp_path):
    path = write(tmp_path, 'theme = "textual-light"\nlanguage_filter = "ua"\ntranslate_to = "ru"\nrefresh_minutes = 30\n'
                           '[keymap]\nstar = "x"\nsearch = "slash,ctrl+f"\n')
    settings, warnings = load_settings(path).validated(BINDING_IDS)
    assert warnings == []
    assert settings.language_filter == "uk" and settings.translate_to == "ru" and settings.refresh_minutes == 30
    assert settings.keymap == {"star": "x", "search": "slash,ctrl+f"}
    assert Settings().validated(BINDING_IDS) == (Settings(), [])


def test_an_unknown_language_filter_is_warned_with_the_allowed_values_and_dropped(tmp_path):
    settings, warnings = load_settings(write(tmp_path, 'language_filter = "de"\n')).validated(BINDING_IDS)
    assert settings.language_filter is None
    assert len(warnings) == 1
    assert "language_filter = 'de'" in warnings[0] and "en, uk, ru" in warnings[0]


def test_an_unknown_keymap_id_is_warned_with_the_ids_and_a_likely_one(tmp_path):
    path = write(tmp_path, '[keymap]\nstra = "x"\nquit = "ctrl+q"\nread = ""\n')
    settings, warnings = load_settings(path).validated(BINDING_IDS)
    assert settings.keymap == {"quit": "ctrl+q"}
    unknown = next(w for w in warnings if "'stra'" in w)
    assert "did you mean 'star'?" in unknown and "star" in unknown.split("Binding ids:")[1] and "\n" not in unknown
    assert any("[keymap] read = ''" in w for w in warnings)
    # without the ids (no TUI loaded) the keymap is left as it is
    assert load_settings(path).validated()[0].keymap == {"stra": "x", "quit": "ctrl+q", "read": ""}


def test_other_values_the_reader_cannot_use(tmp_path):
    settings, warnings = load_settings(write(tmp_path, 'translate_to = "de"\nrefresh_minutes = -5\n')).validated()
    assert (settings.translate_to, settings.refresh_minutes) == ("en", 0)
    assert [w.split(" = ")[0] for w in warnings] == ["config.toml: translate_to", "config.toml: refresh_minutes"]


def test_unknown_setting_and_broken_toml_are_still_errors(tmp_path):
    with pytest.raises(SettingsError, match="unknown setting 'colour'"):
        load_settings(write(tmp_path, 'colour = "red"\n'))
    with pytest.raises(SettingsError):
        load_settings(write(tmp_path, 'theme = \n'))


def test_stay_in_language_is_off_by_default_and_must_be_true_or_false(tmp_path):
    assert Settings().stay_in_language is False
    settings, warnings = load_settings(write(tmp_path, "stay_in_language = true\n")).validated()
    assert settings.stay_in_language is True and warnings == []
    settings, warnings = load_settings(write(tmp_path, 'stay_in_language = "yes"\n')).validated()
    assert settings.stay_in_language is False
    assert [w.split(" = ")[0] for w in warnings] == ["config.toml: stay_in_language"] and "true or false" in warnings[0]
