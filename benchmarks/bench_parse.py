"""Parse speed on one core and peak memory: ``python benchmarks/bench_parse.py FOLDER``."""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from baoku.pipeline import parse_file


def main(folder: Path) -> None:
    files = sorted(folder.glob("*.txt"))
    if not files:
        sys.exit(f"bench: {folder}: no .txt pages here")
    parse_file(files[0])  # load the model before the clock starts
    pages = 0
    started = time.perf_counter()
    for path in files:
        pages += len(parse_file(path).pages)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"parse: {pages} pages in {seconds:.2f} s = {pages / seconds:.0f} pages/s on one core")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/samples/rmrb-2019-02"))
