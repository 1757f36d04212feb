"""A place's administrative level, and its division code where the name is a known division:
潍坊市 and 潍坊 are the prefecture 370700000000; 奎文区 the county-level district 370705000000;
a name ending in 街道, 镇 or 村 is a township or village (the table stops at counties)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

# The endings a division's name may drop in running text (山东省 → 山东), longest first.
_ENDINGS = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
            "地区", "省", "市", "县", "区", "盟", "旗")
# Below the counties, the level by the name's ending.
_LOCAL = (("街道", "township"), ("镇", "township"), ("乡", "township"), ("社区", "village"),
          ("村", "village"))


@dataclass(frozen=True)
class Division:
    code: str
    level: str  # province, prefecture or county


def _level(code: str) -> str:
    if code[2:6] == "0000":
        return "province"
    return "prefecture" if code[4:6] == "00" else "county"


@cache
def _divisions() -> dict[str, list[Division]]:
    """Every division under its full name and under its name without the ending."""
    table: dict[str, list[Division]] = {}
    text = resources.files(__package__).joinpath("divisions.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, name = line.split("\t")
        division = Division(code, _level(code))
        table.setdefault(name, []).append(division)
        short = next((name[:-len(e)] for e in _ENDINGS if name.endswith(e)), name)
        if len(short) >= 2 and short != name:
            table.setdefault(short, []).append(division)
    return table


def place_level(name: str) -> tuple[str | None, str | None]:
    """(level, division code) of a place name; the code only where the name is one division,
    the level where all its readings agree."""
    found = _divisions().get(name, [])
    levels = {d.level for d in found}
    if len(levels) == 1:
        return levels.pop(), found[0].code if len(found) == 1 else None
    local = next((level for ending, level in _LOCAL if name.endswith(ending)), None)
    return local, None


def is_division(name: str) -> bool:
    """Whether the name is that of a division to county level, in full or without its ending
    (山东省, 山东)."""
    return name in _divisions()
