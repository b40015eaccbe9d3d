package results

import (
	"bufio"
	"bytes"
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Slide-friendly defaults: 8 in × 4.5 in is 16:9, and 240 dots per inch gives a
// 1920 × 1080 PNG that stays crisp on a full-HD slide.
const (
	DefaultWidth  = 8 * vg.Inch
	DefaultHeight = 4.5 * vg.Inch
	DefaultDPI    = 240
)

// Format is an output format of a figure.
type Format string

// The formats a Figure renders to.
const (
	PNG Format = "png"
	SVG Format = "svg"
	PDF Format = "pdf"
)

// FormatOf returns the format named by the extension of path (".png", ".svg" or
// ".pdf", case-insensitive), or an error naming the path.
func FormatOf(path string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))); f {
	case PNG, SVG, PDF:
		return f, nil
	}
	return "", fmt.Errorf("results: unsupported figure format %q in %s (want .png, .svg or .pdf)", filepath.Ext(path), path)
}

// Figure is a finished figure: a title, one row of panels and a caption line.
// Width, Height and DPI default to a 16:9 slide (DefaultWidth, DefaultHeight,
// DefaultDPI) and may be changed before rendering; DPI affects PNG only.
type Figure struct {
	// Title is drawn centred above the panels.
	Title string
	// Legend is drawn as a centred row (wrapped when long) under the title, so
	// it never hides data.
	Legend []LegendEntry
	// Panels are drawn side by side, aligned so their axes line up.
	Panels []*plot.Plot
	// Subtitles, one per panel (empty for none), are drawn above the panels on
	// one line.
	Subtitles []string
	// Caption is drawn in small type under the panels.
	Caption string

	Width, Height vg.Length
	DPI           int

	style *Style
}

// LegendEntry is one item of a figure's legend: a label and the plotters whose
// thumbnails (line, swatch, marker) are drawn before it. An entry without
// thumbnails is a note: its text alone.
type LegendEntry struct {
	Text   string
	Thumbs []plot.Thumbnailer
}

// newFigure returns a figure of the default size with the given title, caption and panels.
func newFigure(s *Style, title string, c Caption, panels ...*plot.Plot) *Figure {
	return &Figure{
		Title:   title,
		Panels:  panels,
		Caption: s.caption(c),
		Width:   DefaultWidth,
		Height:  DefaultHeight,
		DPI:     DefaultDPI,
		style:   s,
	}
}

// MarkPartial adds to the caption that the figure comes from an
// interrupted run (in the figure's language).
func (f *Figure) MarkPartial() {
	if f.style != nil {
		f.Caption += f.style.t.Partial
	}
}

// Draw draws the figure onto c: white background, title, legend, panels,
// caption. The figure must come from a New*Figure function (Draw panics on a
// Figure without a style; Render and Save return an error instead).
func (f *Figure) Draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())

	l := f.layout(c)
	if f.Title != "" {
		l.area.FillText(l.title, vg.Point{X: l.area.Center().X, Y: l.area.Max.Y}, f.Title)
	}
	if len(f.Legend) > 0 {
		f.drawLegend(l.legend)
	}
	if f.Caption != "" {
		l.area.FillText(l.caption, vg.Point{X: l.area.Min.X, Y: l.area.Min.Y}, f.Caption)
	}
	for i, p := range f.Panels {
		p.Draw(l.panels[i])
		if i < len(f.Subtitles) && f.Subtitles[i] != "" {
			// Centred over the data area, in the strip reserved above the panels.
			dc := p.DataCanvas(l.panels[i])
			x := dc.Center().X
			fit := l.subtitle
			for fit.Font.Size > sizeTick && fit.Width(f.Subtitles[i]) > l.panels[i].Max.X-l.panels[i].Min.X {
				fit.Font.Size -= 0.5 // a narrow panel of three: shrink rather than overlap the next subtitle
			}
			l.area.FillText(fit, vg.Point{X: x, Y: l.subtitleY}, f.Subtitles[i])
		}
	}
}

// layout is where the parts of a figure go on a canvas.
type layout struct {
	area                     draw.Canvas // inside the margin
	title, caption, subtitle text.Style
	legend                   draw.Canvas // top of it holds the legend rows
	subtitleY                vg.Length   // top of the subtitle strip
	panels                   []draw.Canvas
}

// layout places the title at the top of c, the legend under it, the caption
// at the bottom, the subtitle strip and the panels in between, with the
// panels' data areas aligned.
func (f *Figure) layout(c draw.Canvas) layout {
	margin := vg.Points(10)
	l := layout{area: draw.Crop(c, margin, -margin, margin, -margin)}
	rest := l.area
	if f.Title != "" {
		l.title = f.style.textStyle(sizeTitle, colorText)
		l.title.XAlign = draw.XCenter
		l.title.YAlign = draw.YTop
		rest.Max.Y -= l.title.Height(f.Title) + vg.Points(4)
	}
	if len(f.Legend) > 0 {
		l.legend = rest
		rest.Max.Y -= f.legendHeight(rest) + vg.Points(6)
	}
	if f.Caption != "" {
		l.caption = f.style.textStyle(sizeCaption, colorMuted)
		l.caption.XAlign = draw.XLeft
		l.caption.YAlign = draw.YBottom
		rest.Min.Y += l.caption.Height(f.Caption) + vg.Points(6)
	}
	if len(f.Panels) == 0 {
		return l
	}
	if f.hasSubtitles() {
		l.subtitle = f.style.textStyle(sizePanel, colorText)
		l.subtitle.XAlign = draw.XCenter
		l.subtitle.YAlign = draw.YTop
		l.subtitleY = rest.Max.Y
		rest.Max.Y -= l.subtitle.Height("M") + vg.Points(8)
	}
	tiles := draw.Tiles{Rows: 1, Cols: len(f.Panels), PadX: vg.Points(18)}
	l.panels = plot.Align([][]*plot.Plot{f.Panels}, tiles, rest)[0]
	return l
}

