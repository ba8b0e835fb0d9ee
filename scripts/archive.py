#!/usr/bin/env python3
"""Writes an archive of N articles as JSON Lines, the input of `lede batch`, to standard output.

    scripts/archive.py N [--from DIR] [--bad K]

The articles are the repository's own (the bundled seed and the test inputs of tests/inputs/),
or with --from the .txt files of DIR (the benchmark reads ../shared/data/polnear's articles
there, in place, never copying them). Article i is text i modulo their number with its
paragraphs rotated and a closing line of its own, so no two records are the same; every
seventh is an HTML record and every fifth carries a reference date. --bad K adds K malformed
records (not JSON, no text, a number for a text...) spread through the archive. The output is
the same for the same arguments, so tests can compare runs.
"""

import argparse
import html
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
NAMES = ["Maria Ortega", "Kwame Mensah", "Lena Fischer", "Tomasz Nowak", "Aiko Tanaka", "Rahul Mehta", "Sofia Rossi"]
PLACES = ["Lisbon", "Accra", "Hamburg", "Gdansk", "Osaka", "Pune", "Turin"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
BAD = [
    "this line is not JSON",
    '{"id": "bad-no-text"}',
    '{"id": "bad-number", "text": 42}',
    '{"text": "A record without an id."}',
    '["an", "array"]',
    '{"id": "bad-both", "text": "a", "html": "<p>b</p>"}',
    '{"id": "bad-date", "text": "Talks resume on Monday.", "reference_date": "soon"}',
]


def sources(folder):
    if folder:
        files = sorted(pathlib.Path(folder).glob("*.txt"))
    else:
        files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/inputs").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    texts = [t for t in texts if t.strip()]
    if not texts:
        sys.exit(f"archive.py: no .txt articles in {folder or ROOT}")
    return texts


def article(texts, i):
    text = texts[i % len(texts)]
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    turn = (i // len(texts)) % max(1, len(paragraphs))
    # The first paragraph (a title, usually) stays first; the body turns.
    body = paragraphs[1:]
    if body:
        body = body[turn % len(body):] + body[: turn % len(body)]
    closing = f"Reporting by {NAMES[i % 7]} in {PLACES[(i // 7) % 7]}; updated {MONTHS[i % 6]} {1 + i % 28}, {2000 + i % 25} (#{i})."
    return paragraphs[:1] + body + [closing]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--from", dest="folder")
    parser.add_argument("--bad", type=int, default=0)
    args = parser.parse_args()
    texts = sources(args.folder)
    every = args.n // args.bad if args.bad else 0
    out = sys.stdout
    bad = 0
    for i in range(args.n):
        if every and i % every == every // 2 and bad < args.bad:
            out.write(BAD[bad % len(BAD)] + "\n")
            bad += 1
            continue
        parts = article(texts, i)
        record = {"id": f"doc-{i:07d}"}
        if i % 7 == 3:
            record["html"] = "<html><body>" + "".join(f"<p>{html.escape(p)}</p>" for p in parts) + "</body></html>"
        else:
            record["text"] = "\n\n".join(parts)
        if i % 5 == 2:
            record["reference_date"] = f"{2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
