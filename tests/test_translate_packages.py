"""Package install, list, remove, the zip-slip refusal and the index download (on localhost)."""

from __future__ import annotations

import http.server
import json
import stat
import threading
import zipfile
from pathlib import Path

import pytest

from reader.translate import packages as P
from reader.translate.route import NoPackage, plan

PACKAGES = Path(__file__).resolve().parent / "packages"
EN_UK = PACKAGES / "en_uk.argosmodel"


def test_install_list_remove(tmp_path):
    pkg = P.install_file(EN_UK, tmp_path)
    assert (pkg.source, pkg.target, pkg.version, pkg.key) == ("en", "uk", "1.0", "en-uk@1.0")
    assert pkg.path.parent == tmp_path / "packages"
    assert (pkg.path / "model" / "model.bin").is_file()
    [listed] = P.installed(tmp_path)
    assert listed.path == pkg.path and listed.size == pkg.size > 100_000
    assert json.loads(json.dumps(listed.to_json()))["key"] == "en-uk@1.0"
    # Reinstalling replaces, never duplicates; no staging folders are left behind.
    P.install_file(EN_UK, tmp_path)
    assert [p.name for p in (tmp_path / "packages").iterdir()] == [pkg.path.name]
    assert P.remove("en", "uk", tmp_path).key == "en-uk@1.0"
    assert P.installed(tmp_path) == []
    with pytest.raises(P.PackageError, match="no package installed for en→uk"):
        P.remove("en", "uk", tmp_path)


def _zip(path: Path, entries: dict[str, bytes], links: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


GOOD = {"pkg/metadata.json": b'{"from_code": "en", "to_code": "uk"}'}


@pytest.mark.parametrize(
    ("entries", "links", "why"),
    [
        ({**GOOD, "pkg/../../evil.txt": b"x"}, (), "outside its folder"),
        ({**GOOD, "/tmp/evil.txt": b"x"}, (), "absolute path"),
        ({**GOOD, "other/evil.txt": b"x"}, (), "outside its folder"),
        ({"../evil/metadata.json": b"x"}, (), "outside its folder"),
        ({**GOOD, "pkg\\..\\..\\evil.txt": b"x"}, (), "outside its folder"),
        (GOOD, ("pkg/model",), "symbolic link"),
    ],
)
def test_unsafe_zip_is_refused_before_anything_is_written(tmp_path, entries, links, why):
    bad = _zip(tmp_path / "bad.argosmodel", entries, links)
    home = tmp_path / "home"
    with pytest.raises(P.PackageError, match=why) as err:
        P.install_file(bad, home)
    assert str(bad) in str(err.value)
    assert not home.exists()  # not even the packages folder
    assert not (tmp_path / "evil.txt").exists()


def test_not_a_package(tmp_path):
    junk = tmp_path / "junk.argosmodel"
    junk.write_text("hello")
    with pytest.raises(P.PackageError, match="not a zip file"):
        P.install_file(junk, tmp_path)
    with pytest.raises(P.PackageError, match="no such file"):
        P.install_file(tmp_path / "missing.argosmodel", tmp_path)
    nometa = _zip(tmp_path / "nometa.argosmodel", {"pkg/README.md": b"x"})
    with pytest.raises(P.PackageError, match="metadata.json"):
        P.install_file(nometa, tmp_path)
    nomodel = _zip(tmp_path / "nomodel.argosmodel", {"pkg/metadata.json": b'{"from_code": "en", "to_code": "uk"}'})
    with pytest.raises(P.PackageError, match="no CTranslate2 model"):
        P.install_file(nomodel, tmp_path)
    assert P.installed(tmp_path) == []


def test_route_direct_wins_else_pivot_else_no_package(tmp_path):
    def pkg(s, t, v="1.0"):
        return P.InstalledPackage(s, t, v, tmp_path / f"{s}{t}")

    pivot = [pkg("uk", "en"), pkg("en", "ru")]
    assert plan("uk", "ru", pivot).key == "uk-en@1.0+en-ru@1.0"
    assert plan("uk", "ru", pivot + [pkg("uk", "ru", "2.0")]).key == "uk-ru@2.0"
    assert plan("en", "en", []).steps == ()
    with pytest.raises(NoPackage) as err:
        plan("ru", "uk", pivot)
    assert "reader models install ru uk" in str(err.value)
    assert (err.value.source, err.value.target) == ("ru", "uk")


class _Server:
    """A package index and one package served on localhost, optionally lying about sizes."""

    def __init__(self, body: bytes, claimed: int | None = None):
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/index.json":
                    data = json.dumps([{"from_code": "en", "to_code": "uk", "type": "translate",
                                        "links": [f"{server.url}/en_uk.argosmodel"]}]).encode()
                    length = len(data)
                else:
                    data, length = body, claimed or len(body)
                self.send_response(200)
                self.send_header("Content-Length", str(length))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_install_from_index_downloads_with_progress(tmp_path):
    seen = []
    with _Server(EN_UK.read_bytes()) as server:
        pkg = P.install_from_index("en", "uk", tmp_path, on_progress=lambda d, t: seen.append((d, t)),
                                   index_url=server.url + "/index.json")
        with pytest.raises(P.PackageError, match="no package for en→ru"):
            P.install_from_index("en", "ru", tmp_path, index_url=server.url + "/index.json")
    assert pkg.key == "en-uk@1.0"
    assert seen[-1] == (EN_UK.stat().st_size, EN_UK.stat().st_size)
    assert [p.name for p in (tmp_path / "packages").iterdir()] == [pkg.path.name]  # no download left


def test_truncated_download_installs_nothing(tmp_path):
    data = EN_UK.read_bytes()
    with _Server(data, claimed=len(data) + 1000) as server:
        with pytest.raises(P.PackageError, match="download"):
            P.install_from_index("en", "uk", tmp_path, index_url=server.url + "/index.json")
    assert P.installed(tmp_path) == []
    assert list((tmp_path / "packages").iterdir()) == []
