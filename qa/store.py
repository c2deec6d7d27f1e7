"""The index folder on disk: versioned builds, an atomic CURRENT pointer, a build lock,
and a manifest with checksums of every file."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from qa.errors import IndexBusyError, IndexCorruptError

CURRENT = "CURRENT"
MANIFEST = "manifest.json"
LOCK = ".lock"
BUILD_PREFIX = "build-"
FORMAT_VERSION = 1
# Full checksums are verified on load up to this many bytes; larger indexes check sizes only.
VERIFY_LIMIT_BYTES = 256 * 1024 * 1024
_BUILD_NAME = re.compile(r"build-[\w.-]+")
REBUILD_FIX = "run `qa index --rebuild`"


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def current_build(index_dir: Path) -> Path | None:
    """The active build folder, or None when no index was ever completed here."""
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        return None
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexCorruptError(f"{pointer} cannot be read ({exc}); {REBUILD_FIX}") from exc
    if not _BUILD_NAME.fullmatch(name):
        raise IndexCorruptError(f"{pointer} is damaged; {REBUILD_FIX}")
    return index_dir / name


def current_manifest(index_dir: Path, verify: bool | None = None) -> tuple[Path, dict] | None:
    """The active build and its checked manifest, or None when there is no index.

    A build published while this reads removes the folder being read; the new one is read then.
    """
    for attempt in range(3):
        folder = current_build(index_dir)
        if folder is None:
            return None
        try:
            return folder, read_manifest(folder, verify)
        except IndexCorruptError:
            if attempt == 2 or current_build(index_dir) == folder:
                raise
    raise AssertionError("unreachable")


def new_build_folder(index_dir: Path) -> Path:
    """A fresh folder beside the active build, for a build that is not yet visible."""
    index_dir.mkdir(parents=True, exist_ok=True)
    folder = index_dir / f"{BUILD_PREFIX}{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    return folder


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def write_manifest(folder: Path, manifest: dict) -> None:
    """Record every file's size and checksum in the manifest (written last)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            files[path.relative_to(folder).as_posix()] = {"bytes": path.stat().st_size, "sha256": file_sha256(path)}
    manifest = {**manifest, "format": FORMAT_VERSION, "files": files}
    manifest["manifest_sha256"] = _manifest_digest(manifest)
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def _manifest_digest(manifest: dict) -> str:
    """Checksum of the manifest's own content (everything but this checksum), so an edit shows."""
    content = {key: value for key, value in manifest.items() if key != "manifest_sha256"}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def publish(index_dir: Path, folder: Path) -> None:
    """Make a complete build the active one in a single atomic rename, then drop older builds."""
    _fsync_tree(folder)
    pointer_tmp = index_dir / f"{CURRENT}.{uuid.uuid4().hex[:8]}.tmp"
    pointer_tmp.write_text(folder.name + "\n", encoding="utf-8")
    with pointer_tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, index_dir / CURRENT)
    remove_stale_builds(index_dir)


def remove_stale_builds(index_dir: Path) -> None:
    """Delete builds that are not active (older ones, or ones a killed build left half-written)."""
    try:
        active = current_build(index_dir)
    except IndexCorruptError:
        active = None  # a damaged pointer: the build under way replaces every build
    for path in index_dir.glob(f"{BUILD_PREFIX}*"):
        if path.is_dir() and path != active:
            shutil.rmtree(path, ignore_errors=True)
    for path in index_dir.glob(f"{CURRENT}.*.tmp"):
        path.unlink(missing_ok=True)


def read_manifest(folder: Path, verify: bool | None = None) -> dict:
    """Load and check a build's manifest: every listed file present, right size, and
    (for indexes up to VERIFY_LIMIT_BYTES, or when ``verify``) the right checksum."""
    fix = REBUILD_FIX
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # ValueError covers bad JSON and bad UTF-8
        raise IndexCorruptError(f"index manifest in {folder} is missing or unreadable; {fix}") from exc
    if not isinstance(manifest, dict):
        raise IndexCorruptError(f"index manifest in {folder} is damaged; {fix}")
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexCorruptError(f"index in {folder} has format {manifest.get('format')}, expected {FORMAT_VERSION}; {fix}")
    if "manifest_sha256" in manifest and manifest["manifest_sha256"] != _manifest_digest(manifest):
        raise IndexCorruptError(f"index manifest in {folder} fails its checksum (edited or corrupted); {fix}")
    files = manifest.get("files", {})
    try:
        total = sum(int(entry["bytes"]) for entry in files.values())
        check_sums = verify if verify is not None else total <= VERIFY_LIMIT_BYTES
        for name, entry in files.items():
            path = folder / name
            if not path.is_file() or path.stat().st_size != entry["bytes"]:
                raise IndexCorruptError(f"index file {name} is missing or truncated; {fix}")
            if check_sums and file_sha256(path) != entry["sha256"]:
                raise IndexCorruptError(f"index file {name} fails its checksum (corrupted); {fix}")
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise IndexCorruptError(f"index manifest in {folder} is damaged ({type(exc).__name__}); {fix}") from exc
    return manifest


@contextmanager
def build_lock(index_dir: Path, timeout: float = 600.0) -> Iterator[None]:
    """Hold the index folder's build lock; a second builder waits, then gives up with IndexBusyError."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / LOCK).open("a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise IndexBusyError(
                        f"another process is building the index in {index_dir}; wait for it to finish and try again"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
