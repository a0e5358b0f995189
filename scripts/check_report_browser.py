"""Check that a run's HTML report renders in a real headless Chromium, offline.

Usage::

    python scripts/check_report_browser.py outputs/default            # index.html
    python scripts/check_report_browser.py outputs/default --notebooks  # + every notebook page
    python scripts/check_report_browser.py page.html --screenshot shot.png

For each page, Chromium (``/usr/bin/chromium`` or ``$CHROMIUM``) takes a screenshot
with networking features off; the check passes when the screenshot exists and is not
blank (enough non-background pixels and more than a few distinct colours). Exit
status 0 when every page passes, 1 when one fails, 2 when Chromium is missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
WINDOW = (1200, 2000)
#: A page passes when at least this share of pixels differs from the background.
MIN_INK = 0.005
MIN_COLOURS = 8


@dataclass
class PageCheck:
    """Result of rendering one page."""

    page: Path
    screenshot: Path
    ok: bool
    ink: float = 0.0
    colours: int = 0
    message: str = ""


def find_chromium() -> str | None:
    """Return the Chromium executable: ``$CHROMIUM``, ``/usr/bin/chromium`` or one on PATH."""
    env = os.environ.get("CHROMIUM")
    if env and Path(env).is_file():
        return env
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _measure(screenshot: Path) -> tuple[float, int]:
    """Share of pixels unlike the top-left (background) pixel, and distinct colours."""
    import numpy as np
    from PIL import Image

    with Image.open(screenshot) as img:
        pixels = np.asarray(img.convert("RGB"), dtype=np.int16)
    background = pixels[0, 0]
    differs = np.abs(pixels - background).sum(axis=2) > 24
    colours = len(np.unique(pixels.reshape(-1, 3)[::7], axis=0))
    return float(differs.mean()), int(colours)


def render_page(page: Path, screenshot: Path, *, chromium: str, timeout: float = 90) -> PageCheck:
    """Screenshot ``page`` with headless Chromium and judge whether it is blank.

    Parameters
    ----------
    page : Path
        An HTML file.
    screenshot : Path
        Where the PNG goes.
    chromium : str
        Browser executable.
    timeout : float
        Seconds before giving up on Chromium.

    Returns
    -------
    PageCheck
    """
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    screenshot.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        cmd = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--screenshot={screenshot}",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            page.resolve().as_uri(),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return PageCheck(page, screenshot, False, message=f"chromium timed out ({timeout} s)")
    if not screenshot.is_file() or screenshot.stat().st_size == 0:
        tail = (proc.stderr or "").strip().splitlines()[-5:]
        return PageCheck(
            page, screenshot, False, message="no screenshot; chromium said: " + " | ".join(tail)
        )
    ink, colours = _measure(screenshot)
    ok = ink >= MIN_INK and colours >= MIN_COLOURS
    message = f"{ink:.1%} of pixels drawn, {colours} colours"
    return PageCheck(page, screenshot, ok, ink, colours, message if ok else "blank? " + message)


def pages_to_check(target: Path, *, notebooks: bool) -> list[Path]:
    """The report page of ``target`` (a run folder or an HTML file), plus notebook pages."""
    if target.is_dir():
        pages = [target / "index.html"]
        if notebooks:
            pages += sorted((target / "notebooks").glob("*.html"))
        return pages
    return [target]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="a run folder (outputs/<run>) or an HTML file")
    parser.add_argument("--screenshot", type=Path, help="PNG path (single page only)")
    parser.add_argument("--out", type=Path, help="folder for screenshots (default: a temp dir)")
    parser.add_argument("--notebooks", action="store_true", help="also check notebook pages")
    args = parser.parse_args(argv)

    chromium = find_chromium()
    if chromium is None:
        print("chromium not found (apt-get install chromium, or set $CHROMIUM)", file=sys.stderr)
        return 2
    pages = pages_to_check(args.target, notebooks=args.notebooks)
    missing = [p for p in pages if not p.is_file()]
    if missing:
        print(f"no such page: {', '.join(map(str, missing))}", file=sys.stderr)
        return 1
    out = args.out or Path(tempfile.mkdtemp(prefix="report-shots-"))
    failed = 0
    for page in pages:
        shot = args.screenshot if args.screenshot and len(pages) == 1 else None
        if page.parent.name == "notebooks":
            name = f"{page.parent.parent.name}-notebook-{page.stem}.png"
        else:
            name = f"{page.parent.name}-{page.stem}.png"
        shot = shot or out / name
        check = render_page(page, shot, chromium=chromium)
        failed += not check.ok
        print(f"{'ok  ' if check.ok else 'FAIL'} {page} -> {check.screenshot}: {check.message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
