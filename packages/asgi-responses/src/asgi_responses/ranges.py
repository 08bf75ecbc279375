"""HTTP Range and conditional request rules for files (RFC 9110 sections 13 and 14).

Every function runs in time linear in the length of the header it reads; a Range header may
ask for at most ``MAX_RANGES`` ranges (more is ignored: the whole file is served, which RFC
9110 14.2 allows), and overlapping or adjacent ranges are merged, so a hostile header cannot
make a response larger than the file plus a bounded overhead.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime

MAX_RANGES = 100

# Longer digit strings are absurd for a file offset; they must not reach int() (whose cost
# grows with the length).
_MAX_DIGITS = 18
_HUGE: int = 10**_MAX_DIGITS


def _offset(text: str) -> int | None:
    text = text.strip()
    if not text or not text.isascii() or not text.isdigit():
        return None
    if len(text) > _MAX_DIGITS:
        return _HUGE
    value: int = int(text)
    return value


def parse_range(header: str, size: int) -> list[tuple[int, int]] | None:
    """Parse a ``Range`` header for a file of ``size`` bytes.

    Returns sorted, merged ``(first, last)`` byte positions (inclusive); ``[]`` when no range
    can be satisfied (answer 416); ``None`` when the header must be ignored (answer 200): an
    unknown unit, a syntax error, or more than ``MAX_RANGES`` ranges.
    """
    unit, sep, spec = header.partition("=")
    if not sep or unit.strip().lower() != "bytes":
        return None
    # Count before splitting, so an absurd list is refused without building it.
    if spec.count(",") >= MAX_RANGES:
        return None
    ranges: list[tuple[int, int]] = []
    for item in spec.split(","):
        if not item.strip():
            continue  # RFC 9110 5.6.1: empty list elements are allowed
        first_text, dash, last_text = item.partition("-")
        if not dash:
            return None
        if not first_text.strip():
            suffix = _offset(last_text)
            if suffix is None:
                return None
            if suffix and size:
                ranges.append((max(size - suffix, 0), size - 1))
            continue
        first = _offset(first_text)
        if first is None:
            return None
        if last_text.strip():
            last = _offset(last_text)
            if last is None or last < first:
                return None
        else:
            last = size - 1
        if first < size:
            ranges.append((first, min(last, size - 1)))
    if not ranges:
        return []
    ranges.sort()
    merged = [ranges[0]]
    for first, last in ranges[1:]:
        prev_first, prev_last = merged[-1]
        if first <= prev_last + 1:
            if last > prev_last:
                merged[-1] = (prev_first, last)
        else:
            merged.append((first, last))
    return merged


def _etags(header: str) -> list[str]:
    return [tag.strip().removeprefix("W/") for tag in header.split(",")]


def none_match(header: str, etag: str) -> bool:
    """``If-None-Match`` holds ``etag`` (weak comparison) or ``*``."""
    if header.strip() == "*":
        return True
    return etag.removeprefix("W/") in _etags(header)


def strong_match(header: str, etag: str | None) -> bool:
    """``If-Match`` holds ``etag`` (strong comparison: weak tags never match) or ``*``."""
    if header.strip() == "*":
        return True  # any current representation: the file exists
    if etag is None or etag.startswith("W/"):
        return False
    return etag in [tag.strip() for tag in header.split(",")]


def _http_date(value: str) -> float | None:
    try:
        return parsedate_to_datetime(value.strip()).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def not_modified_since(header: str, mtime: float) -> bool:
    """``If-Modified-Since`` is a valid date no older than ``mtime`` (whole seconds)."""
    since = _http_date(header)
    return since is not None and int(mtime) <= since


def unmodified_since(header: str, mtime: float) -> bool:
    """``If-Unmodified-Since`` holds: an invalid date (ignored), or one not older than ``mtime``."""
    since = _http_date(header)
    return since is None or int(mtime) <= since


def if_range_matches(header: str, etag: str | None, last_modified: str | None) -> bool:
    """``If-Range`` names the current representation: strong ETag match or the exact date."""
    header = header.strip()
    if header.startswith(('"', "W/")):
        return etag is not None and not etag.startswith("W/") and header == etag
    if last_modified is None:
        return False
    since, modified = _http_date(header), _http_date(last_modified)
    return since is not None and since == modified


__all__ = [
    "MAX_RANGES",
    "if_range_matches",
    "none_match",
    "not_modified_since",
    "parse_range",
    "strong_match",
    "unmodified_since",
]
