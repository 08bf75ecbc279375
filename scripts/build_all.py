"""Build every workspace package's sdist and wheel into one folder (default: ``dist/``).

    python scripts/build_all.py                   # all packages -> dist/
    python scripts/build_all.py asgi-request      # some packages
    python scripts/build_all.py --outdir /tmp/w --wheel-only

The wheel is built from the sdist (``python -m build``'s default), so a file missing from the
sdist breaks the build here rather than for a user. Builds run without isolation: hatchling
comes from the environment that runs this script (the hatch default env has it).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / "packages"


def package_dirs(names: list[str] | None = None) -> list[Path]:
    """The folders of the packages called ``names`` (every package when empty)."""
    found = sorted(p.parent for p in PACKAGES.glob("*/pyproject.toml"))
    if not names:
        return found
    by_name = {p.name: p for p in found}
    unknown = sorted(set(names) - set(by_name))
    if unknown:
        raise SystemExit(f"unknown packages {unknown}; known: {sorted(by_name)}")
    return [by_name[n] for n in names]


def build(package: Path, outdir: Path, *, wheel_only: bool = False) -> list[Path]:
    """Build one package into ``outdir``; return the files it made."""
    outdir.mkdir(parents=True, exist_ok=True)
    # Build in a fresh folder first so that the files of this build are known exactly, even
    # when ``outdir`` already holds older builds.
    with tempfile.TemporaryDirectory(prefix="build-") as tmp:
        kinds = ["--wheel"] if wheel_only else []
        done = subprocess.run(  # noqa: S603 (our own interpreter and paths)
            [
                sys.executable,
                "-m",
                "build",
                "--no-isolation",
                *kinds,
                "--outdir",
                tmp,
                str(package),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"building {package.name} failed:\n{done.stdout}{done.stderr}")
        made = []
        for file in sorted(Path(tmp).iterdir()):
            target = outdir / file.name
            target.unlink(missing_ok=True)
            made.append(Path(file.replace(target)))
        return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("packages", nargs="*", help="folder names under packages/ (default: all)")
    parser.add_argument("--outdir", type=Path, default=ROOT / "dist")
    parser.add_argument("--wheel-only", action="store_true", help="skip the sdists")
    args = parser.parse_args(argv)
    for package in package_dirs(args.packages):
        for file in build(package, args.outdir, wheel_only=args.wheel_only):
            print(file)  # noqa: T201 (the script's output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
