"""Root checks of the workspace: layering, versions, isolation."""

from __future__ import annotations

import sys
from pathlib import Path

# pytest runs with --import-mode=importlib, which puts no test folder on sys.path; the root
# checks share one helper module (_workspace.py) that sits next to this file.
sys.path.insert(0, str(Path(__file__).resolve().parent))
