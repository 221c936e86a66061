"""A throwaway PostgreSQL server on 127.0.0.1 for the tests (and .ci/run): initdb into a
temporary folder, start on a free port, stop and delete at the end.

    python3 tests/pgserver.py start DIR   # prints the server's URL (user `reader`, no password)
    python3 tests/pgserver.py stop DIR

PostgreSQL refuses to run as root: as root the cluster is owned and run by the `postgres`
user (Debian's package creates it). Settings favour speed over durability (fsync off): the
data is thrown away.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path


def bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: on PATH, else Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def _as_owner(folder: Path) -> list[str]:
    """The command prefix that runs the server's tools as a user PostgreSQL accepts."""
    if os.geteuid() != 0:
        return []
    shutil.chown(folder, "postgres")
    return ["runuser", "-u", "postgres", "--"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(folder: str | os.PathLike) -> str:
    """Start a new cluster in `folder` (created); returns its URL. Raises RuntimeError with
    the reason when it cannot."""
    binaries = bin_dir()
    if binaries is None:
        raise RuntimeError("no PostgreSQL server installed (initdb not found)")
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            raise RuntimeError("running as root and there is no `postgres` user to run the server as") from None
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    prefix = _as_owner(folder)
    data = folder / "data"
    run = lambda *args: subprocess.run([*prefix, *map(str, args)], capture_output=True, text=True, cwd=folder)  # noqa: E731
    done = run(binaries / "initdb", "-D", data, "-A", "trust", "-U", "reader", "-E", "UTF8", "--no-locale", "--no-sync")
    if done.returncode:
        raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
    port = _free_port()
    options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
               " -c full_page_writes=off -c max_connections=200")
    done = run(binaries / "pg_ctl", "-D", data, "-o", options, "-l", folder / "server.log", "-w", "start")
    if done.returncode:
        log = (folder / "server.log").read_text(errors="replace")[-500:] if (folder / "server.log").exists() else ""
        raise RuntimeError(f"the server did not start: {done.stderr.strip()} {log}")
    return f"postgresql://reader@127.0.0.1:{port}/postgres"


def stop(folder: str | os.PathLike) -> None:
    """Stop the cluster in `folder` and delete it."""
    folder = Path(folder)
    binaries = bin_dir()
    if binaries and (folder / "data" / "postmaster.pid").exists():
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, str(binaries / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate", "-w", "stop"],
                       capture_output=True)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        sys.exit("usage: pgserver.py start|stop DIR")
    if sys.argv[1] == "start":
        try:
            print(start(sys.argv[2]))
        except RuntimeError as exc:
            sys.exit(f"pgserver: {exc}")
    else:
        stop(sys.argv[2])
