package results

import (
	"bytes"
	"strings"
	"testing"
)

func sweepAxis() SweepAxis {
	return SweepAxis{Param: "model.strength", Values: []string{"0.05", "0.1", "0.2"}, Plans: []SweepSeries{
		{Plan: "kol", Reach: []float64{10, 50, 300}, ReachLo: []float64{8, 40, 250}, ReachHi: []float64{12, 60, 350},
			P: []float64{0, 0.3, 0.9}, PLo: []float64{0, 0.25, 0.85}, PHi: []float64{0.02, 0.35, 0.95}},
		{Plan: "kocs", Reach: []float64{20, 70, 320}, ReachLo: []float64{18, 60, 280}, ReachHi: []float64{22, 80, 360},
			P: []float64{0, 0.4, 0.95}, PLo: []float64{0, 0.35, 0.9}, PHi: []float64{0.02, 0.45, 0.98}},
	}}
}

func heatMap() HeatMap {
	return HeatMap{Plan: "random", XParam: "model.strength", YParam: "plans.p.seeds", X: []string{"0.04", "0.08", "0.12"}, Y: []string{"random:1", "random:5"},
		P: [][]float64{{0, 0.1, 0.4}, {0.05, 0.6, 0.95}}}
}

// TestSweepFiguresRender draws both sweep figures in both languages in
// every format; their titles are in the figure's language.
func TestSweepFiguresRender(t *testing.T) {
	for _, lang := range []Lang{English, Chinese} {
		st, err := NewStyle(lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		a, err := NewSweepFigure(st, sweepAxis(), Caption{Graph: "ba", Trials: 100, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		h, err := NewHeatMapFigure(st, heatMap(), Caption{Graph: "ba", Trials: 100, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		want := map[Lang]string{English: "P(cascade)", Chinese: "引爆概率"}[lang]
		for _, f := range []*Figure{a, h} {
			if !strings.Contains(f.Title, want) {
				t.Errorf("%s title %q lacks %q", lang, f.Title, want)
			}
			for _, format := range []Format{PNG, SVG} {
				var b bytes.Buffer
				if err := f.Render(&b, format); err != nil || b.Len() < 1000 {
					t.Errorf("%s %s: %d bytes, %v", lang, format, b.Len(), err)
				}
			}
		}
	}
}

// TestSweepFiguresRefuseBadData: mismatched lengths and probabilities
// outside [0, 1] are errors, never a panic or a wrong figure.
func TestSweepFiguresRefuseBadData(t *testing.T) {
	st, err := NewStyle(English, nil)
	if err != nil {
		t.Fatal(err)
	}
	short := sweepAxis()
	short.Plans[1].P = short.Plans[1].P[:2]
	one := sweepAxis()
	one.Values = one.Values[:1]
	for name, d := range map[string]SweepAxis{"short series": short, "one value": one} {
		if _, err := NewSweepFigure(st, d, Caption{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	ragged := heatMap()
	ragged.P[1] = ragged.P[1][:2]
	outside := heatMap()
	outside.P[0][0] = 1.5
	rows := heatMap()
	rows.P = rows.P[:1]
	for name, h := range map[string]HeatMap{"ragged": ragged, "P > 1": outside, "missing row": rows} {
		if _, err := NewHeatMapFigure(st, h, Caption{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestAxisPlaces: numeric increasing values are drawn at their value,
// anything else at 0, 1, … with the values as labels.
func TestAxisPlaces(t *testing.T) {
	for _, tc := range []struct {
		in      []string
		want    []float64
		labeled bool
	}{
		{[]string{"0.1", "0.2", "0.5"}, []float64{0.1, 0.2, 0.5}, false},
		{[]string{"0.5", "0.2"}, []float64{0, 1}, true},
		{[]string{"random:1", "random:5"}, []float64{0, 1}, true},
	} {
		x, ticks := axisPlaces(tc.in)
		for i := range x {
			if x[i] != tc.want[i] {
				t.Errorf("axisPlaces(%v): got=%v, want=%v", tc.in, x, tc.want)
				break
			}
		}
		if (ticks != nil) != tc.labeled {
			t.Errorf("axisPlaces(%v): labelled=%v, want=%v", tc.in, ticks != nil, tc.labeled)
		}
	}
}
