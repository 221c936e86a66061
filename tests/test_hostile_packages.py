"""Hostile translation packages (issue 14): zip bombs, bad metadata, folder-name collisions.

Real .argosmodel files (the test packages, rebuilt with one thing changed), installed into
real folders; the command line through Click's CliRunner.
"""

from __future__ import annotations

import json
import os
import struct
import zipfile
from pathlib import Path

import pytest

from reader.translate import packages as P

PACKAGES = Path(__file__).resolve().parent / "packages"
EN_UK = PACKAGES / "en_uk.argosmodel"
UK_EN = PACKAGES / "uk_en.argosmodel"
MIB = 2**20


def rebuild(source: Path, dest: Path, *, folder: str | None = None, metadata: dict | None = None,
            drop: tuple[str, ...] = (), extra: dict[str, bytes] | None = None) -> Path:
    """`source` zipped again: its top folder renamed, metadata.json replaced, entries dropped or added."""
    with zipfile.ZipFile(source) as zf:
        old = zf.namelist()[0].split("/")[0]
        folder = folder or old
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
            for info in zf.infolist():
                rel = info.filename.split("/", 1)[1]
                if rel in drop:
                    continue
                data = zf.read(info)
                if rel == "metadata.json" and metadata is not None:
                    data = json.dumps(metadata).encode()
                out.writestr(f"{folder}/{rel}", data)
            for rel, data in (extra or {}).items():
                out.writestr(f"{folder}/{rel}", data)
    return dest


def meta_of(source: Path) -> dict:
    with zipfile.ZipFile(source) as zf:
        return json.loads(zf.read(zf.namelist()[0].split("/")[0] + "/metadata.json"))


def written(home: Path) -> list[str]:
    """Everything under the packages folder (staging folders included)."""
    root = home / "packages"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


# --- zip bombs -----------------------------------------------------------------------


def test_a_zip_bomb_is_refused_by_its_declared_size_before_anything_is_written(tmp_path):
    cap = 4 * MIB
    bomb = rebuild(EN_UK, tmp_path / "bomb.argosmodel", extra={"zeros.bin": bytes(int(1.1 * cap))})
    assert bomb.stat().st_size < 1 * MIB  # small on disk, big unpacked
    home = tmp_path / "home"
    with pytest.raises(P.PackageError) as caught:
        P.install_file(bomb, home, max_bytes=cap)
    assert str(caught.value) == f"{bomb}: refused: it would unpack to 4.9 MB (at most 4.0 MB)"
    assert not home.exists()
    # The same package without the padding fits under the same cap.
    assert P.install_file(EN_UK, home, max_bytes=cap).key == "en-uk@1.0"


