"""Translation packages in argos format: install (file or index), list, remove.

Packages live in the reader's own data folder (`config.packages_dir`), not argos's, so
`--home`/READER_HOME moves them with the store. A package is a zip (`.argosmodel`) of one
folder holding metadata.json, model/ (CTranslate2) and sentencepiece.model or bpe.model,
the layout and metadata fields argostranslate.package defines.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from reader import config

#: Argos's package index (argostranslate.settings.remote_package_index).
INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"


class PackageError(ValueError):
    """A package file or folder is unusable; the message names it and says why."""


@dataclass(frozen=True)
class InstalledPackage:
    """One installed translation package: a direction, its version and where it lives."""

    source: str
    target: str
    version: str
    path: Path
    target_prefix: str = ""

    @property
    def key(self) -> str:
        """Stable name of this model for caches: `en-uk@1.0`."""
        return f"{self.source}-{self.target}@{self.version}"

    @property
    def size(self) -> int:
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())

    def to_json(self) -> dict:
        return {"source": self.source, "target": self.target, "version": self.version,
                "key": self.key, "size": self.size, "path": str(self.path)}


#: Caps on what one package may unpack to (a real package is a few hundred MB, a few dozen files).
MAX_UNPACKED_BYTES = 2 * 2**30
MAX_ENTRIES = 1000
#: metadata.json is a few hundred bytes; a bigger one is not read.
MAX_METADATA_BYTES = 2**20
#: A language code as argos writes them: `en`, `uk`, `zt`, `pt_BR`.
_CODE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?")
#: argostranslate.package's text fields of metadata.json, besides the two codes.
_TEXT_FIELDS = ("type", "from_name", "to_name", "argos_version", "code", "target_prefix")


def parse_metadata(data: bytes, label: str) -> dict:
    """metadata.json's bytes, checked against argos's schema, with argos's defaults
    (argostranslate.package.IPackage); raises PackageError naming `label`.

    Read here rather than through argostranslate.package: importing that creates folders in
    the user's home and costs a quarter second on the way to the first translated paragraph.
    """
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(f"{label}: not a translation package (metadata.json: {exc})") from None
    if not isinstance(raw, dict):
        raise PackageError(f"{label}: not a translation package (metadata.json is not an object)")
    for key in _TEXT_FIELDS:
        if key in raw and raw[key] is not None and not isinstance(raw[key], str):
            raise PackageError(f"{label}: bad metadata.json: {key} is {_shown(raw[key])}, not a string")
    version = raw.get("package_version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, (str, int, float))):
        raise PackageError(f"{label}: bad metadata.json: package_version is {_shown(version)}, not a string")
    kind = raw.get("type") or "translate"
    if kind != "translate":
        raise PackageError(f"{label}: not a translation package (type {kind!r})")
    for key in ("from_code", "to_code"):
        code = raw.get(key)
        if code is None or code == "":
            raise PackageError(f"{label}: bad metadata.json: no {key}")
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            raise PackageError(f"{label}: bad metadata.json: {key} is {_shown(code)}, not a language code like \"en\"")
    return {
        "type": kind, "from_code": raw["from_code"], "to_code": raw["to_code"],
        "package_version": str(version or "0"), "target_prefix": raw.get("target_prefix") or "",
    }


def _shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def read_metadata(path: Path) -> dict:
    """An installed package's metadata.json, checked (parse_metadata)."""
    try:
        with (path / "metadata.json").open("rb") as f:
            data = f.read(MAX_METADATA_BYTES + 1)
    except OSError as exc:
        raise PackageError(f"{path}: not a translation package ({exc.strerror or exc})") from None
    if len(data) > MAX_METADATA_BYTES:
        raise PackageError(f"{path}: not a translation package (metadata.json larger than 1 MB)")
    return parse_metadata(data, str(path))


def read_package(path: Path) -> InstalledPackage:
    """The package in folder `path`, checked to hold what translation needs."""
    meta = read_metadata(path)
    if not (path / "model" / "model.bin").is_file():
        raise PackageError(f"{path}: no CTranslate2 model (model/model.bin)")
    if not ((path / "sentencepiece.model").is_file() or (path / "bpe.model").is_file()):
        raise PackageError(f"{path}: no tokenizer (sentencepiece.model or bpe.model)")
    return InstalledPackage(meta["from_code"], meta["to_code"], meta["package_version"], path, meta["target_prefix"])


def broken(home: str | os.PathLike | None = None) -> list[tuple[Path, str]]:
    """Folders in the packages folder that are not usable packages, with why: `models list` shows
    them, `models remove NAME` removes them."""
    root = config.packages_dir(home)
    found = []
    if root.is_dir():
        for path in sorted(root.iterdir()):
            if path.is_dir() and not path.name.startswith("."):
                try:
                    read_package(path)
                except PackageError as exc:
                    found.append((path, str(exc).removeprefix(f"{path}: ")))
    return found


