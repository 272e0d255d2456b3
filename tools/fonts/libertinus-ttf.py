#!/usr/bin/env python3
"""Makes the default template's fonts: Libertinus Serif with TrueType (quadratic) outlines,
cut to the repertoire French and Dutch motions use, so one file serves the PDF (subset again
by krilla) and the DOCX (embedded as is: Word embeds only TrueType outlines).

    pip install fonttools==4.68.0
    python3 tools/fonts/libertinus-ttf.py SOURCE_DIR templates/default/fonts

SOURCE_DIR holds LibertinusSerif-{Regular,Italic,Bold,BoldItalic}.otf as shipped in the
typst-assets crate 0.15.1 (crates.io, files/fonts/). The output is byte-reproducible."""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

FACES = ["Regular", "Italic", "Bold", "BoldItalic"]

# Latin (with Extended-A and -B: Polish, Czech, Romanian, Turkish names), spacing modifiers
# and combining marks, modifier letters (ᵉ ʳ), punctuation and spaces (« » ’ – — … U+202F),
# super- and subscripts, currency (€), letterlike (№ ™), number forms, a few arrows and
# mathematical signs, boxes and check marks for forms, and the f-ligatures.
REPERTOIRE = (
    "U+0020-007E,U+00A0-024F,U+02B0-02FF,U+0300-036F,U+1D2C-1D6A,U+1E9E,U+2000-206F,"
    "U+2070-209F,U+20A0-20CF,U+2100-214F,U+2150-218F,U+2190-2199,U+2212,U+2215,U+2219,"
    "U+221E,U+2248,U+2260,U+2264,U+2265,U+25A0-25A1,U+25CB,U+25CF,U+2610-2612,"
    "U+2713-2714,U+FB00-FB06"
)


def to_quadratic(font: TTFont) -> None:
    """Replaces the CFF outlines by TrueType ones (cubic curves approximated within one font
    unit); every other table, OpenType layout included, is kept."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font.sfntVersion = "\0\1\0\0"


def main(source: Path, target: Path) -> None:
    options = subset.Options()
    options.layout_features = subset.Options().layout_features  # the defaults: kern, liga …
    options.notdef_outline = True
    for face in FACES:
        font = TTFont(source / f"LibertinusSerif-{face}.otf", recalcTimestamp=False)
        to_quadratic(font)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(REPERTOIRE))
        subsetter.subset(font)
        font.save(target / f"LibertinusSerif-{face}.ttf")
        print(target / f"LibertinusSerif-{face}.ttf")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
