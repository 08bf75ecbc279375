"""Run one suite for one implementation, in that implementation's virtualenv; print JSON."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

suite, impl = sys.argv[1], sys.argv[2]
module = importlib.import_module(f"suites.{suite}")
print(json.dumps({"suite": suite, "impl": impl, "value": module.run(impl)}))
