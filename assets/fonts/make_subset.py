#!/usr/bin/env python3
"""Regenerate NotoSansSC-GB2312-Regular.otf and NotoSansSC-GB2312-Bold.otf,
the CJK fonts fanplan embeds.

The build embeds the committed subsets (include_bytes!); this script only
remakes them, byte for byte, from two named upstream files:

  Debian package  fonts-noto-cjk 1:20220127+repack1-1 (bookworm, section fonts;
                  .deb sha256 4a2515eb6db3978b897fef9709ed0d2b1f4c6c4df4d83d6c4ef65f71f1b1f502)
  files           /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
                  sha256 b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a
                  /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
                  sha256 faa5f3656a78b2e2d450d27fe8382c778bc2b6bb5ea29c986664a6a435056ceb
  face            index 2 of each collection: "Noto Sans CJK SC", Version 2.004
  upstream        googlefonts/noto-cjk (Sans 2.004), SIL Open Font License 1.1

Steps (as root, or point DIR at an extracted copy of the folder):

  apt-get install fonts-noto-cjk          # or: apt-get download + dpkg-deb -x
  pip install fonttools==4.68.0
  python3 assets/fonts/make_subset.py [DIR]

The subset keeps every character of GB 2312 (its 6,763 hanzi and 682 other
characters), the CJK Symbols and Punctuation block (U+3000-U+303F), the
Halfwidth and Fullwidth Forms block (U+FF00-U+FFEF) and every character of
locales/zh-CN.ftl (a test fails when one is missing). It drops hinting and OpenType layout tables, which the
chart renderer does not use.
"""

import hashlib
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DEFAULT_DIR = pathlib.Path("/usr/share/fonts/opentype/noto")
SC_FACE = 2
# (upstream file, its sha256, the subset written beside this script)
FONTS = [
    (
        "NotoSansCJK-Regular.ttc",
        "b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a",
        "NotoSansSC-GB2312-Regular.otf",
    ),
    (
        "NotoSansCJK-Bold.ttc",
        "faa5f3656a78b2e2d450d27fe8382c778bc2b6bb5ea29c986664a6a435056ceb",
        "NotoSansSC-GB2312-Bold.otf",
    ),
]


def gb2312() -> set[str]:
    """Every character GB 2312 encodes: rows 1-94, cells 1-94 (EUC-CN bytes A1-FE)."""
    chars = set()
    for hi in range(0xA1, 0xFF):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def blocks() -> set[str]:
    """CJK Symbols and Punctuation, Halfwidth and Fullwidth Forms."""
    ranges = [(0x3000, 0x303F), (0xFF00, 0xFFEF)]
    return {chr(c) for lo, hi in ranges for c in range(lo, hi + 1)}


def locale_chars() -> set[str]:
    """The CJK characters (U+2E80 and up) of the Chinese messages; Noto Sans
    draws everything below (Latin, "–", "·")."""
    ftl = ROOT / "locales" / "zh-CN.ftl"
    return {c for c in ftl.read_text(encoding="utf-8") if ord(c) >= 0x2E80}


def subset(font: pathlib.Path, sha256: str, output: pathlib.Path, text_file: pathlib.Path) -> None:
    digest = hashlib.sha256(font.read_bytes()).hexdigest()
    if digest != sha256:
        sys.exit(f"{font}: sha256 {digest}, expected {sha256} (another version of the font)")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "fontTools.subset",
            str(font),
            f"--font-number={SC_FACE}",
            f"--text-file={text_file}",
            f"--output-file={output}",
            "--no-hinting",
            "--layout-features=",
            "--drop-tables+=GSUB,GPOS,GDEF,BASE,VORG,vhea,vmtx",
            "--name-IDs=0,1,2,3,4,5,6,7,13,14",
            "--notdef-outline",
        ],
        check=True,
    )
    print(f"{output.name}: {output.stat().st_size} bytes")


def main() -> None:
    folder = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    hanzi = {c for c in gb2312() if "\u4e00" <= c <= "\u9fff"}
    if len(hanzi) != 6763:
        sys.exit(f"GB 2312 gave {len(hanzi)} hanzi, expected 6763")
    text = "".join(sorted(gb2312() | blocks() | locale_chars()))
    print(f"{len(text)} characters requested")
    with tempfile.TemporaryDirectory() as tmp:
        text_file = pathlib.Path(tmp) / "chars.txt"
        text_file.write_text(text, encoding="utf-8")
        for name, sha256, out in FONTS:
            subset(folder / name, sha256, HERE / out, text_file)


if __name__ == "__main__":
    main()
