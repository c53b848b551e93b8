"""A non-editable install, used from outside the checkout, has a working CLI and no bare top-level packages."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_checkout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    assert "Warning" not in built.stderr, built.stderr  # no setuptools deprecation walls before `make run`
    (wheel,) = wheels.glob("econgraph-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.startswith("econgraph-")}
    assert tops == {"econgraph"}, tops  # graph/, loaders/, queries/ only under the namespace
    assert "econgraph/graph/model.py" in names
    assert "econgraph/loaders/article.py" in names

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, text=True)
    # dependencies from this environment, the package only from the installed wheel
    deps = sysconfig.get_paths()["purelib"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), deps]), "PYTHONNOUSERSITE": "1"}
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = subprocess.run([sys.executable, "-I", "-c",
                             "import sys; sys.path[:0] = " + repr([str(target), deps]) + "\n"
                             "import econgraph.graph.model as m; print(m.__file__)\n"
                             "from econgraph.cli import main; sys.argv = ['econgraph', '--help']; main()"],
                            cwd=outside, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout.splitlines()[0]
    assert "Usage:" in result.stdout
