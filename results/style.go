package results

import (
	_ "embed"
	"fmt"
	"image/color"
	"io"
	"os"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// embeddedFont is the default font of every figure: Noto Sans CJK SC Regular
// subset to Latin, punctuation, GB2312 level 1 and every label (about 1.2 MB;
// SIL OFL 1.1, see fonts/OFL.txt; rebuilt by scripts/subset-font.sh).
//
//go:embed fonts/NotoSansSC-RippleSubset.ttf
var embeddedFont []byte

// typeface is the name under which a Style registers its font; one font sets all
// text, Latin and Chinese alike.
const typeface font.Typeface = "Ripple"

// Font sizes of the figure elements, chosen to stay readable when an 8-inch-wide
// figure fills a 16:9 slide.
const (
	sizeTitle   = vg.Length(15)
	sizePanel   = vg.Length(12)
	sizeLabel   = vg.Length(11)
	sizeTick    = vg.Length(10)
	sizeLegend  = vg.Length(10)
	sizeNote    = vg.Length(9.5)
	sizeCaption = vg.Length(8.5)
)

// Palette is the colour set shared by all figures: a dark blue for the main
// series, an orange for thresholds and tipping points, a teal for analytic
// values, greys for text and guides.
var (
	colorMain     = color.NRGBA{R: 0x1f, G: 0x4e, B: 0x79, A: 0xff} // deep blue
	colorMainBand = color.NRGBA{R: 0x1f, G: 0x4e, B: 0x79, A: 0x40}
	colorMainWide = color.NRGBA{R: 0x1f, G: 0x4e, B: 0x79, A: 0x1c}
	colorAccent   = color.NRGBA{R: 0xd9, G: 0x5f, B: 0x02, A: 0xff} // orange
	colorAccentBg = color.NRGBA{R: 0xd9, G: 0x5f, B: 0x02, A: 0x26}
	colorSecond   = color.NRGBA{R: 0x1b, G: 0x9e, B: 0x77, A: 0xff} // teal
	colorFizzle   = color.NRGBA{R: 0x8c, G: 0x9a, B: 0xa8, A: 0xff} // slate
	colorText     = color.NRGBA{R: 0x22, G: 0x22, B: 0x22, A: 0xff}
	colorMuted    = color.NRGBA{R: 0x60, G: 0x60, B: 0x60, A: 0xff}
	colorGrid     = color.NRGBA{R: 0xe3, G: 0xe3, B: 0xe3, A: 0xff}
)

// Style holds what every figure of one run shares: the language and the font.
// A Style is safe for concurrent use by figures that are drawn concurrently.
type Style struct {
	lang    Lang
	t       *texts
	handler text.Plain
	face    *opentype.Font
}

// NewStyle returns the style for lang with the font ttf (TrueType or OpenType
// bytes). A nil ttf selects the embedded Noto Sans SC subset. It returns an error
// for an unknown language or a font that cannot be parsed.
func NewStyle(lang Lang, ttf []byte) (*Style, error) {
	if _, ok := textTables[lang]; !ok {
		return nil, fmt.Errorf("results: unknown language %q (want en or zh)", lang)
	}
	if ttf == nil {
		ttf = embeddedFont
	}
	f, err := opentype.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("results: parse font: %w", err)
	}
	cache := font.NewCache(font.Collection{{Font: font.Font{Typeface: typeface}, Face: f}})
	return &Style{lang: lang, t: lang.text(), handler: text.Plain{Fonts: cache}, face: f}, nil
}

// NewStyleFile is NewStyle with the font read from path; an empty path selects
// the embedded font.
func NewStyleFile(lang Lang, path string) (*Style, error) {
	if path == "" {
		return NewStyle(lang, nil)
	}
	b, err := readFont(path)
	if err != nil {
		return nil, fmt.Errorf("results: read font: %w", err)
	}
	s, err := NewStyle(lang, b)
	if err != nil {
		return nil, fmt.Errorf("results: font %s: %w", path, err)
	}
	return s, nil
}

// MaxFontBytes bounds a font file read by NewStyleFile: the largest CJK
// fonts (Noto Sans CJK, all weights in one collection) are under 40 MB.
const MaxFontBytes = 64 << 20

