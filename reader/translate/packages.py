"""Translation packages in argos format: install (file or index), list, remove.

Packages live in the reader's own data folder (`config.packages_dir`), not argos's, so
`--home`/READER_HOME moves them with the store. A package is a zip (`.argosmodel`) of one
folder holding metadata.json, model/ (CTranslate2) and sentencepiece.model or bpe.model,
the layout and metadata fields argostranslate.package defines.
"""

from __future__ import annotations

import json
import os
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


def read_metadata(path: Path) -> dict:
    """A package's metadata.json, read with argos's defaults (argostranslate.package.IPackage).

    Read here rather than through argostranslate.package: importing that creates folders in
    the user's home and costs a quarter second on the way to the first translated paragraph.
    """
    try:
        raw = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(f"{path}: not a translation package ({exc})") from None
    if not isinstance(raw, dict):
        raise PackageError(f"{path}: not a translation package (metadata.json is not an object)")
    return {
        "type": raw.get("type", "translate"), "from_code": raw.get("from_code"), "to_code": raw.get("to_code"),
        "package_version": str(raw.get("package_version") or "0"), "target_prefix": raw.get("target_prefix") or "",
    }


def read_package(path: Path) -> InstalledPackage:
    """The package in folder `path`, checked to hold what translation needs."""
    meta = read_metadata(path)
    if meta["type"] != "translate" or not meta["from_code"] or not meta["to_code"]:
        raise PackageError(f"{path}: not a translation package (type {meta['type']!r})")
    if not (path / "model" / "model.bin").is_file():
        raise PackageError(f"{path}: no CTranslate2 model (model/model.bin)")
    if not ((path / "sentencepiece.model").is_file() or (path / "bpe.model").is_file()):
        raise PackageError(f"{path}: no tokenizer (sentencepiece.model or bpe.model)")
    return InstalledPackage(meta["from_code"], meta["to_code"], meta["package_version"], path, meta["target_prefix"])


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


def install_file(path: str | os.PathLike, home: str | os.PathLike | None = None) -> InstalledPackage:
    """Install a `.argosmodel` file, replacing any package for the same direction."""
    path = Path(path)
    if not path.is_file():
        raise PackageError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise PackageError(f"{path}: not an .argosmodel package (not a zip file)")
    root = config.packages_dir(home)
    with zipfile.ZipFile(path) as zf:
        folder = check_archive(zf, str(path))
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
        try:
            try:
                zf.extractall(staging)
            except (OSError, zipfile.BadZipFile, EOFError) as exc:
                raise PackageError(f"{path}: cannot unpack ({exc})") from None
            new = read_package(staging / folder)
            old = find(new.source, new.target, home)
            if old is not None:
                shutil.rmtree(old.path)
            dest = root / folder
            if dest.exists():
                shutil.rmtree(dest)
            (staging / folder).rename(dest)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return read_package(dest)


def remove(source: str, target: str, home: str | os.PathLike | None = None) -> InstalledPackage:
    """Delete the package for one direction; a clear error when none is installed."""
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
