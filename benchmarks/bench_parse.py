"""Parse speed on one core, stage by stage, and peak memory:
``python benchmarks/bench_parse.py FOLDER``."""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from baoku.pipeline import DEFAULT_STAGES, parse_file

# Each run parses the folder with the stages up to one more of the default ones.
RUNS = {"segment only": (), "+ repair": ("repair",), "+ extract (the default)": DEFAULT_STAGES}


def seconds(files: list[Path], stages: tuple[str, ...]) -> float:
    started = time.perf_counter()
    for path in files:
        parse_file(path, stages=stages)
    return time.perf_counter() - started


def main(folder: Path, rounds: int = 3) -> None:
    files = sorted(folder.glob("*.txt"))
    if not files:
        sys.exit(f"bench: {folder}: no .txt pages here")
    pages = sum(len(parse_file(path).pages) for path in files)  # also loads the models
    # The best of a few interleaved rounds: on a shared machine the slow rounds measure the
    # neighbours, not the code.
    best = dict.fromkeys(RUNS, float("inf"))
    for _ in range(rounds):
        for name, stages in RUNS.items():
            best[name] = min(best[name], seconds(files, stages))
    base = best["segment only"]
    print(f"parse of {pages} pages on one core:")
    for name, taken in best.items():
        added = f"  ({100 * (taken - base) / base:+.0f}% on segmenting)" if taken != base else ""
        print(f"  {name:<24} {taken:6.2f} s = {pages / taken:5.0f} pages/s{added}")
    repair_share = (best["+ repair"] - base) / base
    print(f"repair adds {100 * repair_share:.0f}% to parse time without it")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/samples/rmrb-2019-02"))
