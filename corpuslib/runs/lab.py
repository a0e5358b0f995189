"""JupyterLab on the notebooks with the project's kernel: what ``make lab`` runs.

``python -m corpuslib.runs.lab`` registers the project's Python as the Jupyter
kernel ``corpuslib`` (display name "corpuslib (.venv)", in the user's Jupyter
folder, so other Jupyter installations can use it too), picks a free port on
127.0.0.1, prints the URL with its token, and starts JupyterLab on ``notebooks/``
(``--allow-root`` only when run as root).
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

from corpuslib import paths
from corpuslib.runs.execute import KERNEL_ALLOCATOR

__all__ = [
    "KERNEL_DISPLAY_NAME",
    "KERNEL_NAME",
    "free_port",
    "lab_command",
    "lab_url",
    "main",
    "register_kernel",
]

KERNEL_NAME = "corpuslib"
KERNEL_DISPLAY_NAME = "corpuslib (.venv)"


def free_port(ip: str = "127.0.0.1", start: int = 8888, tries: int = 50) -> int:
    """The first port from *start* that nothing listens on at *ip* (a free one from the OS after *tries*)."""
    for port in range(start, start + tries):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((ip, port))
            except OSError:
                continue
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((ip, 0))
        return int(s.getsockname()[1])


def lab_command(
    *,
    port: int,
    token: str,
    ip: str = "127.0.0.1",
    root_dir: str | Path = paths.NOTEBOOKS_DIR,
    open_browser: bool = True,
    kernel: str | None = KERNEL_NAME,
) -> list[str]:
    """The command line that starts JupyterLab (no shell involved).

    >>> cmd = lab_command(port=9999, token="t", root_dir="nb", open_browser=False, kernel=None)
    >>> cmd[1:3], "--ServerApp.port=9999" in cmd, "--ServerApp.port_retries=0" in cmd
    (['-m', 'jupyterlab'], True, True)
    """
    cmd = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={Path(root_dir)}",
        f"--ServerApp.ip={ip}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",  # the printed URL must be the one served
        f"--IdentityProvider.token={token}",
        f"--ServerApp.open_browser={open_browser}",
    ]  # fmt: skip
    if kernel:
        cmd.append(f"--MappingKernelManager.default_kernel_name={kernel}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # Jupyter refuses root without it; nobody else needs it
    return cmd


def lab_url(ip: str, port: int, token: str) -> str:
    """``http://ip:port/lab?token=…``.

    >>> lab_url("127.0.0.1", 8888, "abc")
    'http://127.0.0.1:8888/lab?token=abc'
    """
    return f"http://{ip}:{port}/lab?token={token}"


def register_kernel() -> None:
    """Install this Python as the Jupyter kernel ``corpuslib`` ("corpuslib (.venv)") for the user."""
    subprocess.run(
        [sys.executable, "-m", "ipykernel", "install", "--user",
         "--name", KERNEL_NAME, "--display-name", KERNEL_DISPLAY_NAME],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Register the kernel, print the URL and run JupyterLab until Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m corpuslib.runs.lab", description=__doc__)
    parser.add_argument("--ip", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default: first free from 8888)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    args = parser.parse_args(argv)
    register_kernel()
    port = args.port or free_port(args.ip)
    token = secrets.token_hex(24)
    url = lab_url(args.ip, port, token)
    print(f"JupyterLab on {paths.NOTEBOOKS_DIR} with kernel {KERNEL_DISPLAY_NAME!r}:\n\n    {url}\n\n"
          "(open that URL; Ctrl-C stops JupyterLab)", flush=True)  # fmt: skip
    cmd = lab_command(port=port, token=token, ip=args.ip, open_browser=not args.no_browser)
    # kernels inherit them: allocators that give freed memory back (see corpuslib.runs.execute)
    for key, value in KERNEL_ALLOCATOR.items():
        os.environ.setdefault(key, value)
    try:
        return subprocess.call(cmd)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
