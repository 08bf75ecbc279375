"""Make ``count`` requests of a framework scenario after its checks (run by instructions.py).

python suites/_count.py html ours 1000
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from suites._frameworks import checked_call


async def main(scenario: str, impl: str, count: int) -> None:
    one = await checked_call(scenario, impl)
    for _ in range(count):
        await one()


asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
