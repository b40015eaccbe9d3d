package sweep

import (
	"testing"

	"github.com/ripple-sim/ripple/scenarios"
	"github.com/ripple-sim/ripple/sim"
)

// grid returns a header and results for points over params a (slowest) and
// b, in the expansion's order, with P(cascade) = 10·a + b (in 1/100).
func grid(as, bs []string, p func(i, j int) float64) (*Header, []PointResult) {
	h := &Header{Params: []string{"a", "b"}}
	var rs []PointResult
	for i, a := range as {
		for j, b := range bs {
			info := PointInfo{Settings: []scenarios.Setting{{Param: "a", Value: a}, {Param: "b", Value: b}}, Plans: []string{"x", "y"}}
			s := sim.Summary{Cascade: sim.Estimate{Mean: p(i, j)}, Reach: sim.Estimate{Mean: float64(100*i + j)}}
			s2 := s
			s2.Cascade.Mean /= 2
			rs = append(rs, PointResult{Info: info, Summaries: []sim.Summary{s, s2}})
		}
	}
	return h, rs
}

func TestHeatMapsPlaceEveryCell(t *testing.T) {
	h, rs := grid([]string{"0.1", "0.2", "0.3"}, []string{"k1", "k2"}, func(i, j int) float64 { return float64(10*i+j) / 100 })
	ms := HeatMaps(h, rs)
	if len(ms) != 2 {
		t.Fatalf("got=%d heat maps, want=2 (one per plan)", len(ms))
	}
	m := ms[0]
	if m.XParam != "a" || m.YParam != "b" || len(m.X) != 3 || len(m.Y) != 2 {
		t.Fatalf("got=%s×%s %v×%v, want a×b 3×2", m.XParam, m.YParam, m.X, m.Y)
	}
	for j := range m.Y {
		for i := range m.X {
			if want := float64(10*i+j) / 100; m.P[j][i] != want {
				t.Errorf("cell (%s, %s): got=%v, want=%v", m.X[i], m.Y[j], m.P[j][i], want)
			}
			if want := float64(10*i+j) / 200; ms[1].P[j][i] != want {
				t.Errorf("plan y cell (%s, %s): got=%v, want=%v", m.X[i], m.Y[j], ms[1].P[j][i], want)
			}
		}
	}
	axes := AxisFigures(h, rs)
	if len(axes) != 2 {
		t.Fatalf("got=%d axis figures, want=2", len(axes))
	}
	// Along a, b is held at its first value k1: reach 0, 100, 200.
	if got := axes[0].Plans[0].Reach; len(got) != 3 || got[0] != 0 || got[1] != 100 || got[2] != 200 {
		t.Errorf("reach along a: got=%v, want=[0 100 200]", got)
	}
	// Along b, a is held at 0.1: reach 0, 1.
	if got := axes[1].Plans[1].Reach; len(got) != 2 || got[1] != 1 {
		t.Errorf("reach along b: got=%v, want=[0 1]", got)
	}
}

func TestHeatMapsNeedAFullGrid(t *testing.T) {
	h, rs := grid([]string{"0.1", "0.2", "0.3"}, []string{"k1", "k2"}, func(i, j int) float64 { return 0 })
	if ms := HeatMaps(h, rs[:5]); ms != nil {
		t.Errorf("a grid with a missing cell gave %d heat maps", len(ms))
	}
	if ms := HeatMaps(&Header{Params: []string{"a"}}, rs); ms != nil {
		t.Error("one parameter gave a heat map")
	}
}
