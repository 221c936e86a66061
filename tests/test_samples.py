"""Acceptance: the two sample pages through the whole pipeline, as `reader add` stores them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import SAMPLES, SHARED
from reader.cli import cli
from reader.store import open_store

EXPECTED = sorted((SHARED / "samples" / "expected").glob("*.json"))


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    result = CliRunner().invoke(cli, ["--home", str(home), "add", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    return home


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.stem)
def test_expected_entities_are_found_and_stored(stored, expected):
    exp = json.loads(expected.read_text(encoding="utf-8"))
    with open_store(stored) as store:
        [row] = [r for r in store.list() if r.url.endswith(expected.stem + ".txt")]
        spans = store.entities(row.id)
        article = store.get(row.id)
    assert article.title == exp["title"]
    found = {(e.label, e.norm) for _, e in spans} | {(e.label, e.text) for _, e in spans}
    missing = [(label, name) for label, names in exp["entities_expected"].items() for name in names if (label, name) not in found]
    assert missing == []
