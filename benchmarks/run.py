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


class ImplError(Exception):
    """An implementation could not be measured; the message says why, in one line or a few."""


def _reason(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    # the last line of a traceback names the error; keep the one above for its context
    return " / ".join(lines[-2:]) if lines else "no output"


def measure(suite: str, impl: str, env: str) -> float:
    try:
        python = envs.python(env)
    except Exception as exc:
        raise ImplError(f"virtualenv {env!r} could not be built: {exc}") from exc
    out = subprocess.run(
        [str(python), str(HERE / "suites" / "_child.py"), suite, impl],
        capture_output=True,
        text=True,
        cwd=HERE,
        check=False,
    )
    if out.returncode:
        raise ImplError(_reason(out.stderr))
    return float(json.loads(out.stdout.strip().splitlines()[-1])["value"])


def run_suite(name: str, rounds: int, only: list[str] | None) -> dict[str, float | str]:
    """Alternate the implementations ``rounds`` times; print and return medians (or errors)."""
    module = importlib.import_module(f"suites.{name}")
    impls = {k: v for k, v in module.IMPLS.items() if not only or k in only}
    samples: dict[str, list[float]] = {impl: [] for impl in impls}
    failed: dict[str, str] = {}
    for _ in range(rounds):
        for impl, env in impls.items():
            if impl in failed:
                continue
            try:
                samples[impl].append(measure(name, impl, env))
            except ImplError as exc:
                # one broken implementation must not hide the others' figures
                failed[impl] = str(exc)
    medians = {impl: statistics.median(v) for impl, v in samples.items() if impl not in failed}
    first = next(iter(impls))
    ours = medians.get(first)
    print(f"\n## {name} ({module.UNIT}, median of {rounds} alternating rounds)\n")
    # The ratio of the medians, and the range of the ratios within each round (measured one
    # after the other): how far a noisy machine moved the comparison.
    print(f"| implementation | {module.UNIT} | {first} / it | per round |")
    print("|---|---:|---:|---:|")
    for impl in impls:
        if impl in failed:
            print(f"| {impl} | failed | - | - |")
            continue
        value = medians[impl]
        ratio = f"{ours / value:.2f}x" if ours is not None and value else "-"
        paired = [a / b for a, b in zip(samples[first], samples[impl], strict=False) if b]
        spread = (
            f"{min(paired):.2f}-{max(paired):.2f}x"
            if impl != first and first not in failed and paired
            else "-"
        )
        print(f"| {impl} | {value:,.0f} | {ratio} | {spread} |")
    for impl, reason in failed.items():
        print(f"\n{impl} failed: {reason}")
    sys.stdout.flush()
    return {**medians, **{impl: f"failed: {reason}" for impl, reason in failed.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("suites", nargs="*", help=f"suites to run (default: all): {suite_names()}")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="implementations to run")
    parser.add_argument("--json", type=Path, help="also write the medians to this file")
    args = parser.parse_args()
    unknown = sorted(set(args.suites) - set(suite_names()))
    if unknown:
        parser.error(f"unknown suites {unknown}; known: {suite_names()}")
    results = {}
    for name in args.suites or suite_names():
        results[name] = run_suite(name, args.rounds, args.only)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
