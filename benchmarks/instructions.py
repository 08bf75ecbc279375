"""Instructions per request of the framework scenarios, counted by valgrind's cachegrind.

    python benchmarks/instructions.py                      # html, api, upload; every implementation
    python benchmarks/instructions.py html --only ours blacksheep

On a shared machine, requests per second move by 10% or more from run to run; the number of
instructions a request executes does not (to within a few per thousand). It is not a speed
(a C extension's instruction costs less than the interpreter's, caches and branches differ),
but it shows at once whether a change to our code made a request cheaper, and by how much,
where timing would need many rounds. Each implementation's app runs in its own virtualenv, after
the same checks as the timed suites: ``count`` requests are counted twice (a short and a long
run), so that start-up, imports and the checks cancel out. Needs valgrind
(``apt-get install -y valgrind``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import envs  # noqa: E402
from suites._frameworks import IMPLS  # noqa: E402

SCENARIOS = ("html", "api", "upload")
SHORT, LONG = 200, 1200


def instructions(impl: str, scenario: str, count: int) -> int:
    """Instructions cachegrind counts for the whole process making ``count`` requests."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            str(envs.python(IMPLS[impl])),
            str(HERE / "suites" / "_count.py"),
            scenario,
            impl,
            str(count),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=HERE,
        # String hashes decide dict and set layouts, which moved counts by about 2% between
        # runs: one fixed seed for every run and implementation.
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode or not found:
        raise RuntimeError(f"{impl} {scenario}: {done.stderr.strip()[-500:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenarios", nargs="*", help=f"default: {' '.join(SCENARIOS)}")
    parser.add_argument("--only", nargs="*", help=f"implementations (default: {list(IMPLS)})")
    args = parser.parse_args()
    args.scenarios = args.scenarios or list(SCENARIOS)
    unknown = sorted(set(args.scenarios) - set(SCENARIOS))
    if unknown:
        parser.error(f"unknown scenarios {unknown}; known: {list(SCENARIOS)}")
    if shutil.which("valgrind") is None:
        print("valgrind is needed: apt-get update && apt-get install -y valgrind", file=sys.stderr)
        return 2
    impls = [impl for impl in IMPLS if not args.only or impl in args.only]
    print(f"\n## instructions per request (cachegrind, {LONG} - {SHORT} requests)\n")
    print("| implementation | " + " | ".join(f"{s} | ours / it" for s in args.scenarios) + " |")
    print("|---|" + "---:|---:|" * len(args.scenarios))
    counts: dict[tuple[str, str], float] = {}
    for impl in impls:
        for scenario in args.scenarios:
            total = instructions(impl, scenario, LONG) - instructions(impl, scenario, SHORT)
            counts[impl, scenario] = total / (LONG - SHORT)
    for impl in impls:
        cells = []
        for scenario in args.scenarios:
            value = counts[impl, scenario]
            ours = counts.get((impls[0], scenario))
            # fewer instructions is better: above 1.00x, ours executes fewer
            cells += [f"{value:,.0f}", f"{value / ours:.2f}x" if ours else "-"]
        print(f"| {impl} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
