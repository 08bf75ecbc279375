"""A framework-agnostic router: targets are any objects; lookups do not slow down with size."""

from .__about__ import __version__
from .errors import MethodNotAllowedError, NotFoundError, RouterError
from .paths import CONVERTERS
from .router import Router
from .routes import Route, RouteMatch, TRoutePath

__all__ = [
    "CONVERTERS",
    "MethodNotAllowedError",
    "NotFoundError",
    "Route",
    "RouteMatch",
    "Router",
    "RouterError",
    "TRoutePath",
    "__version__",
]
