package results

import (
	"bufio"
	"fmt"
	"image/color"
	"io"
	"path/filepath"
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
// thumbnails (line, swatch, marker) are drawn before it.
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

// Draw draws the figure onto c: white background, title, panels, caption.
func (f *Figure) Draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())

	margin := vg.Points(10)
	area := draw.Crop(c, margin, -margin, margin, -margin)

	if f.Title != "" {
		ts := f.style.textStyle(sizeTitle, colorText)
		ts.XAlign = draw.XCenter
		ts.YAlign = draw.YTop
		area.FillText(ts, vg.Point{X: area.Center().X, Y: area.Max.Y}, f.Title)
		area.Max.Y -= ts.Height(f.Title) + vg.Points(4)
	}
	if len(f.Legend) > 0 {
		area.Max.Y -= f.drawLegend(area) + vg.Points(6)
	}
	if f.Caption != "" {
		cs := f.style.textStyle(sizeCaption, colorMuted)
		cs.XAlign = draw.XLeft
		cs.YAlign = draw.YBottom
		area.FillText(cs, vg.Point{X: area.Min.X, Y: area.Min.Y}, f.Caption)
		area.Min.Y += cs.Height(f.Caption) + vg.Points(6)
	}
	if len(f.Panels) == 0 {
		return
	}
	tiles := draw.Tiles{Rows: 1, Cols: len(f.Panels), PadX: vg.Points(18)}
	var ss text.Style
	if f.hasSubtitles() {
		ss = f.style.textStyle(sizePanel, colorText)
		ss.XAlign = draw.XCenter
		ss.YAlign = draw.YTop
		area.Max.Y -= ss.Height("M") + vg.Points(8)
	}
	canvases := plot.Align([][]*plot.Plot{f.Panels}, tiles, area)
	for i, p := range f.Panels {
		p.Draw(canvases[0][i])
		if i < len(f.Subtitles) && f.Subtitles[i] != "" {
			// Centred over the data area, in the strip reserved above the panels.
			dc := p.DataCanvas(canvases[0][i])
			x := dc.Center().X
			area.FillText(ss, vg.Point{X: x, Y: area.Max.Y + ss.Height("M") + vg.Points(8)}, f.Subtitles[i])
		}
	}
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

// drawLegend draws the legend entries in centred rows at the top of area and
// returns the height used. Entries wrap to a new row when a row is full.
func (f *Figure) drawLegend(area draw.Canvas) vg.Length {
	ts := f.style.textStyle(sizeLegend, colorText)
	ts.XAlign = draw.XLeft
	ts.YAlign = draw.YCenter
	var (
		thumbW = vg.Points(20)
		gap    = vg.Points(5)  // thumbnail to text
		sep    = vg.Points(18) // between entries
		rowH   = ts.Height("M") * 1.5
		maxW   = area.Max.X - area.Min.X
	)
	width := func(e LegendEntry) vg.Length { return thumbW + gap + ts.Width(e.Text) }
	// Split the entries into rows that fit the width.
	var rows [][]LegendEntry
	var rowW vg.Length
	for _, e := range f.Legend {
		w := width(e)
		if len(rows) == 0 || rowW+sep+w > maxW {
			rows = append(rows, nil)
			rowW = -sep
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], e)
		rowW += sep + w
	}
	y := area.Max.Y
	for _, row := range rows {
		total := -sep
		for _, e := range row {
			total += sep + width(e)
		}
		x := area.Center().X - total/2
		mid := y - rowH/2
		for _, e := range row {
			thumb := draw.Canvas{Canvas: area.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: mid - rowH*0.3},
				Max: vg.Point{X: x + thumbW, Y: mid + rowH*0.3},
			}}
			for _, t := range e.Thumbs {
				t.Thumbnail(&thumb)
			}
			area.FillText(ts, vg.Point{X: x + thumbW + gap, Y: mid}, e.Text)
			x += width(e) + sep
		}
		y -= rowH
	}
	return rowH * vg.Length(len(rows))
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
	if _, err := c.WriteTo(bw); err != nil {
		return fmt.Errorf("results: render %s: %w", format, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("results: render %s: %w", format, err)
	}
	return nil
}

// Save writes the figure to path in the format named by its extension (.png,
// .svg or .pdf), atomically: on error no file is left at path.
func (f *Figure) Save(path string) error {
	format, err := FormatOf(path)
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, func(w io.Writer) error { return f.Render(w, format) })
}
