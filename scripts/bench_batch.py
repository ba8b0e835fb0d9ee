#!/usr/bin/env python3
"""`make bench-batch`: how fast `lede batch` analyzes an archive, and in how much memory.

    scripts/bench_batch.py [--lede target/release/lede] [--records 10000] [--big 100000]

The archive is scripts/archive.py's, made from ../shared/data/polnear's news articles when
they are there (read in place, never copied) and from the repository's own otherwise. It
times `lede batch` with one worker and with two on the same records (records per second of
wall time, and CPU seconds per record, which the machine's other load does not change),
then streams --big records through two workers from a pipe to see that peak memory stays
flat, and projects a million articles. The machine's load average is printed beside the
figures: the speedup of two cores over one is only meaningful on an otherwise idle machine.
The tables go to standard output and to docs/figures.md (its "Batch" section, replaced).
"""

import argparse
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
POLNEAR = ROOT / "../shared/data/polnear/train/text"


def load():
    return open("/proc/loadavg").read().split()[0]


def run(cmd, stdin=None):
    """Runs `cmd`, returning (wall seconds, CPU seconds, peak resident MiB) of that process alone."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"bench-batch: {' '.join(map(str, cmd))} failed ({code}):\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def archive_cmd(n, source):
    cmd = [sys.executable, str(ROOT / "scripts/archive.py"), str(n)]
    return cmd + (["--from", str(source)] if source else [])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lede", default=str(pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release/lede"))
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--no-write", action="store_true", help="print the tables without writing docs/figures.md")
    args = parser.parse_args()

    source = POLNEAR.resolve() if POLNEAR.is_dir() else None
    what = "PolNeAR's 840 training articles (../shared/data)" if source else "the repository's own articles (seed and tests/inputs)"
    work = ROOT / "target/bench-batch"
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"archive-{args.records}.jsonl"
    with open(path, "wb") as out:
        subprocess.run(archive_cmd(args.records, source), stdout=out, check=True)
    size = path.stat().st_size
    print(f"bench-batch: {args.records} records, {size / 1e6:.1f} MB, from {what}; load average {load()}", file=sys.stderr)

    rows = []
    runs = {}
    for jobs in (1, 2):
        before = load()
        wall, cpu, peak = run([args.lede, "batch", str(path), "--jobs", str(jobs), "--quiet"])
        runs[jobs] = (wall, cpu, peak)
        rows.append(
            f"| {args.records:,} records, {jobs} worker{'s' if jobs > 1 else ''} | {args.records / wall:,.1f} | "
            f"{1000 * cpu / args.records:.2f} ms | {peak:.1f} MiB | {before} |"
        )
        print(rows[-1], file=sys.stderr)

    # The big run streams from a pipe: the archive is never on disk, and memory is the command's alone.
    gen = subprocess.Popen(archive_cmd(args.big, source), stdout=subprocess.PIPE)
    before = load()
    wall, cpu, peak = run([args.lede, "batch", "--jobs", "2", "--quiet"], stdin=gen.stdout)
    gen.stdout.close()
    gen.wait()
    rows.append(
        f"| {args.big:,} records from a pipe, 2 workers | {args.big / wall:,.1f} | {1000 * cpu / args.big:.2f} ms | {peak:.1f} MiB | {before} |"
    )
    print(rows[-1], file=sys.stderr)

    (w1, c1, _), (w2, c2, p2) = runs[1], runs[2]
    speedup = w1 / w2
    rate2 = args.big / wall
    million_hours = 1e6 / rate2 / 3600
    cpu_hours = 1e6 * (cpu / args.big) / 3600
    day = time.strftime("%Y-%m-%d")
    # The 1.8x target is for an idle machine: say so when other work shared the two cores.
    busy = max(float(row.split("|")[-2]) for row in rows)
    loaded = (
        f" The load average reached {busy:.1f} on 2 cores: other work took CPU from one run more"
        " than from the other, so this ratio is not the idle-machine figure the 1.8× target asks for."
        if busy > 1.5
        else ""
    )
    section = f"""## Batch (make bench-batch)

`lede batch` (the `--release` build) on {what}, made into JSON Lines records by
`scripts/archive.py` (every seventh an HTML record), the whole analysis written for each; measured {day} with `make
bench-batch` (`scripts/bench_batch.py`) on this machine's 2 cores, the load average (1 min)
beside each run. Records per second are of wall time; CPU per record (user + system) depends
far less on the machine's other load.

| run | records/s | CPU per record | peak memory | load average |
| --- | ---: | ---: | ---: | ---: |
{chr(10).join(rows)}

- Two workers over one: **{speedup:.2f}×** the records per second ({w1:.1f} s → {w2:.1f} s),
  at {c2 / c1:.2f}× the CPU time per record (no cost of running in parallel).{loaded}
- Memory: {p2:.1f} MiB at {args.records:,} records, {peak:.1f} MiB at {args.big:,}: flat (the window
  holds 32 records per worker; nothing grows with the archive).
- A million such articles: about **{million_hours:.1f} hours** on these 2 cores at the rate of the
  {args.big:,}-record run ({cpu_hours:.1f} CPU-hours), in about {peak:.0f} MiB of memory.
"""
    print(section)
    if args.no_write:
        return
    figures = ROOT / "docs/figures.md"
    text = figures.read_text(encoding="utf-8") if figures.exists() else "# Figures\n"
    start = text.find("## Batch (make bench-batch)")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + (text[end + 1 :] if end >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    figures.write_text(text, encoding="utf-8")
    print(f"bench-batch: wrote {figures.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
