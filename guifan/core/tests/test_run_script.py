"""The first run of ``./run`` as a newcomer sees it: a progress line per setup step, not
pip's chatter; and when a step fails, the end of what it said."""

import os
import shutil
import stat
import subprocess
from pathlib import Path

RUN = Path(__file__).resolve().parents[3] / "run"
PIP_NOISE = "WARNING: Location 'file:///opt/simple/x/' is ignored"


def _executable(path: Path, body: str) -> None:
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def _checkout(tmp_path: Path, *, pip_status: int) -> dict:
    """A copy of ``run`` beside a virtualenv whose pip only talks, and a chromium on PATH."""
    shutil.copy(RUN, tmp_path / "run")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    venv = tmp_path / ".venv" / "bin"
    venv.mkdir(parents=True)
    _executable(
        venv / "python", f'echo "{PIP_NOISE}" >&2\necho Collecting django\nexit {pip_status}'
    )
    _executable(venv / "pytest", 'echo "pytest $*"')
    tools = tmp_path / "tools"
    tools.mkdir()
    _executable(tools / "chromium", "exit 0")
    return {**os.environ, "PATH": f"{tools}:{os.environ['PATH']}"}


def _run(tmp_path: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(tmp_path / "run"), "test", "-q"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_first_run_prints_steps_and_keeps_pip_output_in_a_log(tmp_path):
    env = _checkout(tmp_path, pip_status=0)
    result = _run(tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert "[run] 安装依赖（含测试工具）" in result.stderr
    assert "[run] 依赖已安装" in result.stderr
    assert PIP_NOISE not in result.stderr + result.stdout
    assert PIP_NOISE in (tmp_path / ".venv" / "setup.log").read_text()
    assert result.stdout.strip() == "pytest -q"
    again = _run(tmp_path, env)
    assert "安装依赖" not in again.stderr  # installed once per pyproject.toml


def test_a_failed_step_shows_the_end_of_its_output(tmp_path):
    result = _run(tmp_path, _checkout(tmp_path, pip_status=1))
    assert result.returncode == 1
    assert PIP_NOISE in result.stderr
    assert "这一步没有完成" in result.stderr
    assert "pytest" not in result.stdout
