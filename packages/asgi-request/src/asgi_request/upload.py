"""``UploadFile``: a file part of a multipart form, in memory, in a temporary file, or on disk."""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from multidict import CIMultiDict

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["UploadFile", "safe_filename"]

_COPY_CHUNK = 1024 * 1024
# Data bound for disk is gathered and written with one writev() per this many bytes or pieces:
# fewer, larger writes make the page cache work much less than one write per received chunk.
_GATHER_BYTES = 2 * 1024 * 1024
_GATHER_PIECES = 64
# Disk space is reserved this far ahead of the data received (posix_fallocate, Linux only): the
# file system then allocates large extents at once instead of block by block as writes come,
# about a fifth less kernel time. Never further than this past what the client really sent.
_RESERVE_AHEAD = 8 * 1024 * 1024
_CAN_RESERVE = sys.platform == "linux" and hasattr(os, "posix_fallocate")


def safe_filename(filename: str) -> str:
    """The client's file name reduced to a name safe to join to a folder.

    Only the last path component is kept (``/`` and ``\\`` both separate, RFC 7578 4.2), control
    characters are dropped, and a name that is empty, ``.`` or ``..`` becomes ``upload``:

        safe_filename("../../etc/passwd") == "passwd"
    """
    name = filename.replace("\\", "/").rpartition("/")[2]
    if not name.isprintable():
        name = "".join(char for char in name if char.isprintable())
    name = name.strip()
    if name in {"", ".", ".."}:
        return "upload"
    return name


class UploadFile:
    """An uploaded file: file-like (``read``, ``seek``, iteration, ``close``).

    ``name`` and ``filename`` are the client's file name (untrusted: never use it as a path as it
    is), ``content_type`` and ``headers`` come from the part, ``size`` counts the decoded bytes.
    ``path`` is where the file lives when ``upload_to`` chose it, else ``None``.
    """

    __slots__ = (
        "_ahead",
        "_file",
        "_grow",
        "_memory_limit",
        "_pending",
        "_pending_size",
        "content_type",
        "filename",
        "headers",
        "path",
        "size",
    )

    def __init__(
        self,
        filename: str,
        *,
        content_type: str = "application/octet-stream",
        headers: CIMultiDict[str] | None = None,
        memory_limit: int = 1024 * 1024,
        path: str | os.PathLike[str] | None = None,
    ) -> None:
        self.filename = filename
        self.content_type = content_type
        self.headers: CIMultiDict[str] = headers if headers is not None else CIMultiDict()
        self.size = 0
        self._memory_limit = memory_limit
        self._pending: list[memoryview] = []
        self._pending_size = 0
        # The end of the disk space reserved (the file's size until flush() trims it), and
        # whether reserving is still allowed (only while the file is written front to back).
        self._ahead = 0
        self._grow = _CAN_RESERVE
        self.path: Path | None = None
        self._file: IO[bytes]
        if path is not None:
            self.path = Path(path)
            # Unbuffered: the parser hands over large slices, a buffer would only copy them.
            self._file = open(self.path, "w+b", buffering=0)  # noqa: SIM115
        else:
            self._file = io.BytesIO()

    @property
    def name(self) -> str:
        """The client's file name, as asgi-tools names it."""
        return self.filename

    @property
    def in_memory(self) -> bool:
        """Whether the content is still held in memory (not spilled to a temporary file)."""
        return isinstance(self._file, io.BytesIO)

    @property
    def file(self) -> IO[bytes]:
        """The underlying binary file object."""
        self.flush()
        return self._file

    def write(self, data: bytes | memoryview) -> None:
        """Append ``data``; spill to a temporary file once past the memory limit."""
        size = self.size + len(data)
        self.size = size
        file = self._file
        if isinstance(file, io.BytesIO):
            if size <= self._memory_limit:
                file.write(data)
                return
            spilled = tempfile.TemporaryFile(buffering=0)  # noqa: SIM115 - closed by close()
            spilled.write(file.getbuffer())
            file.close()
            self._file = spilled
        view = memoryview(data)
        if not view.readonly:  # the caller may reuse its buffer: keep a copy
            view = memoryview(bytes(view))
        self._pending.append(view)
        self._pending_size += len(view)
        if self._pending_size >= _GATHER_BYTES or len(self._pending) >= _GATHER_PIECES:
            self._drain()

    def flush(self) -> None:
        """Write what is gathered for disk, and give back the space reserved beyond it."""
        self._drain()
        # From here on the file may be read, sought or rewritten: no more reserving.
        self._grow = False
        if self._ahead:
            self._ahead = 0
            os.ftruncate(self._file.fileno(), self.size)

    def _drain(self) -> None:
        pending = self._pending
        if not pending:
            return
        fd = self._file.fileno()
        if self._grow and self.size > self._ahead:
            self._reserve(fd)
        while pending:
            written = os.writev(fd, pending)
            # A short write: drop what went out, keep the rest.
            while pending and written >= len(pending[0]):
                written -= len(pending.pop(0))
            if written:
                pending[0] = pending[0][written:]
        self._pending_size = 0

    def _reserve(self, fd: int) -> None:
        end = self.size + _RESERVE_AHEAD
        try:
            os.posix_fallocate(fd, self._ahead, end - self._ahead)
        except OSError:  # not a regular file (a pipe, /dev/null), or no space: write as it comes
            self._grow = False
            return
        self._ahead = end

    def read(self, size: int = -1) -> bytes:
        """Read up to ``size`` bytes (all when negative)."""
        self.flush()
        return self._file.read(size)

    def readline(self, size: int = -1) -> bytes:
        """Read one line."""
        self.flush()
        return self._file.readline(size)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move the read position."""
        self.flush()
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        """The read position."""
        self.flush()
        return self._file.tell()

    def __iter__(self) -> Iterator[bytes]:
        self.flush()
        return iter(self._file)

    def __enter__(self) -> UploadFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        """Whether the file is closed."""
        return self._file.closed

    def close(self) -> None:
        """Close the file (a temporary file disappears; an ``upload_to`` file stays)."""
        if not self._file.closed:
            self.flush()
        self._file.close()

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Copy the whole content to ``path`` and return it; the read position is kept."""
        target = Path(path)
        position = self.tell()
        self._file.seek(0)
        with open(target, "wb") as out:
            shutil.copyfileobj(self._file, out, _COPY_CHUNK)
        self._file.seek(position)
        return target

    def move(self, path: str | os.PathLike[str]) -> Path:
        """Move the content to ``path`` (a rename when it is on disk already) and return it.

        The object then reads from the new place.
        """
        target = Path(path)
        if self.path is not None:
            position = self.tell()
            self._file.close()
            try:
                os.replace(self.path, target)
            except OSError:  # another filesystem
                shutil.move(self.path, target)
        else:
            position = self.tell()
            self.save(target)
            self._file.close()
        self.path = target
        self._file = open(target, "r+b", buffering=0)  # noqa: SIM115
        self._file.seek(position)
        return target

    def discard(self) -> None:
        """Close the file and remove what it left on disk (used when a parse fails)."""
        self._pending.clear()
        self._ahead = 0
        self._file.close()
        if self.path is not None:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass

    def __repr__(self) -> str:
        return f"<UploadFile {self.filename!r} {self.content_type!r} {self.size} bytes>"

    def __getattr__(self, name: str) -> Any:
        # Anything else a file offers (fileno, readinto, ...) comes from the file itself.
        if name in self.__slots__:
            raise AttributeError(name)
        self.flush()
        return getattr(self._file, name)
