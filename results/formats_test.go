package results_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ripple-sim/ripple/results"
)

// TestAllFiguresAllFormats renders every figure in both languages as PNG, SVG
// and PDF at slide size. Set RIPPLE_LOOK_DIR to keep the files for viewing
// (for example with pdftoppm -png and rsvg-convert); otherwise they go to a
// temporary directory.
func TestAllFiguresAllFormats(t *testing.T) {
	dir, dpi := os.Getenv("RIPPLE_LOOK_DIR"), results.DefaultDPI
	if dir == "" {
		dir, dpi = t.TempDir(), goldenDPI // smaller PNGs when nobody looks
	}
	figs := []struct {
		name  string
		build func(*results.Style) (*results.Figure, error)
	}{
		{"reach", func(s *results.Style) (*results.Figure, error) {
			return results.NewReachFigure(s, exampleReach(), exampleCaption)
		}},
		{"spread", func(s *results.Style) (*results.Figure, error) {
			return results.NewSpreadFigure(s, exampleSpread(), exampleCaption)
		}},
		{"tipping", func(s *results.Style) (*results.Figure, error) {
			return results.NewTippingFigure(s, exampleTipping(), exampleCaption)
		}},
		{"plans", func(s *results.Style) (*results.Figure, error) {
			return results.NewPlanFigure(s, examplePlans(), exampleCaption)
		}},
	}
	for _, fig := range figs {
		for _, lang := range []results.Lang{results.English, results.Chinese} {
			base := filepath.Join(dir, fig.name+"_"+string(lang))
			saveExample(lang, dpi, fig.build, base+".png", base+".svg", base+".pdf")
			for _, ext := range []string{".png", ".svg", ".pdf"} {
				fi, err := os.Stat(base + ext)
				if err != nil {
					t.Fatal(err)
				}
				if fi.Size() < 10_000 {
					t.Errorf("%s%s: got size=%d, want a full figure (>10 kB)", base, ext, fi.Size())
				}
			}
		}
	}
}

// TestPDFDateFixed: a PDF's date stamps are fixed, so the same figure gives
// the same bytes at any time (gonum's writer stamps the wall clock), as the
// shard merge and the determinism contract need.
func TestPDFDateFixed(t *testing.T) {
	st, err := results.NewStyle(results.English, nil)
	if err != nil {
		t.Fatal(err)
	}
	fig, err := results.NewReachFigure(st, exampleReach(), exampleCaption)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := fig.Render(&b, results.PDF); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"/CreationDate (D:20000101000000", "/ModDate (D:20000101000000"} {
		if !bytes.Contains(b.Bytes(), []byte(key)) {
			t.Errorf("PDF lacks %q: the date stamps are the clock's", key)
		}
	}
}
