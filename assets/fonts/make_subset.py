"""Rebuild NotoSansSC-Regular.ttf (GBK subset) from the npm Noto Sans SC Regular TTF.

Usage (not run by CI; needs fontTools, e.g. the project venv)::

    cd /tmp && npm pack @expo-google-fonts/noto-sans-sc && mkdir -p notosc \\
        && tar xzf expo-google-fonts-noto-sans-sc-*.tgz -C notosc
    python assets/fonts/make_subset.py \\
        /tmp/notosc/package/400Regular/NotoSansSC_400Regular.ttf

The output defaults to ``NotoSansSC-Regular.ttf`` beside this script. The licence is
``notosc/package/LICENSE_FONT`` (SIL OFL 1.1), copied here as ``OFL.txt``.

The subset keeps every character encodable in GBK (covers rare shop-name characters that a
GB2312 subset would lose), ASCII/Latin-1, general punctuation, arrows, enclosed numbers
(①–⑳), geometric shapes, CJK symbols and punctuation and fullwidth forms. pyftsubset's
defaults are kept for hinting, glyph names and layout features; the licence name records
(IDs 13, 14) are kept too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "NotoSansSC-Regular.ttf"
CHECK_TEXT = "销售通今日客户拜访经销商二批零售终端淘汰①⑪鑫淼犇"

EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement
    (0x2000, 0x206F),  # general punctuation
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed alphanumerics (①–⑳ ...)
    (0x25A0, 0x25FF),  # geometric shapes
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms
]


def gbk_codepoints() -> set[int]:
    """Return every BMP code point that Python's 'gbk' codec can encode."""
    out: set[int] = set()
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        out.add(cp)
    return out


def wanted_codepoints() -> set[int]:
    """Return the GBK set plus the extra ranges."""
    cps = gbk_codepoints()
    for lo, hi in EXTRA_RANGES:
        cps.update(range(lo, hi + 1))
    return cps


def make_subset(src: Path, dst: Path) -> None:
    """Subset ``src`` to the wanted code points and write ``dst``."""
    options = subset.Options()  # same defaults as the pyftsubset command line
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # also keep the OFL licence name records
    font = subset.load_font(str(src), options)
    available = set(font.getBestCmap())
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted_codepoints() & available))
    subsetter.subset(font)
    subset.save_font(font, str(dst), options)


def check(dst: Path, text: str = CHECK_TEXT) -> None:
    """Raise if any character of ``text`` is missing from the cmap of ``dst``."""
    font = TTFont(str(dst))
    cmap = font.getBestCmap()
    missing = [ch for ch in text if ord(ch) not in cmap]
    if missing:
        raise SystemExit(f"missing from {dst.name}: {''.join(missing)}")
    size_mb = dst.stat().st_size / 1_000_000
    print(f"{dst}: {size_mb:.2f} MB, {font['maxp'].numGlyphs} glyphs, {len(cmap)} code points")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="NotoSansSC_400Regular.ttf from the npm package")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, help="output TTF")
    args = parser.parse_args(argv)
    make_subset(args.src, args.out)
    check(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
