"""Run benchmark suites side by side and print a table of medians and ratios.

    python benchmarks/run.py                 # every suite
    python benchmarks/run.py request router  # some suites
    python benchmarks/run.py --rounds 7 html

A suite is a module ``benchmarks/suites/<name>.py`` with:

- ``IMPLS``: a dict mapping an implementation's name to the virtualenv it runs in
  (see ``envs.py``); the first one is ours, the one the others are compared with;
- ``UNIT``: what the number measures, e.g. ``"req/s"`` (bigger is better);
- ``run(impl: str) -> float``: does the work once for that implementation and returns the rate.
  It runs in a subprocess of the implementation's virtualenv, so it imports what it needs inside.

Rounds alternate between the implementations (A B C A B C ...) so that a drift of the machine
hits all of them alike, and the table reports the median of the rounds.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import envs  # noqa: E402


def suite_names() -> list[str]:
    return sorted(p.stem for p in (HERE / "suites").glob("*.py") if not p.stem.startswith("_"))


def measure(suite: str, impl: str, env: str) -> float:
    out = subprocess.run(
        [str(envs.python(env)), str(HERE / "suites" / "_child.py"), suite, impl],
        check=True, capture_output=True, text=True, cwd=HERE,
    )
    return float(json.loads(out.stdout.strip().splitlines()[-1])["value"])


def run_suite(name: str, rounds: int, only: list[str] | None) -> list[tuple[str, float]]:
    module = importlib.import_module(f"suites.{name}")
    impls = {k: v for k, v in module.IMPLS.items() if not only or k in only}
    samples: dict[str, list[float]] = {impl: [] for impl in impls}
    for _ in range(rounds):
        for impl, env in impls.items():
            samples[impl].append(measure(name, impl, env))
    medians = [(impl, statistics.median(values)) for impl, values in samples.items()]
    ours = medians[0][1]
    print(f"\n## {name} ({module.UNIT}, median of {rounds} alternating rounds)\n")
    print(f"| implementation | {module.UNIT} | ours / it |")
    print("|---|---:|---:|")
    for impl, value in medians:
        ratio = ours / value if value else float("inf")
        print(f"| {impl} | {value:,.0f} | {ratio:.2f}x |")
    sys.stdout.flush()
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("suites", nargs="*", help=f"suites to run (default: all): {suite_names()}")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="implementations to run")
    parser.add_argument("--json", type=Path, help="also write the medians to this file")
    args = parser.parse_args()
    results = {}
    for name in args.suites or suite_names():
        results[name] = run_suite(name, args.rounds, args.only)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
