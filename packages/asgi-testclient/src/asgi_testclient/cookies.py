"""A cookie jar kept across requests, following RFC 6265 (domain, path, expiry, secure)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from email.utils import parsedate_to_datetime

__all__ = ["Cookie", "CookieJar"]


class Cookie:
    """One stored cookie."""

    __slots__ = ("domain", "expires", "host_only", "name", "path", "secure", "value")

    def __init__(
        self,
        name: str,
        value: str,
        domain: str,
        path: str = "/",
        *,
        expires: float | None = None,
        host_only: bool = True,
        secure: bool = False,
    ) -> None:
        self.name = name
        self.value = value
        self.domain = domain
        self.path = path
        self.expires = expires
        self.host_only = host_only
        self.secure = secure

    def __repr__(self) -> str:
        return f"<Cookie {self.name}={self.value!r} domain={self.domain} path={self.path}>"

    def matches(self, host: str, path: str, secure: bool, now: float) -> bool:
        """Whether a request to ``host`` and ``path`` carries this cookie (RFC 6265 5.4)."""
        if self.expires is not None and self.expires <= now:
            return False
        if self.secure and not secure:
            return False
        domain = self.domain
        if host != domain and (self.host_only or not host.endswith("." + domain)):
            return False
        cpath = self.path
        return path == cpath or (
            path.startswith(cpath) and (cpath.endswith("/") or path[len(cpath)] == "/")
        )


def _default_path(request_path: str) -> str:
    # RFC 6265 5.1.4: the directory of the request path.
    if not request_path.startswith("/") or request_path.count("/") == 1:
        return "/"
    return request_path[: request_path.rindex("/")]


def _expiry(value: str) -> float | None:
    try:
        return parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None  # an unreadable date is ignored, as browsers do


class CookieJar:
    """Cookies by name for the test client's host: ``jar['session']`` is a value.

    ``update_from_response`` stores what Set-Cookie headers say; ``header_for`` builds the
    Cookie header of a request.
    """

    __slots__ = ("_cookies", "default_domain")

    def __init__(self, default_domain: str = "localhost") -> None:
        self.default_domain = default_domain
        self._cookies: dict[tuple[str, str, str], Cookie] = {}

    # --- the mapping a test uses ----------------------------------------------------------

    def set(self, name: str, value: str, *, domain: str | None = None, path: str = "/") -> None:
        """Store a cookie sent with every request to ``domain`` (default: the client's host)."""
        domain = (domain or self.default_domain).lstrip(".").lower()
        self._cookies[(domain, path, name)] = Cookie(
            name, str(value), domain, path, host_only=False
        )

    def _live(self) -> Iterator[Cookie]:
        now = time.time()
        for cookie in self._cookies.values():
            if cookie.expires is None or cookie.expires > now:
                yield cookie

    def get(self, name: str, default: str | None = None) -> str | None:
        """The value of the first live cookie called ``name``."""
        for cookie in self._live():
            if cookie.name == name:
                return cookie.value
        return default

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __setitem__(self, name: str, value: str) -> None:
        self.set(name, value)

    def __delitem__(self, name: str) -> None:
        keys = [key for key in self._cookies if key[2] == name]
        if not keys:
            raise KeyError(name)
        for key in keys:
            del self._cookies[key]

    def __contains__(self, name: object) -> bool:
        return any(cookie.name == name for cookie in self._live())

    def __iter__(self) -> Iterator[str]:
        return iter({cookie.name: None for cookie in self._live()})

    def __len__(self) -> int:
        return sum(1 for _ in self._live())

    def __bool__(self) -> bool:
        return bool(self._cookies)

    def __repr__(self) -> str:
        return f"<CookieJar {list(self._live())!r}>"

    def clear(self) -> None:
        """Forget every cookie."""
        self._cookies.clear()

    def cookies(self) -> list[Cookie]:
        """Every live cookie, with its attributes."""
        return list(self._live())

    # --- the client's side ----------------------------------------------------------------

    def update_from_header(self, header: str, host: str, request_path: str) -> None:
        """Store (or delete) the cookie one Set-Cookie header describes (RFC 6265 5.2)."""
        pair, *attributes = header.split(";")
        name, sep, value = pair.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name:
            return
        domain, path, host_only, secure = host, _default_path(request_path), True, False
        expires: float | None = None
        max_age: float | None = None
        for attribute in attributes:
            key, _, val = attribute.partition("=")
            key, val = key.strip().lower(), val.strip()
            if key == "max-age":
                try:
                    max_age = int(val)
                except ValueError:
                    continue
            elif key == "expires":
                expires = _expiry(val)
            elif key == "domain" and val:
                val = val.lstrip(".").lower()
                if host != val and not host.endswith("." + val):
                    return  # a cookie for another site is refused (RFC 6265 5.3 step 6)
                domain, host_only = val, False
            elif key == "path" and val.startswith("/"):
                path = val
            elif key == "secure":
                secure = True
        if max_age is not None:  # Max-Age wins over Expires (RFC 6265 5.3 step 3)
            expires = time.time() + max_age if max_age > 0 else 0.0
        key3 = (domain, path, name)
        if expires is not None and expires <= time.time():
            self._cookies.pop(key3, None)
            return
        self._cookies[key3] = Cookie(
            name, value, domain, path, expires=expires, host_only=host_only, secure=secure
        )

    def header_for(self, host: str, path: str, secure: bool) -> str:
        """The Cookie header of a request, longest paths first (RFC 6265 5.4)."""
        now = time.time()
        matching = [c for c in self._cookies.values() if c.matches(host, path, secure, now)]
        if len(matching) > 1:
            matching.sort(key=lambda cookie: len(cookie.path), reverse=True)
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in matching)
