"""The ASGI vocabulary, spelled once: every package imports its signatures from here."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from os import PathLike
from pathlib import PurePath
from re import Pattern
from typing import Any, TypeVar

TASGIMessage = Mapping[str, Any]
TASGISend = Callable[[TASGIMessage], Awaitable[None]]
TASGIReceive = Callable[[], Awaitable[TASGIMessage]]
TASGIScope = MutableMapping[str, Any]
TASGIHeaders = list[tuple[bytes, bytes]]
TASGIApp = Callable[[TASGIScope, TASGIReceive, TASGISend], Awaitable[Any]]

TJSON = None | bool | int | float | str | list["TJSON"] | Mapping[str, "TJSON"]

# Route paths: a string template, a compiled regular expression, or a filesystem-like path.
TPath = str | Pattern[str] | PurePath
TMethods = str | list[str] | tuple[str, ...] | set[str] | frozenset[str]

# Form uploads: called with the client's file name, returns where to write the file.
TUploadTo = Callable[[str], str | PathLike[str]]

TV = TypeVar("TV")
TVCallable = TypeVar("TVCallable", bound=Callable[..., Any])

__all__ = [
    "TJSON",
    "TV",
    "TASGIApp",
    "TASGIHeaders",
    "TASGIMessage",
    "TASGIReceive",
    "TASGIScope",
    "TASGISend",
    "TMethods",
    "TPath",
    "TUploadTo",
    "TVCallable",
]
