package results

import (
	"image/color"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	pfont "gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// outlineCanvas is a vg.Canvas that draws text as filled glyph outlines and
// passes everything else to the canvas it wraps.
//
// gonum/plot's PDF canvas encodes text in code page 1252, which garbles Chinese,
// and its SVG canvas names fonts without embedding them, so a viewer without the
// font substitutes another. Outlines look the same in every viewer. Layout matches
// the PNG canvas: glyph advances and kerning of the same font at the same size.
//
// With straightAlpha set, SetColor hands the wrapped canvas colours whose RGBA
// method returns non-premultiplied components: gonum/plot's PDF canvas passes
// RGBA() straight to the PDF fill colour and sets the alpha separately, so a
// translucent orange would otherwise come out grey.
type outlineCanvas struct {
	vg.CanvasSizer
	straightAlpha bool
	buf           sfnt.Buffer
}

// newOutlineCanvas wraps c.
func newOutlineCanvas(c vg.CanvasSizer, straightAlpha bool) *outlineCanvas {
	return &outlineCanvas{CanvasSizer: c, straightAlpha: straightAlpha}
}

// SetColor sets the colour of later strokes, fills and text.
func (c *outlineCanvas) SetColor(clr color.Color) {
	if c.straightAlpha && clr != nil {
		clr = straight(color.NRGBA64Model.Convert(clr).(color.NRGBA64))
	}
	c.CanvasSizer.SetColor(clr)
}

// straight is a colour whose RGBA method returns non-premultiplied components,
// for the PDF canvas only (see outlineCanvas).
type straight color.NRGBA64

// RGBA returns the colour's components without premultiplying by alpha.
func (s straight) RGBA() (r, g, b, a uint32) {
	return uint32(s.R), uint32(s.G), uint32(s.B), uint32(s.A)
}

// FillString draws str with its baseline starting at pt, as filled outlines in
// the current colour. Runes without a glyph draw the font's .notdef box, as the
// PNG canvas does.
func (c *outlineCanvas) FillString(f pfont.Face, pt vg.Point, str string) {
	size := f.Font.Size
	if size == 0 || f.Face == nil {
		return
	}
	// Working at ppem = size in points (26.6 fixed point) makes glyph coordinates
	// come out in points.
	ppem := fixed.Int26_6(size.Points() * 64)
	fnt := f.Face
	var (
		path vg.Path
		x    fixed.Int26_6
		prev sfnt.GlyphIndex
	)
	toPoint := func(p fixed.Point26_6) vg.Point {
		// sfnt's y axis points down; vg's points up.
		return vg.Point{
			X: pt.X + vg.Length(float64(x+p.X)/64),
			Y: pt.Y - vg.Length(float64(p.Y)/64),
		}
	}
	for i, r := range str {
		idx, err := fnt.GlyphIndex(&c.buf, r)
		if err != nil {
			continue
		}
		if i > 0 {
			if k, err := fnt.Kern(&c.buf, prev, idx, ppem, font.HintingNone); err == nil {
				x += k
			}
		}
		segs, err := fnt.LoadGlyph(&c.buf, idx, ppem, nil)
		if err == nil {
			open := false
			for _, s := range segs {
				switch s.Op {
				case sfnt.SegmentOpMoveTo:
					if open {
						path.Close()
					}
					path.Move(toPoint(s.Args[0]))
					open = true
				case sfnt.SegmentOpLineTo:
					path.Line(toPoint(s.Args[0]))
				case sfnt.SegmentOpQuadTo:
					path.QuadTo(toPoint(s.Args[0]), toPoint(s.Args[1]))
				case sfnt.SegmentOpCubeTo:
					path.CubeTo(toPoint(s.Args[0]), toPoint(s.Args[1]), toPoint(s.Args[2]))
				}
			}
			if open {
				path.Close()
			}
		}
		if adv, err := fnt.GlyphAdvance(&c.buf, idx, ppem, font.HintingNone); err == nil {
			x += adv
		}
		prev = idx
	}
	if len(path) > 0 {
		c.Fill(path)
	}
}