def installed(home: str | os.PathLike | None = None) -> list[InstalledPackage]:
    """Every usable package in the packages folder, sorted by direction."""
    root = config.packages_dir(home)
    found = []
    if root.is_dir():
        for path in sorted(root.iterdir()):
            if path.is_dir() and not path.name.startswith(".") and (path / "metadata.json").exists():
                try:
                    found.append(read_package(path))
                except PackageError:
                    continue  # a broken folder must not hide the others
    return sorted(found, key=lambda p: (p.source, p.target))


def find(source: str, target: str, home: str | os.PathLike | None = None) -> InstalledPackage | None:
    return next((p for p in installed(home) if (p.source, p.target) == (source, target)), None)


def unsafe_member(info: zipfile.ZipInfo, folder: str) -> str | None:
    """Why this zip entry must not be extracted (outside `folder`, absolute, a link), or None."""
    name = info.filename.replace("\\", "/")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "an absolute path"
    parts = PurePosixPath(name).parts
    if ".." in parts:
        return "a path outside its folder"
    if not parts or parts[0] != folder:
        return "a path outside its folder"
    return None


def check_archive(zf: zipfile.ZipFile, label: str) -> str:
    """The one top folder of a package zip, after refusing any unsafe entry."""
    names = zf.namelist()
    if not names:
        raise PackageError(f"{label}: empty package")
    folder = PurePosixPath(names[0].replace("\\", "/")).parts[0] if names[0].strip("/") else ""
    if folder in ("", ".", ".."):
        raise PackageError(f"{label}: refused: {names[0]!r} is a path outside its folder")
    for info in zf.infolist():
        why = unsafe_member(info, folder)
        if why:
            raise PackageError(f"{label}: refused: {info.filename!r} is {why}")
    if f"{folder}/metadata.json" not in names:
        raise PackageError(f"{label}: no {folder}/metadata.json: not an argos package")
    return folder


def check_contents(zf: zipfile.ZipFile, folder: str, label: str, max_bytes: int, max_entries: int) -> dict:
    """Refuse, before anything is written, a package that would unpack too big or too many
    files (by the sizes the zip declares), or that lacks what translation needs; its metadata."""
    infos = zf.infolist()
    if len(infos) > max_entries:
        raise PackageError(f"{label}: refused: {len(infos):,} files in the package (at most {max_entries:,})")
    declared = sum(i.file_size for i in infos)
    if declared > max_bytes:
        raise PackageError(f"{label}: refused: it would unpack to {_size(declared)} (at most {_size(max_bytes)})")
    names = set(zf.namelist())
    meta_info = zf.getinfo(f"{folder}/metadata.json")
    if meta_info.file_size > MAX_METADATA_BYTES:
        raise PackageError(f"{label}: refused: metadata.json larger than 1 MB")
    try:
        meta = parse_metadata(zf.read(meta_info), label)
    except (OSError, zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError) as exc:
        raise PackageError(f"{label}: cannot unpack metadata.json ({exc})") from None
    if f"{folder}/model/model.bin" not in names:
        raise PackageError(f"{label}: no CTranslate2 model ({folder}/model/model.bin)")
    if not {f"{folder}/sentencepiece.model", f"{folder}/bpe.model"} & names:
        raise PackageError(f"{label}: no tokenizer ({folder}/sentencepiece.model or {folder}/bpe.model)")
    return meta


def _unpack(zf: zipfile.ZipFile, into: Path, label: str, max_bytes: int) -> None:
    """Extract every (checked) entry, counting the bytes actually written: declared sizes can lie."""
    written = 0
    for info in zf.infolist():
        target = into / info.filename.replace("\\", "/")
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(info) as src, target.open("wb") as dst:
            while chunk := src.read(1 << 20):
                written += len(chunk)
                if written > max_bytes:
                    raise PackageError(f"{label}: refused: it unpacks to more than {_size(max_bytes)} (more than it declares)")
                dst.write(chunk)


def _size(n: int) -> str:
    return f"{n / 2**30:.1f} GB" if n >= 2**30 else f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n:,} bytes"


def _free_folder(root: Path, name: str, meta: dict) -> Path:
    """Where a new package goes: its own folder name, unless that holds another direction's package
    (or something that is not a package): then beside it, under a distinct name."""
    dest = root / name
    n = 1
    while dest.exists():
        dest = root / (f"{name}-{meta['from_code']}_{meta['to_code']}" + (f"-{n}" if n > 1 else ""))
        n += 1
    return dest


