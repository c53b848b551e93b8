"""Run mypy on econgraph as it is installed: ``econgraph.graph`` is the folder ``graph/`` (and so on).

pyproject.toml maps graph/, loaders/ and queries/ under the ``econgraph`` namespace; mypy maps files to
modules by folder, so it is pointed at a tree of links laid out like the installed package
(``build/typecheck/econgraph``). Options come from ``[tool.mypy]`` in pyproject.toml; arguments are passed on.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "build" / "typecheck"
SUBPACKAGES = ("graph", "loaders", "queries")  # as in pyproject's package-dir


def link_tree() -> Path:
    """``build/typecheck/econgraph`` holding links to every entry of econgraph/ and to the subpackages."""
    package = TREE / "econgraph"
    if package.exists():
        shutil.rmtree(package)
    package.mkdir(parents=True)
    for entry in sorted((ROOT / "econgraph").iterdir()):
        if entry.name != "__pycache__":
            (package / entry.name).symlink_to(entry)
    for name in SUBPACKAGES:
        (package / name).symlink_to(ROOT / name, target_is_directory=True)
    return package


def real_path(line: str) -> str:
    """A mypy message with the link tree's path replaced by the file's path in the checkout."""
    prefix = "build/typecheck/econgraph/"
    if not line.startswith(prefix):
        return line
    rest = line[len(prefix):]
    return rest if rest.split("/", 1)[0] in SUBPACKAGES else "econgraph/" + rest


def main(argv: list[str]) -> int:
    package = link_tree()
    cmd = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), *argv,
           str(package.relative_to(ROOT))]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    sys.stdout.write("".join(real_path(line) + "\n" for line in done.stdout.splitlines()))
    sys.stderr.write(done.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
