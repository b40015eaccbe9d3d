package results

import (
	"bufio"
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
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
	// Panels are drawn side by side, aligned so their axes line up.
	Panels []*plot.Plot
	// Caption is drawn in small type under the panels.
	Caption string

	Width, Height vg.Length
	DPI           int

	style *Style
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
	canvases := plot.Align([][]*plot.Plot{f.Panels}, tiles, area)
	for i, p := range f.Panels {
		p.Draw(canvases[0][i])
	}
}

// Render draws the figure in format to w.
func (f *Figure) Render(w io.Writer, format Format) error {
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
		dc = draw.New(newOutlineCanvas(svg))
	case PDF:
		pdf := vgpdf.New(f.Width, f.Height)
		c = pdf
		dc = draw.New(newOutlineCanvas(pdf))
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
