"""``asgi_tools._compat``: the async helpers ASGI-Tools' own documentation imports from here.

ASGI-Tools' docs show ``from asgi_tools._compat import aio_sleep``, so code copied from them
imports this private path. Only the names whose behaviour is the same as ASGI-Tools' are
offered; the rest of that module (``aio_spawn`` as a context manager, ``aio_wait``...) is
its internals and is left out on purpose.
"""

from __future__ import annotations

from asgi_request import aio_sleep, aio_timeout, current_async_library, json_dumps, json_loads

__all__ = ["aio_sleep", "aio_timeout", "current_async_library", "json_dumps", "json_loads"]
