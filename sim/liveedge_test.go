package sim

import "testing"

// TestArcProbIsWhatKernelsUse checks that the IC kernel's arc thresholds and
// the LT kernel's influences are exactly ArcProb, arc by arc, and that
// ArcProb is the model's definition: s/indeg(v) for weighted cascade (with
// or without weights), min(1, s·w) for trust weights. The IC kernel builds
// its thresholds from ArcProb, so they are checked against the definition,
// worked out here from the arc list, not against ArcProb itself.
func TestArcProbIsWhatKernelsUse(t *testing.T) {
	arcs := [][2]uint32{{0, 1}, {0, 2}, {1, 2}, {2, 0}, {3, 2}, {3, 1}}
	w := []float32{0.5, 0.25, 1, 0.75, 0.125, 0.3}
	indeg := map[uint32]int{}
	weight := map[[2]uint32]float32{}
	for i, a := range arcs {
		indeg[a[1]]++
		weight[a] = w[i]
	}
	for _, tc := range []struct {
		name     string
		weighted bool
		m        IC
		want     func(u, v uint32) float64
	}{
		{"wc", false, IC{Strength: 0.6, Weighting: WeightedCascade}, func(_, v uint32) float64 { return 0.6 / float64(indeg[v]) }},
		{"wc weighted", true, IC{Strength: 0.6, Weighting: WeightedCascade}, func(_, v uint32) float64 { return 0.6 / float64(indeg[v]) }},
		{"trust", true, IC{Strength: 0.8, Weighting: TrustWeights}, func(u, v uint32) float64 { return min(1, 0.8*float64(weight[[2]uint32{u, v}])) }},
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
					want := tc.want(u, v)
					if got := tc.m.ArcProb(g, u, v, ArcWeight(g, j)); got != want {
						t.Errorf("arc %d→%d: ArcProb: got=%v, want=%v", u, v, got, want)
					}
					if got := thrs[j]; got != Threshold(want) {
						t.Errorf("arc %d→%d: kernel threshold: got=%d, want=%d (p=%v)", u, v, got, Threshold(want), want)
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
