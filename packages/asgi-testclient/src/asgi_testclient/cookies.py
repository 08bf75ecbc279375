"""A cookie jar kept across requests, following RFC 6265 (domain, path, expiry, secure)."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, MutableMapping
from email.utils import formatdate, parsedate_to_datetime
from http.cookies import Morsel, SimpleCookie
from typing import Any, NoReturn, SupportsIndex

__all__ = ["Cookie", "CookieJar", "CookieMorsel"]


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


class CookieMorsel(Morsel[str]):
    """A read-only ``http.cookies.Morsel`` view of one cookie in the jar.

    Changing it would not change the jar, so it refuses to be changed: set cookies through
    the jar (``client.cookies['name'] = 'v'`` or ``client.cookies.set(...)``) instead.
    ``copy()`` gives an ordinary, editable ``Morsel``.
    """

    def __init__(self, cookie: Cookie) -> None:
        super().__init__()
        # __setstate__ is Morsel's own way to set key and value; it does not check the name
        # against SimpleCookie's legal characters, which a stored cookie name need not meet.
        self.__setstate__(  # type: ignore[attr-defined] # typeshed omits it
            {"key": cookie.name, "value": cookie.value, "coded_value": cookie.value}
        )
        dict.__setitem__(self, "path", cookie.path)
        if not cookie.host_only:
            dict.__setitem__(self, "domain", cookie.domain)
        if cookie.expires is not None:
            dict.__setitem__(self, "expires", formatdate(cookie.expires, usegmt=True))
        if cookie.secure:
            dict.__setitem__(self, "secure", True)

    def _read_only(self, *_: Any, **__: Any) -> NoReturn:
        raise TypeError(
            "a cookie read from the jar is a copy; change the jar instead "
            "(client.cookies['name'] = 'value' or client.cookies.set(name, value, path=...))"
        )

    __setitem__ = __delitem__ = setdefault = update = set = _read_only
    pop = popitem = clear = __ior__ = _read_only

    def __reduce_ex__(self, protocol: SupportsIndex) -> Any:
        # Pickled and deep-copied as an ordinary Morsel, as copy() gives.
        return _plain_morsel, (self.key, self.value, self.coded_value, dict(self))


def _plain_morsel(
    key: str, value: str, coded_value: str, attributes: dict[str, Any]
) -> Morsel[str]:
    morsel: Morsel[str] = Morsel()
    morsel.__setstate__(  # type: ignore[attr-defined] # typeshed omits it
        {"key": key, "value": value, "coded_value": coded_value}
    )
    dict.update(morsel, attributes)
    return morsel


class CookieJar(MutableMapping[str, "Morsel[str]"]):
    """The client's cookies, a mapping of names to morsels like ``http.cookies.SimpleCookie``.

    ``jar['session'].value`` is a value, ``jar['session'] = 'v'`` sets a cookie (a ``Morsel``
    works too, with its path, domain, expires, max-age and secure), ``jar.items()`` yields
    ``(name, morsel)``. Underneath, cookies are kept per domain, path and name as RFC 6265
    says: ``update_from_header`` stores what a Set-Cookie header says, ``header_for`` builds
    the Cookie header of a request. A name set for several paths reads as the first one.
    """

    __slots__ = ("_cookies", "default_domain")

    def __init__(self, default_domain: str = "localhost") -> None:
        self.default_domain = default_domain
        self._cookies: dict[tuple[str, str, str], Cookie] = {}

    # --- the mapping a test uses ----------------------------------------------------------

    def set(
        self,
        name: str,
        value: str,
        *,
        domain: str | None = None,
        path: str = "/",
        expires: float | None = None,
        secure: bool = False,
    ) -> None:
        """Store a cookie sent with every request to ``domain`` (default: the client's host)
        and its subdomains, under ``path``, until ``expires`` (a timestamp; past: delete)."""
        domain = (domain or self.default_domain).lstrip(".").lower()
        key = (domain, path, name)
        if expires is not None and expires <= time.time():
            self._cookies.pop(key, None)
            return
        self._cookies[key] = Cookie(
            name, str(value), domain, path, expires=expires, host_only=False, secure=secure
        )

    def _live(self) -> Iterator[Cookie]:
        now = time.time()
        for cookie in self._cookies.values():
            if cookie.expires is None or cookie.expires > now:
                yield cookie

    def _first(self, name: str) -> Cookie | None:
        for cookie in self._live():
            if cookie.name == name:
                return cookie
        return None

    def __getitem__(self, name: str) -> Morsel[str]:
        cookie = self._first(name)
        if cookie is None:
            raise KeyError(name)
        return CookieMorsel(cookie)

    def __setitem__(self, name: str, value: str | Morsel[str]) -> None:
        if not isinstance(value, Morsel):
            self.set(name, value)
            return
        # A morsel (from a response's cookies, say) keeps its attributes, as in a Set-Cookie.
        expires: float | None = None
        max_age = value.get("max-age")
        if max_age not in (None, ""):
            try:
                seconds = int(max_age)
            except (TypeError, ValueError):
                raise ValueError(f"cookie {name!r}: max-age {max_age!r} is not a number") from None
            expires = time.time() + seconds if seconds > 0 else 0.0
        elif value.get("expires"):
            raw = value["expires"]
            expires = time.time() + raw if isinstance(raw, int) else _expiry(str(raw))
        self.set(
            name,
            value.value,
            domain=value.get("domain") or None,
            path=value.get("path") or "/",
            expires=expires,
            secure=bool(value.get("secure")),
        )

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
        return len({cookie.name for cookie in self._live()})

    def __bool__(self) -> bool:
        return bool(self._cookies)

    def __repr__(self) -> str:
        return f"<CookieJar {list(self._live())!r}>"

    def clear(self) -> None:
        """Forget every cookie."""
        self._cookies.clear()

    def cookies(self) -> list[Cookie]:
        """Every live cookie, with its attributes (several may share a name)."""
        return list(self._live())

    def load(self, rawdata: str | Mapping[str, str | Morsel[str]]) -> None:
        """Store cookies from a ``Cookie``-style string (``'a=1; b=2'``) or a mapping."""
        if isinstance(rawdata, str):
            parsed: SimpleCookie = SimpleCookie()
            parsed.load(rawdata)
            rawdata = parsed
        for name, value in rawdata.items():
            self[name] = value

    def output(
        self, attrs: list[str] | None = None, header: str = "Set-Cookie:", sep: str = "\r\n"
    ) -> str:
        """The cookies as Set-Cookie lines, as ``SimpleCookie.output`` writes them."""
        return sep.join(self[name].output(attrs, header) for name in sorted(self))

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
