from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SAMPLES = ROOT.parent / "shared" / "samples"


@pytest.fixture
def demo_page_file() -> Path:
    return EXAMPLES / "qingchuan-daily-2026-03-12.txt"


def need_samples() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip(f"{SAMPLES} is absent: the shared sample pages are not part of the project")
    return SAMPLES