// hasSubtitles reports whether any panel has a subtitle.
func (f *Figure) hasSubtitles() bool {
	for _, s := range f.Subtitles {
		if s != "" {
			return true
		}
	}
	return false
}

// legendText is the text style of legend entries.
func (f *Figure) legendText() text.Style {
	ts := f.style.textStyle(sizeLegend, colorText)
	ts.XAlign = draw.XLeft
	ts.YAlign = draw.YCenter
	return ts
}

// Legend geometry: thumbnail width, thumbnail-to-text gap, space between entries.
const (
	legendThumbW = vg.Length(20)
	legendGap    = vg.Length(5)
	legendSep    = vg.Length(18)
)

// legendWidth returns the width of one legend entry.
func (f *Figure) legendWidth(e LegendEntry) vg.Length {
	w := f.legendText().Width(e.Text)
	if len(e.Thumbs) == 0 {
		return w // a note: no thumbnail, no gap
	}
	return legendThumbW + legendGap + w
}

// legendRows splits the legend entries into rows that fit the width of area.
func (f *Figure) legendRows(area draw.Canvas) [][]LegendEntry {
	var rows [][]LegendEntry
	var rowW vg.Length
	for _, e := range f.Legend {
		w := f.legendWidth(e)
		if len(rows) == 0 || rowW+legendSep+w > area.Max.X-area.Min.X {
			rows = append(rows, nil)
			rowW = -legendSep
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], e)
		rowW += legendSep + w
	}
	return rows
}

// legendRowHeight is the height of one legend row.
func (f *Figure) legendRowHeight() vg.Length { return f.legendText().Height("M") * 1.5 }

// legendHeight returns the height the legend takes at the top of area.
func (f *Figure) legendHeight(area draw.Canvas) vg.Length {
	return f.legendRowHeight() * vg.Length(len(f.legendRows(area)))
}

// drawLegend draws the legend entries in centred rows at the top of area,
// wrapping to a new row when a row is full.
func (f *Figure) drawLegend(area draw.Canvas) {
	ts := f.legendText()
	rowH := f.legendRowHeight()
	y := area.Max.Y
	for _, row := range f.legendRows(area) {
		total := -legendSep
		for _, e := range row {
			total += legendSep + f.legendWidth(e)
		}
		x := area.Center().X - total/2
		mid := y - rowH/2
		for _, e := range row {
			tx := x
			if len(e.Thumbs) > 0 {
				thumb := draw.Canvas{Canvas: area.Canvas, Rectangle: vg.Rectangle{
					Min: vg.Point{X: x, Y: mid - rowH*0.3},
					Max: vg.Point{X: x + legendThumbW, Y: mid + rowH*0.3},
				}}
				for _, t := range e.Thumbs {
					t.Thumbnail(&thumb)
				}
				tx += legendThumbW + legendGap
			}
			if len(e.Thumbs) == 0 {
				ts.Color = colorMuted // a note, set apart from the keys
			}
			area.FillText(ts, vg.Point{X: tx, Y: mid}, e.Text)
			ts.Color = colorText
			x += f.legendWidth(e) + legendSep
		}
		y -= rowH
	}
}

// Render draws the figure in format to w. The figure must come from one of the
// New*Figure constructors, which give it its style.
func (f *Figure) Render(w io.Writer, format Format) error {
	if f.style == nil {
		return fmt.Errorf("results: render: figure has no style (make it with a New*Figure function)")
	}
	var (
		c  vg.CanvasWriterTo
		dc draw.Canvas
	)
	switch format {
	case PNG:
		dpi := f.DPI
		if dpi <= 0 {
			dpi = DefaultDPI
		}
		img := vgimg.NewWith(vgimg.UseWH(f.Width, f.Height), vgimg.UseDPI(dpi))
		c = vgimg.PngCanvas{Canvas: img}
		dc = draw.New(img)
	case SVG:
		svg := vgsvg.New(f.Width, f.Height)
		c = svg
		dc = draw.New(newOutlineCanvas(svg, false))
	case PDF:
		pdf := vgpdf.New(f.Width, f.Height)
		c = pdf
		dc = draw.New(newOutlineCanvas(pdf, true))
	default:
		return fmt.Errorf("results: unsupported figure format %q (want png, svg or pdf)", format)
	}
	f.Draw(dc)
	bw := bufio.NewWriter(w)
	if format == PDF {
		// The PDF writer stamps the wall clock into the document's info:
		// a fixed date keeps a figure's bytes a function of its data, as
		// every other output is (same length, so the offsets hold).
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return fmt.Errorf("results: render %s: %w", format, err)
		}
		if _, err := bw.Write(pdfDate.ReplaceAll(buf.Bytes(), []byte("/$1 (D:20000101000000"))); err != nil {
			return fmt.Errorf("results: render %s: %w", format, err)
		}
	} else if _, err := c.WriteTo(bw); err != nil {
		return fmt.Errorf("results: render %s: %w", format, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("results: render %s: %w", format, err)
	}
	return nil
}

// pdfDate matches the date stamps of a PDF's information dictionary.
var pdfDate = regexp.MustCompile(`/(CreationDate|ModDate) \(D:[0-9]{14}`)

// Save writes the figure to path in the format named by its extension (.png,
// .svg or .pdf), atomically: on error no file is left at path.
func (f *Figure) Save(path string) error {
	format, err := FormatOf(path)
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, func(w io.Writer) error { return f.Render(w, format) })
}
