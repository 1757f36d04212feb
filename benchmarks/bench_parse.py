"""Parse speed on one core, with and without repair, and peak memory:
``python benchmarks/bench_parse.py FOLDER``."""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from baoku.pipeline import DEFAULT_STAGES, parse_file


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
    bare = repaired = float("inf")
    for _ in range(rounds):
        bare = min(bare, seconds(files, ()))
        repaired = min(repaired, seconds(files, DEFAULT_STAGES))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"parse without repair: {pages} pages in {bare:.2f} s = {pages / bare:.0f} pages/s on one core")
    print(f"parse with repair:    {pages} pages in {repaired:.2f} s = {pages / repaired:.0f} pages/s "
          f"(repair adds {100 * (repaired - bare) / bare:.0f}%)")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/samples/rmrb-2019-02"))
