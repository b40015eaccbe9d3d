package sim

import "testing"

// TestArcProbIsWhatKernelsUse checks that the IC kernel's arc thresholds and
// the LT kernel's influences are exactly ArcProb, arc by arc.
func TestArcProbIsWhatKernelsUse(t *testing.T) {
	arcs := [][2]uint32{{0, 1}, {0, 2}, {1, 2}, {2, 0}, {3, 2}, {3, 1}}
	w := []float32{0.5, 0.25, 1, 0.75, 0.125, 0.3}
	for _, tc := range []struct {
		name     string
		weighted bool
		m        IC
	}{
		{"wc", false, IC{Strength: 0.6, Weighting: WeightedCascade}},
		{"wc weighted", true, IC{Strength: 0.6, Weighting: WeightedCascade}},
		{"trust", true, IC{Strength: 0.8, Weighting: TrustWeights}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ws []float32
			if tc.weighted {
				ws = w
			}
			g := buildGraph(t, 4, arcs, ws, false)
			k, err := tc.m.Bind(g, Behaviours{})
			if err != nil {
				t.Fatal(err)
			}
			thrs := k.(*icKernel).thrs
			for u := range uint32(g.N()) {
				for j := g.Out.Offsets[u]; j < g.Out.Offsets[u+1]; j++ {
					v := g.Out.Targets[j]
					if got, want := thrs[j], Threshold(tc.m.ArcProb(g, u, v, ArcWeight(g, j))); got != want {
						t.Errorf("arc %d→%d: kernel threshold=%d, ArcProb threshold=%d", u, v, got, want)
					}
				}
			}
		})
	}
	g := buildGraph(t, 4, arcs, nil, false)
	m := LT{Strength: 0.9}
	k, err := m.Bind(g, Behaviours{})
	if err != nil {
		t.Fatal(err)
	}
	for v := range uint32(g.N()) {
		for _, u := range g.In.Neighbors(v) {
			if got, want := m.ArcProb(g, u, v, 1), k.(*ltKernel).inv[v]; got != want {
				t.Errorf("lt arc %d→%d: ArcProb=%v, kernel=%v", u, v, got, want)
			}
		}
	}
	gw := buildGraph(t, 4, arcs, []float32{0.5, 0.25, 0.5, 0.75, 0.125, 0.3}, false)
	if got, want := m.ArcProb(gw, 0, 1, 0.5), 0.9*0.5; got != want {
		t.Errorf("lt weighted: ArcProb=%v, want s·w=%v", got, want)
	}
	if got := ArcWeight(g, 0); got != 1 {
		t.Errorf("ArcWeight on an unweighted graph=%v, want 1", got)
	}
}
