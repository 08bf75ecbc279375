"""StaticFilesMiddleware: serve files from folders, never anything outside them."""

from __future__ import annotations

import os
import stat
from collections.abc import Awaitable
from pathlib import Path
from typing import Any, ClassVar

from asgi_request import ASGIDecodeError, ASGIError, TASGIApp, TASGIReceive, TASGIScope, TASGISend
from asgi_responses import ResponseError, ResponseFile

from .base import BaseMiddleware, respond

__all__ = ["MalformedPathError", "StaticFilesMiddleware", "resolve_in_folder"]

# Symlinks followed in one lookup before giving up, as the kernel does (ELOOP).
MAX_SYMLINKS = 40

# Characters that never belong in a static path: NUL ends a C string, a backslash is a
# separator on Windows and a traversal trick elsewhere, other controls are never legitimate.
_FORBIDDEN = frozenset("\\" + "".join(map(chr, range(32))) + "\x7f")


class MalformedPathError(ASGIDecodeError):
    """A static file path holds characters no file path may hold (NUL, backslash, controls)."""

    status_code = 400


def _segments(path: str) -> list[str] | None:
    """Split a URL path into name segments; ``None`` when a ``..`` climbs above the folder.

    Dot segments are removed as RFC 3986 (5.2.4) and browsers do: ``css/../app.css`` is
    ``app.css``, while ``css/../../x`` would leave the folder. This is done on the names
    alone, before any file is looked up, so a ``..`` never reaches the file system here.
    """
    if not _FORBIDDEN.isdisjoint(path):
        raise MalformedPathError(f"static path {path!r} holds a forbidden character")
    names: list[str] = []
    for name in path.split("/"):
        if name in ("", "."):
            continue
        if name == "..":
            if not names:
                return None
            names.pop()
            continue
        names.append(name)
    return names


def resolve_in_folder(folder: str, names: list[str]) -> tuple[str, os.stat_result] | None:
    """Find ``folder/names...`` as a regular file, following symlinks only inside ``folder``.

    ``folder`` is an absolute real path (no symlinks). Each component is looked up with
    ``lstat`` below ``folder``; a symlink's target is read and walked the same way, and one
    that points above ``folder`` ends the lookup, so nothing outside is ever touched.
    Returns the real path and its stat, or ``None``.
    """
    inside = folder.rstrip(os.sep) + os.sep
    todo = names[::-1]  # a stack: the next component is at the end
    current = folder
    info: os.stat_result | None = None
    links = 0
    while todo:
        name = todo.pop()
        if name in ("", "."):
            continue
        if name == "..":  # only from a symlink target; `current` is real, so this is exact
            if current == folder:
                return None
            current = os.path.dirname(current)
            info = None
            continue
        candidate = os.path.join(current, name)
        try:
            info = os.lstat(candidate)
        except (OSError, ValueError, UnicodeError):
            return None
        if stat.S_ISLNK(info.st_mode):
            links += 1
            if links > MAX_SYMLINKS:
                return None
            try:
                target = os.readlink(candidate)
            except OSError:
                return None
            if os.path.isabs(target):
                if not target.startswith(inside):
                    return None
                current = folder
                target = target[len(inside) :]
            todo.extend(target.split(os.sep)[::-1])
            info = None
            continue
        if todo and not stat.S_ISDIR(info.st_mode):
            return None
        current = candidate
    if info is None or not stat.S_ISREG(info.st_mode):
        return None
    return current, info


class StaticFilesMiddleware(BaseMiddleware):
    """Serve files under ``url_prefix`` from ``folders`` (searched in order); GET and HEAD.

    ETag, Last-Modified, 304, 412 and Range come from ``ResponseFile``. A path that climbs
    out of the folders, through ``..`` or a symlink, is 404 (a ``..`` that stays inside is
    resolved, as a browser would); NUL, backslashes and control characters are 400. Other
    paths go to the wrapped app.

        app = StaticFilesMiddleware(app, folders=["static"])
    """

    scopes: ClassVar[tuple[str, ...]] = ("http",)

    def __init__(
        self,
        app: TASGIApp | None = None,
        url_prefix: str = "/static",
        folders: list[str | Path] | None = None,
    ) -> None:
        super().__init__(app)
        self.url_prefix = url_prefix.rstrip("/")
        # Relative folders are taken against the working directory, once, here.
        self.folders: list[Path] = [Path(folder).resolve() for folder in folders or ()]
        self._folders = [str(folder) for folder in self.folders]

    def handles(self, path: str) -> bool:
        """True when ``path`` is under ``url_prefix`` (``/static`` or ``/static/...``)."""
        prefix = self.url_prefix
        return path.startswith(prefix) and (len(path) == len(prefix) or path[len(prefix)] == "/")

    def __call__(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> Awaitable[Any]:
        if scope["type"] == "http" and self.handles(scope["path"]):
            return self.serve(scope, receive, send)
        return self.app(scope, receive, send)

    def __process__(
        self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend
    ) -> Awaitable[Any]:
        return self(scope, receive, send)

    def find(self, path: str) -> Path | None:
        """The file that ``path`` (relative to ``url_prefix``) names in the folders, or None.

        Raises ``MalformedPathError`` (400) for a path no file may have.
        """
        names = _segments(path)
        if not names:
            return None
        for folder in self._folders:
            found = resolve_in_folder(folder, names)
            if found is not None:
                return Path(found[0])
        return None

    async def serve(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> Any:
        """Answer an HTTP scope whose path is under ``url_prefix``: the file, 404, 405 or 400.

        With the root as prefix (``url_prefix="/"``) only existing files are answered here;
        everything else goes to the wrapped app.
        """
        method = scope["method"]
        response: Any
        if method not in ("GET", "HEAD"):
            response = ResponseError(status_code=405, headers={"allow": "GET, HEAD"})
        else:
            try:
                filepath = self.find(scope["path"][len(self.url_prefix) :])
            except MalformedPathError:
                response = ResponseError(status_code=400)
            else:
                if filepath is None:
                    response = ResponseError(status_code=404)
                else:
                    try:
                        response = ResponseFile(filepath, headers_only=method == "HEAD")
                    except ASGIError as exc:  # the file went away since the lookup
                        response = ResponseError(status_code=exc.status_code)
        if not self.url_prefix and response.status_code in (400, 404, 405):
            return await self.app(scope, receive, send)
        return await respond(response, scope, receive, send)
