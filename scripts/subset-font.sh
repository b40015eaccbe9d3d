#!/bin/sh
# subset-font.sh builds results/fonts/NotoSansSC-RippleSubset.ttf, the CJK font that
# the results package embeds, and its licence file results/fonts/OFL.txt.
#
# Source: Noto Sans CJK SC Regular (SIL Open Font License 1.1) from Debian's
# fonts-noto-cjk package. Its outlines are CFF (cubic); gonum/plot's image backend
# reads either flavour, but TrueType 'glyf' outlines keep the file usable by every
# Go font reader (and by fpdf), so the script converts them to quadratics (cu2qu).
#
# Character set (about 4,000 characters; about 2 MB):
#   - ASCII, Latin-1, general punctuation and the math signs used in labels;
#   - GB2312 rows 1-9 (full-width punctuation and symbols);
#   - GB2312 level 1: the 3,755 most common hanzi, so user-typed plan names render;
#   - every non-ASCII character of results/*.go, so all label strings render.
#
# Vertical metrics are set to the ideographic em box (ascent 0.88 em, descent
# 0.12 em, no line gap) so gonum/plot centres text correctly; see below.
#
# Needs: python3 with fontTools (Debian: apt-get install fonts-noto-cjk python3-fonttools).
# Run from the repository root:  sh scripts/subset-font.sh
set -eu

SRC=${SRC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
SRC_INDEX=${SRC_INDEX:-2} # 2 = Noto Sans CJK SC inside the collection
COPYRIGHT=${COPYRIGHT:-/usr/share/doc/fonts-noto-cjk/copyright}
OUT=${OUT:-results/fonts/NotoSansSC-RippleSubset.ttf}
LICENSE_OUT=${LICENSE_OUT:-results/fonts/OFL.txt}
# Debian's fonttools lives in the system python; prefer it over a pyenv shim.
PYTHON=${PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}

[ -r "$SRC" ] || { echo "subset-font: cannot read $SRC (apt-get install fonts-noto-cjk)" >&2; exit 1; }

"$PYTHON" - "$SRC" "$SRC_INDEX" "$OUT" "$COPYRIGHT" "$LICENSE_OUT" results <<'PY'
import glob, io, os, sys
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools import subset

src, index, out, copyright_path, license_out = sys.argv[1:6]
sources = [p for p in sorted(glob.glob(os.path.join(sys.argv[6], "*.go"))) if not p.endswith("_test.go")]

chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
chars |= set(range(0x2010, 0x2027)) | {0x2030, 0x2032, 0x2033, 0x2212, 0x2248, 0x2264,
         0x2265, 0x00D7, 0x03B8, 0x03BB, 0x03BC, 0x03C3, 0x03C6, 0x27E8, 0x27E9, 0x2192, 0x2190}
def gb2312(rows):
    for hi in rows:
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
gb2312(range(0xA1, 0xAA))  # rows 1-9: punctuation, full-width forms, symbols
gb2312(range(0xB0, 0xD8))  # rows 16-55: level 1 hanzi
for path in sources:
    with open(path, encoding="utf-8") as f:
        chars |= {ord(c) for c in f.read() if ord(c) > 0x7F}

font = TTCollection(src).fonts[int(index)]
opts = subset.Options()
opts.layout_features = []  # no GSUB/GPOS: gonum/plot lays text out glyph by glyph
opts.name_IDs = ["*"]
opts.notdef_outline = True
opts.hinting = False
opts.desubroutinize = True
sub = subset.Subsetter(opts)
sub.populate(unicodes=sorted(chars))
sub.subset(font)
n = len(font.getBestCmap())

# CFF -> TrueType quadratic outlines (the fontTools otf2ttf recipe).
glyph_order = font.getGlyphOrder()
glyph_set = font.getGlyphSet()
glyf = newTable("glyf"); glyf.glyphOrder = glyph_order; glyf.glyphs = {}
for name in glyph_order:
    pen = TTGlyphPen(glyph_set)
    glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
    glyf[name] = pen.glyph()
font["loca"] = newTable("loca")
font["glyf"] = glyf
font["maxp"].tableVersion = 0x00010000
for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
             "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
    setattr(font["maxp"], attr, 0)
font["maxp"].maxZones = 1
font["maxp"].maxComponentDepth = 0
font["head"].glyphDataFormat = 0
del font["CFF "]
if "VORG" in font: del font["VORG"]
post = font["post"]; post.formatType = 2.0; post.extraNames = []; post.mapping = {}
post.glyphOrder = glyph_order
font.sfntVersion = "\x00\x01\x00\x00"

# Vertical metrics: gonum/plot aligns text assuming a Latin-like ascent of about
# 0.9 em and a line height of about 1 em. Noto CJK's ascent of 1.16 em and
# height of 1.45 em would set every centred label about half an em too low, so
# the subset declares the ideographic em box (-120..880 of 1000) instead.
upm = font["head"].unitsPerEm
asc, desc = round(0.88 * upm), -round(0.12 * upm)
font["hhea"].ascent, font["hhea"].descent, font["hhea"].lineGap = asc, desc, 0
os2 = font["OS/2"]
os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = asc, desc, 0
os2.version = max(os2.version, 4)  # fsSelection bit 7 needs version 4
os2.fsSelection |= 1 << 7  # USE_TYPO_METRICS

# A modified version gets its own family name (OFL section 3 spirit).
family = "Noto Sans SC Ripple Subset"
name = font["name"]
for rec in list(name.names):
    if rec.nameID in (1, 4, 16):
        name.setName(family, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
    elif rec.nameID == 6:
        name.setName("NotoSansSC-RippleSubset", rec.nameID, rec.platformID, rec.platEncID, rec.langID)

# Reproducible output: keep the source's timestamps instead of "now".
font.recalcTimestamp = False
font["head"].modified = font["head"].created

tmp = out + ".tmp"
font.save(tmp)
os.replace(tmp, out)
print(f"subset-font: {out}: {n} characters, {len(glyph_order)} glyphs, {os.path.getsize(out)} bytes")

# Licence: the font's copyright notice followed by the OFL 1.1 text from Debian.
notice = font["name"].getDebugName(0)
with open(copyright_path, encoding="utf-8") as f:
    all_lines = f.read().split("\n")
start = max(i for i, l in enumerate(all_lines) if l.rstrip() == "License: SIL-1.1")
lines = []
for line in all_lines[start + 1:]:
    if not line.startswith(" "):
        break
    lines.append("" if line.strip() == "." else line[1:])
text = ("NotoSansSC-RippleSubset.ttf is a subset of Noto Sans CJK SC Regular,\n"
        "converted to TrueType outlines by scripts/subset-font.sh.\n\n"
        + notice + "\n\n" + "\n".join(lines).strip() + "\n")
with open(license_out, "w", encoding="utf-8") as f:
    f.write(text)
PY
