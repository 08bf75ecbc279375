"""The toolkit's shared logger (the reference's ``<Logger asgi-tools>``)."""

from __future__ import annotations

import logging

logger = logging.getLogger("asgi-tools")

__all__ = ["logger"]
