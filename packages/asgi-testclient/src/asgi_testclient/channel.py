"""A one-way message channel between the application task and the client.

Messages wait in a deque; the reader parks on a queue of the running async library only when
the deque is empty, so most messages never touch the event loop at all.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from asgi_request import Queue, aio_queue

__all__ = ["Channel"]


class Channel:
    """Unbounded FIFO; ``get()`` returns ``None`` once the channel is closed and drained."""

    __slots__ = ("closed", "items", "waiting", "wakeup")

    def __init__(self) -> None:
        self.items: deque[Any] = deque()
        self.closed = False
        self.waiting = 0  # readers parked on ``wakeup``
        self.wakeup: Queue[None] | None = None

    async def put(self, item: Any) -> None:
        self.items.append(item)
        if self.waiting:
            self.waiting -= 1
            await self.wakeup.put(None)  # type: ignore[union-attr]

    async def close(self) -> None:
        """Wake every reader: from now on ``get()`` returns ``None`` once drained."""
        self.closed = True
        while self.waiting:
            self.waiting -= 1
            await self.wakeup.put(None)  # type: ignore[union-attr]

    async def get(self) -> Any:
        items = self.items
        while not items:
            if self.closed:
                return None
            if self.wakeup is None:
                self.wakeup = aio_queue()
            self.waiting += 1
            # A stale token (left by a reader that timed out) only costs one more loop.
            await self.wakeup.get()
        return items.popleft()
