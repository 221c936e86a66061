"""Shared fixtures: a store in a temporary folder, and where the development data lives."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """An empty data folder, also set as READER_HOME so nothing touches the user's own."""
    h = tmp_path / "home"
    monkeypatch.setenv("READER_HOME", str(h))
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "config.toml"))
    return h


@pytest.fixture
def store(home):
    from reader.store import open_store

    with open_store(home) as s:
        yield s


@pytest.fixture(scope="module")
def server():
    """A real HTTP server on 127.0.0.1 (tests/httpserver.py), one per test module."""
    from httpserver import Server

    s = Server()
    yield s
    s.close()
