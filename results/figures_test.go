package results_test

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// regen rewrites the golden images from the Example functions:
// go test ./results -run Figure -regen.
//
// gonum's plot/cmpimg would do this comparison, but it imports rsc.io/pdf,
// which go.sum does not list; checkGolden is its PNG-only equivalent.
var regen = flag.Bool("regen", false, "regenerate the golden images in testdata")

// Golden tolerance. A pixel differs when one of its channels differs by more
// than pixelDelta (of 255): anti-aliasing differences between platforms stay
// below it. The images match when fewer than maxDiffFraction of the pixels
// differ: a moved line, a missing band or a changed label changes well over
// 0.1% of a 768 × 432 image (moving the θ line by one bin and relabelling it
// changes 0.36%).
const (
	pixelDelta      = 48
	maxDiffFraction = 0.001
)

// checkGolden runs example, which writes testdata/name, and compares that file
// with testdata/<name without .png>_golden.png, or replaces the golden with -regen.
func checkGolden(t *testing.T, example func(), name string) {
	t.Helper()
	example()
	got := filepath.Join("testdata", name)
	golden := filepath.Join("testdata", strings.TrimSuffix(name, ".png")+"_golden.png")
	if *regen {
		if err := os.Rename(got, golden); err != nil {
			t.Fatal(err)
		}
		return
	}
	a, b := decodePNG(t, got), decodePNG(t, golden)
	if a.Bounds() != b.Bounds() {
		t.Fatalf("%s: got bounds=%v, want=%v", name, a.Bounds(), b.Bounds())
	}
	diff, total := 0, a.Bounds().Dx()*a.Bounds().Dy()
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if pixelDiffers(a.At(x, y), b.At(x, y)) {
				diff++
			}
		}
	}
	if frac := float64(diff) / float64(total); frac > maxDiffFraction {
		t.Errorf("%s: got %d of %d pixels (%.3f%%) differing from %s, want at most %.1f%%",
			name, diff, total, 100*frac, golden, 100*maxDiffFraction)
	}
}

// pixelDiffers reports whether any channel of a and b differs by more than pixelDelta.
func pixelDiffers(a, b interface{ RGBA() (r, g, b, a uint32) }) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	for _, d := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}, {a1, a2}} {
		hi, lo := max(d[0], d[1]), min(d[0], d[1])
		if (hi-lo)>>8 > pixelDelta {
			return true
		}
	}
	return false
}

// decodePNG reads and decodes a PNG file.
func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

func TestReachFigure(t *testing.T)   { checkGolden(t, ExampleNewReachFigure, "reach.png") }
func TestSpreadFigure(t *testing.T)  { checkGolden(t, ExampleNewSpreadFigure, "spread.png") }
func TestTippingFigure(t *testing.T) { checkGolden(t, ExampleNewTippingFigure, "tipping.png") }
func TestPlanFigure(t *testing.T)    { checkGolden(t, ExampleNewPlanFigure, "plans_zh.png") }
