"""Generate a benchmark corpus of N pages by recombining the bundled corpus.

Pages come in the layouts the segmenter supports (bulleted ``• Name`` comments,
WordPress ``Name says:``, Disqus ``Name • N years ago``, numbered ``N thoughts on``
comments, marker-less comments after a manifest anchor, pages without comments)
and in several encodings (UTF-8, UTF-8 with BOM, cp1252, CRLF line endings).
Same seed → same corpus, byte for byte.

Usage::

    python benchmarks/make_corpus.py --pages 1000 --out benchmarks/corpus/1k
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

import corpuslib

LAYOUTS = ("bullets", "wordpress", "disqus", "numbered", "anchor", "none")
ENCODINGS = ("utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-8-crlf")
OUTLETS = (
    "The American Interest",
    "Antiwar.com",
    "Washington Examiner",
    "The Atlantic",
    "Just World News",
)
NAMES = (
    "dearieme",
    "Tom Holsinger",
    "Luke Lea",
    "Karim Hassan",
    "Jane Doe",
    "mike_77",
    "Old Guard",
    "Sarah K",
)


def _pools() -> tuple[list[str], list[str], list[str]]:
    s = corpuslib.load_segments()
    en = s[s.lang == "en"]
    titles = en[en.role == "title"].text.tolist()
    body = en[en.role == "body"].text.tolist()
    comments = en[en.role == "comment"].text.tolist()
    return titles, body, comments


def make_page(rng: random.Random, layout: str, pools) -> tuple[str, str, str | None]:
    """Return (text, title, comments_start) for one page."""
    titles, body, comments = pools
    title = f"{rng.choice(titles)} ({rng.randrange(10**6)})"
    paras = rng.sample(body, k=min(len(body), rng.randint(4, 12)))
    notes = rng.sample(comments, k=min(len(comments), rng.randint(2, 10)))
    lines = [title, ""]
    for p in paras:
        lines += [p, ""]
    lines += ["Share this:", "Twitter", "", "Related Content", "", "Advertisement", ""]
    del lines[-7:-1]  # keep the article clean of the link list in most pages
    anchor = None
    if layout == "bullets":
        lines += ["show comments"]
        for n in notes:
            lines += [f"  • {rng.choice(NAMES)}", "", f"    {n}", ""]
        lines += ["© Example Media 2005-2016 About Us"]
    elif layout == "wordpress":
        lines += [f"{len(notes)} Responses to “{title}”", ""]
        for n in notes:
            lines += [
                f"{rng.choice(NAMES)} says:",
                "January 6, 2020 at 10:14 am",
                "",
                n,
                "",
                "Reply",
                "",
            ]
        lines += ["Leave a Reply"]
    elif layout == "disqus":
        lines += [f"{len(notes)} Comments", "", "Sort by Best", ""]
        for n in notes:
            lines += [
                f"{rng.choice(NAMES)} • {rng.randint(1, 9)} years ago",
                "",
                n,
                "",
                "Reply • Share ›",
                "",
            ]
    elif layout == "numbered":
        lines += [f"{len(notes) + 2} thoughts on “{title}”", ""]
        for i, n in enumerate(notes, 1):
            lines += [f"  {i}. {n}", ""]
        lines += ["Comments are closed."]
    elif layout == "anchor":
        notes = [" ".join(n.split()) for n in notes]  # one comment per line, no marker
        anchor = notes[0][:40]
        lines = [line for line in lines if line] + notes
    return "\n".join(lines) + "\n", title, anchor


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if encoding == "cp1252":
        return text.encode("cp1252", errors="replace")
    return text.encode(encoding)


def write_corpus(n_pages: int, out: Path, *, seed: int = 20261125) -> Path:
    """Write ``n_pages`` pages under ``out/raw`` and ``out/manifest.csv``; return ``out``."""
    rng = random.Random(seed)
    pools = _pools()
    raw = out / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(n_pages):
        layout = LAYOUTS[i % len(LAYOUTS)]
        encoding = rng.choice(ENCODINGS)
        text, title, anchor = make_page(rng, layout, pools)
        data = encode(text, encoding)
        if encoding == "cp1252":
            anchor = anchor.encode("cp1252", errors="replace").decode("cp1252") if anchor else None
        name = f"{i:06d}_{layout}.txt"
        sub = raw / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / name).write_bytes(data)
        year = 2003 + rng.randrange(20)
        rows.append(
            {
                "doc_id": f"p{i:06d}",
                "file": f"{i // 1000:03d}/{name}",
                "outlet": rng.choice(OUTLETS),
                "title": title
                if encoding != "cp1252"
                else title.encode("cp1252", errors="replace").decode("cp1252"),
                "published": f"{year}-{rng.randint(1, 12):02d}",
                "url": "",
                "author": "",
                "comments_start": anchor or "",
            }
        )
    with open(out / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pages", type=int, default=1000)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=20261125)
    args = p.parse_args(argv)
    write_corpus(args.pages, args.out, seed=args.seed)
    print(f"wrote {args.pages} pages to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
