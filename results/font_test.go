package results

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"reflect"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/recorder"
)

// TestLabelsHaveGlyphs checks that the embedded font draws every string of every
// language table, so no label renders as boxes. It fails when a label gains a
// character that scripts/subset-font.sh has not yet put in the font.
func TestLabelsHaveGlyphs(t *testing.T) {
	for lang, table := range textTables {
		s, err := NewStyle(lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		strs := tableStrings(table)
		if len(strs) < 40 {
			t.Fatalf("lang=%s: got %d strings, want the whole table (40+)", lang, len(strs))
		}
		for _, str := range strs {
			if m := s.missingGlyphs(str); len(m) > 0 {
				t.Errorf("lang=%s: %q: got missing glyphs %q, want none", lang, str, string(m))
			}
		}
	}
}

// TestCommonHanzi checks that characters users type in plan names are covered:
// the most frequent hanzi, full-width punctuation and currency signs.
func TestCommonHanzi(t *testing.T) {
	s, err := NewStyle(Chinese, nil)
	if err != nil {
		t.Fatal(err)
	}
	const common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严，。、：；？！“”（）《》￥"
	if m := s.missingGlyphs(common); len(m) > 0 {
		t.Errorf("got missing glyphs %q, want none", string(m))
	}
	// A character outside GB2312 level 1 may be missing; the check must see it.
	if s.HasGlyphs("\ue000") {
		t.Errorf("HasGlyphs(U+E000)=true, want false for a private-use character")
	}
}

// tableStrings returns every string of a texts table, found by reflection so a
// new field is checked without editing this test.
func tableStrings(t *texts) []string {
	var out []string
	v := reflect.ValueOf(t).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			out = append(out, f.String())
		case reflect.Array:
			for j := range f.Len() {
				out = append(out, f.Index(j).String())
			}
		}
	}
	return out
}

// renderTitle renders a figure holding only title, in style s, as a PNG image.
func renderTitle(t *testing.T, s *Style, title string) image.Image {
	t.Helper()
	f := &Figure{Title: title, Width: 4 * vg.Inch, Height: vg.Inch, DPI: 96, style: s}
	var buf bytes.Buffer
	if err := f.Render(&buf, PNG); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// inked counts the non-white pixels of img.
func inked(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				n++
			}
		}
	}
	return n
}

// TestChineseTitleRendersGlyphs renders a Chinese title in PNG with the embedded
// font, with a font that lacks CJK glyphs (Liberation Sans) and as private-use
// characters that no font has. With real glyphs the title must have ink and
// differ from both fallbacks, which draw the same .notdef box for every character.
func TestChineseTitleRendersGlyphs(t *testing.T) {
	const title = "传播随时间的变化"
	cjk, err := NewStyle(Chinese, nil)
	if err != nil {
		t.Fatal(err)
	}
	latin, err := NewStyle(Chinese, liberationsansregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	got := renderTitle(t, cjk, title)
	boxes := renderTitle(t, cjk, "\ue000\ue000\ue000\ue000\ue000\ue000\ue000\ue000")
	latinBoxes := renderTitle(t, latin, title)
	if n := inked(got); n < 300 {
		t.Fatalf("inked pixels of %q: got=%d, want at least 300", title, n)
	}
	for name, other := range map[string]image.Image{"private-use boxes": boxes, "Liberation Sans": latinBoxes} {
		if d := countDiff(got, other); d < 200 {
			t.Errorf("%q vs %s: got %d differing pixels, want at least 200 (glyphs missing?)", title, name, d)
		}
	}
}

// countDiff counts the pixels where a and b differ.
func countDiff(a, b image.Image) int {
	n := 0
	r := a.Bounds().Intersect(b.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				n++
			}
		}
	}
	return n
}

// TestOutlineText checks the SVG/PDF text path: a Chinese string becomes one
// filled path with several contours per character, distinct from the path of
// characters the font lacks.
func TestOutlineText(t *testing.T) {
	s, err := NewStyle(Chinese, nil)
	if err != nil {
		t.Fatal(err)
	}
	face := s.handler.Fonts.Lookup(s.textStyle(12, colorText).Font, 12)
	draw := func(str string) []vg.PathComp {
		rec := &recorder.Canvas{}
		c := newOutlineCanvas(sizedRecorder{rec}, false)
		c.FillString(face, vg.Point{X: 10, Y: 10}, str)
		var comps []vg.PathComp
		for _, a := range rec.Actions {
			if f, ok := a.(*recorder.Fill); ok {
				comps = append(comps, f.Path...)
			}
		}
		return comps
	}
	tests := []struct {
		str       string
		minMoves  int // contours: at least one per character
		wantEmpty bool
	}{
		{str: "引爆曲线", minMoves: 4},
		{str: "Reach 42", minMoves: 7},
		{str: "", wantEmpty: true},
		{str: " ", wantEmpty: true},
	}
	for _, tt := range tests {
		comps := draw(tt.str)
		moves := 0
		for _, c := range comps {
			if c.Type == vg.MoveComp {
				moves++
			}
		}
		if tt.wantEmpty {
			if len(comps) != 0 {
				t.Errorf("FillString(%q): got %d path components, want 0", tt.str, len(comps))
			}
			continue
		}
		if moves < tt.minMoves {
			t.Errorf("FillString(%q): got %d contours, want at least %d", tt.str, moves, tt.minMoves)
		}
	}
	if a, b := draw("引爆曲线"), draw("\ue000\ue000\ue000\ue000"); len(a) == len(b) {
		t.Errorf("outlines of hanzi and of missing glyphs: got the same size %d, want different", len(a))
	}
}

// sizedRecorder gives a recorder.Canvas the Size method that outlineCanvas needs.
type sizedRecorder struct{ *recorder.Canvas }

// Size returns a fixed canvas size.
func (sizedRecorder) Size() (vg.Length, vg.Length) { return 100, 100 }

// TestOutlineStraightAlpha checks the PDF colour fix: with straightAlpha the
// wrapped canvas receives the un-premultiplied components of a translucent colour.
func TestOutlineStraightAlpha(t *testing.T) {
	in := color.NRGBA{R: 0xd9, G: 0x5f, B: 0x02, A: 0x26}
	for _, tt := range []struct {
		straightAlpha bool
		wantR         uint32
	}{
		{true, 0xd9},
		{false, 0xd9 * 0x26 / 0xff}, // premultiplied, as color.Color requires
	} {
		rec := &recorder.Canvas{}
		newOutlineCanvas(sizedRecorder{rec}, tt.straightAlpha).SetColor(in)
		sc, ok := rec.Actions[0].(*recorder.SetColor)
		if !ok {
			t.Fatalf("got action %T, want *recorder.SetColor", rec.Actions[0])
		}
		r, _, _, a := sc.Color.RGBA()
		if r>>8 != tt.wantR || a>>8 != 0x26 {
			t.Errorf("straightAlpha=%v: got r=%#x a=%#x, want r=%#x a=0x26", tt.straightAlpha, r>>8, a>>8, tt.wantR)
		}
	}
}