def install_file(path: str | os.PathLike, home: str | os.PathLike | None = None, *,
                 max_bytes: int | None = None, max_entries: int | None = None) -> InstalledPackage:
    """Install a `.argosmodel` file, replacing any package for the same direction (and nothing else).

    Everything that can be checked in the zip is checked before anything is written: unsafe
    paths, the declared unpacked size and number of files, metadata.json against argos's
    schema, the model and tokenizer. Unpacking counts what it writes, in a staging folder.
    """
    path = Path(path)
    max_bytes = MAX_UNPACKED_BYTES if max_bytes is None else max_bytes
    max_entries = MAX_ENTRIES if max_entries is None else max_entries
    if not path.is_file():
        raise PackageError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise PackageError(f"{path}: not an .argosmodel package (not a zip file)")
    root = config.packages_dir(home)
    try:
        with zipfile.ZipFile(path) as zf:
            folder = check_archive(zf, str(path))
            meta = check_contents(zf, folder, str(path), max_bytes, max_entries)
            try:
                root.mkdir(parents=True, exist_ok=True)
                staging = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
            except OSError as exc:
                raise PackageError(f"{root}: cannot write the packages folder ({exc.strerror or exc}): "
                                   "check its permissions and free space, or use --home") from None
            try:
                try:
                    _unpack(zf, staging, str(path), max_bytes)
                except (zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError) as exc:
                    raise PackageError(f"{path}: cannot unpack ({exc})") from None
                except OSError as exc:
                    raise PackageError(f"{path}: cannot unpack into {root} ({exc.strerror or exc})") from None
                try:
                    read_package(staging / folder)  # what was written is what was checked
                except PackageError as exc:
                    raise PackageError(f"{path}: {str(exc).removeprefix(f'{staging / folder}: ')}") from None
                old = find(meta["from_code"], meta["to_code"], home)
                if old is None:
                    dest = _free_folder(root, folder, meta)
                    (staging / folder).rename(dest)
                else:  # the same direction: the new one takes the old one's folder
                    dest, aside = old.path, staging / ".replaced"
                    old.path.rename(aside)
                    try:
                        (staging / folder).rename(dest)
                    except OSError:
                        aside.rename(dest)  # the old one back in place
                        raise
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except zipfile.BadZipFile as exc:
        raise PackageError(f"{path}: not an .argosmodel package ({exc})") from None
    except OSError as exc:  # reading the file, or moving the package into place
        where = exc.filename or root
        raise PackageError(f"{path}: cannot install into {where} ({exc.strerror or exc}): "
                           "check its permissions and free space, or use --home") from None
    return read_package(dest)


def remove(source: str, target: str | None = None, home: str | os.PathLike | None = None) -> InstalledPackage | Path:
    """Delete the package for one direction, or (`target` None) the folder named `source` in the
    packages folder, usable or not; a clear error when there is none."""
    if target is None:
        root = config.packages_dir(home)
        path = root / source
        if source in ("", ".", "..") or "/" in source or "\\" in source or not path.is_dir():
            raise PackageError(f"no folder {source!r} in {root}")
        shutil.rmtree(path)
        return path
    pkg = find(source, target, home)
    if pkg is None:
        raise PackageError(f"no package installed for {source}→{target}")
    shutil.rmtree(pkg.path)
    return pkg


Progress = Callable[[int, int | None], None]


def index_entry(source: str, target: str, index: list[dict]) -> dict:
    """The index's package for one direction."""
    for entry in index:
        if entry.get("from_code") == source and entry.get("to_code") == target and entry.get("type", "translate") == "translate":
            return entry
    raise PackageError(f"the Argos package index has no package for {source}→{target}")


def install_from_index(source: str, target: str, home: str | os.PathLike | None = None,
                       on_progress: Progress | None = None, index_url: str = INDEX_URL) -> InstalledPackage:
    """Download one direction's package from the Argos index (only when the user asks), then install it.

    The download must match the server's Content-Length, else nothing is installed.
    """
    import httpx

    try:
        index = httpx.get(index_url, timeout=30, follow_redirects=True).raise_for_status().json()
    except (httpx.HTTPError, json.JSONDecodeError) as exc:
        raise PackageError(f"{index_url}: cannot read the package index ({exc})") from None
    entry = index_entry(source, target, index)
    links = entry.get("links") or []
    if not links:
        raise PackageError(f"the index lists no download for {source}→{target}")
    root = config.packages_dir(home)
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=root, prefix=".download-", suffix=".argosmodel", delete=False) as tmp:
        download = Path(tmp.name)
        try:
            with httpx.stream("GET", links[0], timeout=60, follow_redirects=True) as response:
                response.raise_for_status()
                total = int(response.headers["content-length"]) if "content-length" in response.headers else None
                done = 0
                for chunk in response.iter_bytes(1 << 16):
                    tmp.write(chunk)
                    done += len(chunk)
                    if on_progress:
                        on_progress(done, total)
            if total is not None and done != total:
                raise PackageError(f"{links[0]}: download incomplete ({done} of {total} bytes)")
        except httpx.HTTPError as exc:
            download.unlink(missing_ok=True)
            raise PackageError(f"{links[0]}: download failed ({exc})") from None
        except BaseException:
            download.unlink(missing_ok=True)
            raise
    try:
        return install_file(download, home)
    finally:
        download.unlink(missing_ok=True)
