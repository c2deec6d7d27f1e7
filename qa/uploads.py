"""Accept a file a user uploads into the sources folder: check its name, type and
size, and save it atomically so a half-written file is never indexed."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from qa.errors import UsageError
from qa.store import file_sha256

ALLOWED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx"})
DEFAULT_MAX_MB = 20.0
MAX_NAME_CHARS = 120
# Binary formats start with a known signature; a .pdf that is not a PDF would only be
# skipped later by the indexer with a vaguer warning, so it is refused here instead.
_MAGIC = {".pdf": b"%PDF", ".docx": b"PK\x03\x04"}
_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


class UploadError(UsageError):
    """An uploaded file that cannot be added to the sources; the message says what to change."""


@dataclass(frozen=True)
class SavedUpload:
    """A file written into the sources folder (or found there already, byte for byte)."""

    name: str
    path: Path
    bytes: int
    unchanged: bool  # the same content was already there under this name


def max_upload_bytes() -> int:
    """The upload size limit: QA_UPLOAD_MAX_MB megabytes, 20 by default."""
    raw = os.environ.get("QA_UPLOAD_MAX_MB", "")
    try:
        megabytes = float(raw) if raw.strip() else DEFAULT_MAX_MB
    except ValueError as exc:
        raise UploadError(f"QA_UPLOAD_MAX_MB={raw!r} 不是数字；请设为以 MB 计的上限，例如 20") from exc
    if megabytes <= 0:
        raise UploadError(f"QA_UPLOAD_MAX_MB={raw!r} 必须大于 0")
    return int(megabytes * 1024 * 1024)


def safe_name(name: str) -> str:
    """The file name to save an upload under, or UploadError when the name is unsafe.

    Folders in an otherwise ordinary name are dropped (``docs/a.txt`` -> ``a.txt``), but
    a name that climbs out (``..``), is absolute, or is hidden is refused outright, since
    it can only come from a crafted request.
    """
    if not isinstance(name, str) or not name.strip():
        raise UploadError("文件名为空；请给文件起一个名字再上传")
    name = unicodedata.normalize("NFC", name.strip())
    if "\x00" in name:
        raise UploadError("文件名含有空字符；请改名后再上传")
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or name.startswith(("/", "\\")):
        raise UploadError(f"文件名 {name!r} 是绝对路径；请只上传文件本身（例如 报告.txt）")
    parts = [part for part in re.split(r"[\\/]+", name) if part]
    if any(part == ".." for part in parts):
        raise UploadError(f"文件名 {name!r} 含有 '..'；请改用不含路径的文件名")
    base = parts[-1] if parts else ""
    if not base or base in {".", ".."}:
        raise UploadError(f"文件名 {name!r} 不是有效的文件名；请改名后再上传")
    if base.startswith("."):
        raise UploadError(f"文件名 {base!r} 以点开头，是隐藏文件，不会被索引；请改名后再上传")
    if _BAD_CHARS.search(base):
        raise UploadError(f"文件名 {base!r} 含有控制字符或 <>:\"|?* ；请改名后再上传")
    if len(base) > MAX_NAME_CHARS:
        raise UploadError(f"文件名有 {len(base)} 个字符；请缩短到 {MAX_NAME_CHARS} 个以内")
    suffix = PurePosixPath(base).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        allowed = "、".join(sorted(ALLOWED_SUFFIXES))
        raise UploadError(f"不支持 {suffix or '无扩展名'} 文件 {base!r}；请上传 {allowed} 文件")
    if base == "metadata.toml" or not PurePosixPath(base).stem.strip():
        raise UploadError(f"文件名 {base!r} 不可用；请改名后再上传")
    return base


def check_size(size: int, limit: int | None = None) -> None:
    """UploadError when ``size`` bytes is empty or over the limit."""
    limit = max_upload_bytes() if limit is None else limit
    if size <= 0:
        raise UploadError("文件是空的；请上传有内容的文件")
    if size > limit:
        raise UploadError(
            f"文件有 {size / 2**20:.1f} MB，超过 {limit / 2**20:.0f} MB 的上限；请拆分文件，或调高 QA_UPLOAD_MAX_MB"
        )


def check_content(name: str, head: bytes) -> None:
    """UploadError when a binary format's file does not start with that format's signature."""
    suffix = PurePosixPath(name).suffix.lower()
    magic = _MAGIC.get(suffix)
    if magic is not None and not head.startswith(magic):
        raise UploadError(f"{name!r} 的内容不是 {suffix} 格式；请确认文件没有损坏，或改用正确的扩展名")


def check_collision(target: Path, upload: Path, overwrite: bool = False) -> bool:
    """True when ``target`` already holds the same bytes; UploadError when it holds other bytes
    and ``overwrite`` was not confirmed."""
    if not target.exists():
        return False
    if not target.is_file() or target.is_symlink():
        raise UploadError(f"资料文件夹里已有同名的目录或链接 {target.name!r}；请改名后再上传")
    if target.stat().st_size == upload.stat().st_size and file_sha256(target) == file_sha256(upload):
        return True
    if not overwrite:
        raise UploadError(
            f"资料文件夹里已有另一份 {target.name!r}；请改名后再上传，或勾选“覆盖同名文件”确认替换"
        )
    return False


def save_upload(
    sources_dir: Path,
    upload: Path,
    name: str | None = None,
    overwrite: bool = False,
    limit: int | None = None,
) -> SavedUpload:
    """Validate ``upload`` (saved under ``name``, default its own file name) and copy it into
    ``sources_dir`` through a hidden temporary file and an atomic rename."""
    upload = Path(upload)
    base = safe_name(name if name is not None else upload.name)
    if not upload.is_file():
        raise UploadError(f"找不到上传的文件 {base!r}；请重新上传")
    size = upload.stat().st_size
    check_size(size, limit)
    with upload.open("rb") as handle:
        check_content(base, handle.read(8))
    sources_dir = Path(sources_dir)
    if not sources_dir.is_dir():
        raise UploadError(f"资料文件夹 {sources_dir} 不存在；请先创建它")
    target = sources_dir / base
    if check_collision(target, upload, overwrite):
        return SavedUpload(base, target, size, unchanged=True)
    # The temporary name starts with a dot, so a concurrent index build skips it.
    handle, temporary = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=sources_dir)
    try:
        with os.fdopen(handle, "wb") as out, upload.open("rb") as source:
            for block in iter(lambda: source.read(1 << 20), b""):
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        if overwrite:
            os.replace(temporary, target)
        else:
            # A hard link fails if the name appeared meanwhile (another user's upload),
            # where a rename would silently replace that file.
            try:
                os.link(temporary, target)
            except FileExistsError as exc:
                raise UploadError(f"资料文件夹里刚刚出现了另一份 {base!r}；请改名后再上传") from exc
            except OSError:
                # Filesystems without hard links: fall back to a rename.
                os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return SavedUpload(base, target, size, unchanged=False)