// readFont reads a font file of at most MaxFontBytes; anything that is not
// a regular file (/dev/zero, a pipe, a folder) is refused before reading.
func readFont(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	if st.Size() > MaxFontBytes {
		return nil, fmt.Errorf("%s: %d bytes, larger than any font (limit %d)", path, st.Size(), MaxFontBytes)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxFontBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFontBytes {
		return nil, fmt.Errorf("%s: larger than any font (limit %d bytes)", path, MaxFontBytes)
	}
	return b, nil
}

// Lang returns the language of s.
func (s *Style) Lang() Lang { return s.lang }

// HasGlyphs reports whether the style's font has a glyph for every rune of str
// (spaces and control characters aside). The CLI can use it to warn about plan
// names that would render as boxes.
func (s *Style) HasGlyphs(str string) bool {
	return len(s.missingGlyphs(str)) == 0
}

// missingGlyphs returns the runes of str that the font cannot draw.
func (s *Style) missingGlyphs(str string) []rune {
	var missing []rune
	for _, r := range str {
		if r <= ' ' {
			continue
		}
		idx, err := s.face.GlyphIndex(nil, r)
		if err != nil || idx == 0 {
			missing = append(missing, r)
		}
	}
	return missing
}

// textStyle returns a text style of the given size and colour in the style's font.
func (s *Style) textStyle(size vg.Length, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.Font{Typeface: typeface, Size: size},
		Handler: s.handler,
	}
}

// newPlot returns a plot whose every text element uses the style's font, with
// round tick steps on both axes (niceTicks), the axis labels given and no title
// unless title is non-empty.
func (s *Style) newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.TextHandler = s.handler
	p.Title.Text = title
	p.Title.TextStyle = s.textStyle(sizePanel, colorText)
	p.Title.TextStyle.XAlign = draw.XCenter
	p.Title.TextStyle.YAlign = draw.YTop
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = s.textStyle(sizeLabel, colorText)
		a.Label.TextStyle.XAlign = draw.XCenter
		a.Label.Padding = vg.Points(6)
		a.Tick.Label = s.textStyle(sizeTick, colorMuted)
		a.LineStyle.Color = colorMuted
		a.LineStyle.Width = vg.Points(0.6)
		a.Tick.LineStyle.Color = colorMuted
		a.Tick.LineStyle.Width = vg.Points(0.6)
		a.Tick.Length = vg.Points(4)
		a.Padding = vg.Points(3)
		a.Tick.Marker = niceTicks{}
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.X.Label.TextStyle.YAlign = draw.YBottom
	p.Y.Label.TextStyle.YAlign = draw.YBottom // gonum/plot turns the y label a quarter turn
	p.X.Tick.Label.XAlign = draw.XCenter
	p.X.Tick.Label.YAlign = draw.YTop
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Label.YAlign = draw.YCenter
	p.Legend.TextStyle = s.textStyle(sizeLegend, colorText)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.Padding = vg.Points(2)
	p.Legend.XOffs = vg.Points(6)
	p.Legend.YOffs = -vg.Points(4)
	return p
}

// caption formats the caption line of a figure.
func (s *Style) caption(c Caption) string {
	graph := c.Graph
	if c.Nodes > 0 {
		graph += fmt.Sprintf(s.t.CaptionNodes, FormatCount(float64(c.Nodes)))
	}
	return fmt.Sprintf(s.t.Caption, graph, c.Model, FormatCount(float64(c.Trials)), c.Seed)
}

// Caption names what a figure was computed from; it is printed in small type
// under every figure so a pasted figure carries its provenance.
type Caption struct {
	// Graph names the graph, e.g. "community-50k" or a file name.
	Graph string
	// Nodes, when positive, is the graph's size, added to its name in the
	// figure's language ("(50,000 people)", "（50,000 人）").
	Nodes int
	// Model names the model and its parameters, e.g. "IC, s = 0.08".
	Model string
	// Trials is the number of Monte Carlo trials.
	Trials int
	// Seed is the master seed.
	Seed uint64
}
