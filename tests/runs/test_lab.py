"""JupyterLab starts headless on 127.0.0.1 with the command `make lab` uses, answers /api, stops."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request

import pytest

from corpuslib.runs.lab import free_port, lab_command


def test_allow_root_only_for_root():
    cmd = lab_command(port=1, token="t", open_browser=False)
    assert ("--allow-root" in cmd) == (os.geteuid() == 0)
    assert "--ServerApp.ip=127.0.0.1" in cmd and "--MappingKernelManager.default_kernel_name=corpuslib" in cmd


@pytest.mark.slow
def test_jupyterlab_serves_api_on_a_free_local_port(tmp_path):
    pytest.importorskip("jupyterlab")
    port = free_port("127.0.0.1", start=18888)
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_DATA_DIR": str(tmp_path / "data")}  # fmt: skip
    cmd = lab_command(port=port, token="test-token", open_browser=False, kernel=None)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline, answer = time.monotonic() + 60, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=2) as r:
                    answer = json.loads(r.read())
                    break
            except OSError:
                time.sleep(0.5)
        assert answer is not None and "version" in answer, proc.stdout.read1(10000) if proc.poll() is not None else "timeout"
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/contents?token=test-token")
        with urllib.request.urlopen(req, timeout=5) as r:
            names = {item["name"] for item in json.loads(r.read())["content"]}
        assert "01_word_frequency.ipynb" in names  # opened on notebooks/
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