def _lie_about_size(path: Path, member: str, claimed: int) -> None:
    """Rewrite the uncompressed size the zip declares for `member`, in its local and central headers."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := data.find(signature, at)) != -1:
            name_len = struct.unpack_from("<H", data, at + (26 if signature == b"PK\x03\x04" else 28))[0]
            start = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[start:start + name_len] == name:
                struct.pack_into("<I", data, at + offset, claimed)
            at += 4
    path.write_bytes(bytes(data))


def test_a_zip_that_lies_about_its_sizes_installs_nothing(tmp_path):
    cap = 4 * MIB
    liar = rebuild(EN_UK, tmp_path / "liar.argosmodel", extra={"zeros.bin": bytes(8 * MIB)})
    folder = zipfile.ZipFile(liar).namelist()[0].split("/")[0]
    _lie_about_size(liar, f"{folder}/zeros.bin", 1000)
    with zipfile.ZipFile(liar) as zf:
        assert sum(i.file_size for i in zf.infolist()) < cap  # it declares less than the cap
    home = tmp_path / "home"
    with pytest.raises(P.PackageError) as caught:
        P.install_file(liar, home, max_bytes=cap)
    assert str(caught.value).startswith(f"{liar}: ")
    assert "refused: it unpacks to more than" in str(caught.value) or "cannot unpack" in str(caught.value)
    assert written(home) == []  # the staging folder is gone, nothing half-installed
    assert P.installed(home) == []


def test_too_many_files_are_refused(tmp_path):
    many = rebuild(EN_UK, tmp_path / "many.argosmodel", extra={f"junk/{i}": b"" for i in range(P.MAX_ENTRIES)})
    home = tmp_path / "home"
    with pytest.raises(P.PackageError) as caught:
        P.install_file(many, home)
    assert str(caught.value) == f"{many}: refused: {P.MAX_ENTRIES + 7:,} files in the package (at most {P.MAX_ENTRIES:,})"
    assert not home.exists()


# --- metadata ------------------------------------------------------------------------


@pytest.mark.parametrize(("change", "why"), [
    ({"from_code": 5}, "from_code is 5, not a language code like \"en\""),
    ({"to_code": ["uk"]}, "to_code is [\"uk\"], not a language code like \"en\""),
    ({"to_code": None}, "no to_code"),
    ({"from_code": "en/../../x"}, "from_code is \"en/../../x\", not a language code like \"en\""),
    ({"package_version": {"major": 1}}, "package_version is {\"major\": 1}, not a string"),
    ({"target_prefix": 7}, "target_prefix is 7, not a string"),
])
def test_bad_metadata_is_refused_before_anything_is_written(tmp_path, run, change, why):
    bad = rebuild(EN_UK, tmp_path / "bad.argosmodel", metadata=meta_of(EN_UK) | change)
    home = tmp_path / "home"
    with pytest.raises(P.PackageError) as caught:
        P.install_file(bad, home)
    assert str(caught.value) == f"{bad}: bad metadata.json: {why}"
    assert not home.exists()
    r = run("models", "install", str(bad))
    assert r.exit_code == 1 and r.stderr.strip() == f"Error: {bad}: bad metadata.json: {why}"


def test_a_broken_package_in_the_folder_hides_nothing_and_can_be_removed(tmp_path, run):
    home = tmp_path / "home"
    P.install_file(UK_EN, home)
    # As an older reader installed it: codes that are not strings.
    broken = home / "packages" / "translate-en_uk-1_0"
    with zipfile.ZipFile(EN_UK) as zf:
        zf.extractall(home / "packages")
    (broken / "metadata.json").write_text(json.dumps(meta_of(EN_UK) | {"from_code": 5, "to_code": ["uk"]}))
    assert [p.key for p in P.installed(home)] == ["uk-en@1.0"]
    r = run("models", "list")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("uk→en  1.0")
    assert r.stderr.strip() == (f"error: {broken}: bad metadata.json: from_code is 5, not a language code like \"en\" "
                                "(`reader models remove translate-en_uk-1_0` deletes it)")
    listed = json.loads(run("models", "list", "--json").stdout)
    assert [x.get("key") or x["folder"] for x in listed] == ["uk-en@1.0", "translate-en_uk-1_0"]
    r = run("add", str(Path(__file__).resolve().parents[1] / "samples"))
    assert r.exit_code == 0, r.output
    r = run("translate", "--all", "--to", "en")  # the broken folder is not a route, and no traceback
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    r = run("models", "remove", "translate-en_uk-1_0")
    assert r.exit_code == 0 and r.stdout.strip() == f"removed {broken}"
    assert not broken.exists() and [p.key for p in P.installed(home)] == ["uk-en@1.0"]
    r = run("models", "remove", "translate-en_uk-1_0")
    assert r.exit_code == 1 and r.stderr.strip() == f"Error: no folder 'translate-en_uk-1_0' in {home / 'packages'}"
    r = run("models", "remove", "..")
    assert r.exit_code == 1 and home.exists()
    assert run("models", "remove", "uk", "en").exit_code == 0 and P.installed(home) == []


@pytest.mark.parametrize(("drop", "why"), [(("model/model.bin",), "no CTranslate2 model ({f}/model/model.bin)"),
                                            (("sentencepiece.model",), "no tokenizer ({f}/sentencepiece.model or {f}/bpe.model)")])
def test_errors_name_the_package_file_not_a_temporary_folder(tmp_path, drop, why):
    bad = rebuild(EN_UK, tmp_path / "given.argosmodel", drop=drop)
    home = tmp_path / "home"
    with pytest.raises(P.PackageError) as caught:
        P.install_file(bad, home)
    assert str(caught.value) == f"{bad}: " + why.format(f="translate-en_uk-1_0")
    assert ".install-" not in str(caught.value) and not home.exists()
    garbled = tmp_path / "garbled.argosmodel"
    with zipfile.ZipFile(EN_UK) as src, zipfile.ZipFile(garbled, "w") as out:
        for info in src.infolist():
            out.writestr(info.filename, b"{not json" if info.filename.endswith("metadata.json") else src.read(info))
    with pytest.raises(P.PackageError) as caught:
        P.install_file(garbled, home)
    assert str(caught.value).startswith(f"{garbled}: not a translation package (metadata.json: ")
    assert ".install-" not in str(caught.value)


# --- folder names --------------------------------------------------------------------


def test_a_package_whose_folder_name_collides_never_deletes_the_other(tmp_path, run):
    home = tmp_path / "home"
    en_uk = P.install_file(EN_UK, home)
    # uk→en zipped under en→uk's folder name
    impostor = rebuild(UK_EN, tmp_path / "impostor.argosmodel", folder="translate-en_uk-1_0")
    r = run("models", "install", str(impostor))
    assert r.exit_code == 0, r.output
    assert sorted(p.key for p in P.installed(home)) == ["en-uk@1.0", "uk-en@1.0"]
    assert P.find("en", "uk", home).path == en_uk.path and (en_uk.path / "model" / "model.bin").is_file()
    uk_en = P.find("uk", "en", home)
    assert uk_en.path.name == "translate-en_uk-1_0-uk_en"
    assert r.stdout.strip() == f"installed uk→en 1.0 in {uk_en.path}"
    # Reinstalling either replaces that one alone, in its own folder.
    P.install_file(impostor, home)
    P.install_file(EN_UK, home)
    assert sorted(p.name for p in (home / "packages").iterdir()) == ["translate-en_uk-1_0", "translate-en_uk-1_0-uk_en"]
    # A folder that is no package at all is not deleted either.
    P.remove("uk", "en", home)
    (home / "packages" / "translate-uk_en-1_0").mkdir()
    (home / "packages" / "translate-uk_en-1_0" / "notes.txt").write_text("mine")
    P.install_file(UK_EN, home)
    assert (home / "packages" / "translate-uk_en-1_0" / "notes.txt").read_text() == "mine"
    assert P.find("uk", "en", home).path.name == "translate-uk_en-1_0-uk_en"
    assert sorted(p.key for p in P.installed(home)) == ["en-uk@1.0", "uk-en@1.0"]


# --- where packages cannot be written ------------------------------------------------


def test_install_into_a_home_that_cannot_be_written_is_one_line(tmp_path, run):
    home = tmp_path / "home"
    home.mkdir()
    (home / "packages").write_text("a file where the packages folder goes")
    r = run("models", "install", str(EN_UK))
    assert r.exit_code == 1
    assert r.stderr.strip().startswith(f"Error: {home / 'packages'}: cannot write the packages folder (")
    assert "--home" in r.stderr and "Traceback" not in r.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod")
def test_install_into_a_read_only_home_is_one_line(tmp_path, run):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o555)
    try:
        r = run("models", "install", str(EN_UK))
    finally:
        home.chmod(0o755)
    assert r.exit_code == 1 and "cannot write the packages folder (Permission denied)" in r.stderr
