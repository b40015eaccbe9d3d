package sim

import (
	"math"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

func TestCriticalStrength(t *testing.T) {
	ring := func(n int, undirected bool) *graph.CSR {
		arcs := make([][2]uint32, n)
		for i := range arcs {
			arcs[i] = [2]uint32{uint32(i), uint32((i + 1) % n)}
		}
		return buildGraph(t, n, arcs, nil, undirected)
	}
	var k5 [][2]uint32
	for u := range uint32(5) {
		for v := u + 1; v < 5; v++ {
			k5 = append(k5, [2]uint32{u, v})
		}
	}
	star := buildGraph(t, 5, [][2]uint32{{0, 1}, {0, 2}, {0, 3}, {0, 4}}, nil, true)
	for _, tc := range []struct {
		name   string
		g      *graph.CSR
		want   float64
		method string
	}{
		// k-regular: ⟨k⟩/(k²−k) = 1/(k−1).
		{"undirected ring", ring(10, true), 1, "configuration-model"},
		{"K5", buildGraph(t, 5, k5, nil, true), 1.0 / 3, "configuration-model"},
		// Star: ⟨k⟩ = 8/5, ⟨k²⟩ = 20/5: 1.6/2.4.
		{"star", star, 1.6 / 2.4, "configuration-model"},
		// A directed cycle has λmax = 1.
		{"directed ring", ring(10, false), 1, "spectral-radius"},
		// A DAG has λmax = 0: no strength makes it percolate.
		{"directed path", pathGraph(t, 4), math.Inf(1), "spectral-radius"},
	} {
		c, err := CriticalStrength(tc.g)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(c.Strength-tc.want) > 1e-6 && !(math.IsInf(tc.want, 1) && math.IsInf(c.Strength, 1)) || c.Method != tc.method {
			t.Errorf("%s: got=%v (%s), want=%v (%s)", tc.name, c.Strength, c.Method, tc.want, tc.method)
		}
	}
	// G(n, c/n): ⟨k²⟩−⟨k⟩ = c² for Poisson degrees, so s_c → 1/c; with
	// n = 20000 the sample moments are within 1% of that.
	g := gnpForTest(t, 20000, 4.0/20000, false, 2)
	if c, _ := CriticalStrength(g); math.Abs(c.Strength*4-1) > 0.01 {
		t.Errorf("G(n, 4/n): got=%v, want=0.25 ± 1%%", c.Strength)
	}
	if _, err := CriticalStrength(buildGraph(t, 3, nil, nil, false)); err == nil {
		t.Errorf("no arcs: got no error")
	}
}

// TestCriticalOfWeighting checks each model's own threshold against values
// worked out by hand for the weighting in use.
func TestCriticalOfWeighting(t *testing.T) {
	var k5 [][2]uint32
	for u := range uint32(5) {
		for v := u + 1; v < 5; v++ {
			k5 = append(k5, [2]uint32{u, v})
		}
	}
	half := make([]float32, len(k5))
	for i := range half {
		half[i] = 0.5
	}
	ring := [][2]uint32{{0, 1}, {1, 2}, {2, 3}, {3, 0}}
	star := [][2]uint32{{0, 1}, {0, 2}, {0, 3}, {0, 4}}
	k5u, k5w := buildGraph(t, 5, k5, nil, true), buildGraph(t, 5, k5, half, true)
	ringW := buildGraph(t, 4, ring, []float32{0.5, 0.5, 0.5, 0.5}, false)
	starW := buildGraph(t, 5, star, []float32{1, 0.5, 0.5, 1}, true)
	for _, tc := range []struct {
		name   string
		m      Model
		g      *graph.CSR
		want   float64
		method string
	}{
		// K5 with w = 1/2: each arrival has 3 onward arcs of s/2: s_c = 2/3.
		{"trust K5", IC{Weighting: TrustWeights}, k5w, 2.0 / 3, "configuration-model, trust weights"},
		// Uniform ignores the weights: 1/(k−1) = 1/3.
		{"uniform weighted K5", IC{}, k5w, 1.0 / 3, "configuration-model"},
		// Trust on an unweighted graph is uniform.
		{"trust unweighted K5", IC{Weighting: TrustWeights}, k5u, 1.0 / 3, "configuration-model"},
		// Weighted cascade on K5: 3 onward arcs of s/4: s_c = 4/3 > 1.
		{"wc K5", IC{Weighting: WeightedCascade}, k5u, 4.0 / 3, "configuration-model, s/in-degree"},
		// A directed ring with w = 1/2 has λmax = 1/2.
		{"trust directed ring", IC{Weighting: TrustWeights}, ringW, 2, "spectral-radius, trust weights"},
		// Weighted cascade on a directed ring: in-degree 1, λmax = 1.
		{"wc directed ring", IC{Weighting: WeightedCascade}, ringW, 1, "spectral-radius, s/in-degree"},
		// Uniform on the weighted ring ignores the weights: λmax = 1.
		{"uniform directed ring", IC{}, ringW, 1, "spectral-radius"},
		// Star with leaf weights w = 1, ½, ½, 1 (W = 3): only arcs into the
		// hub pass on, each arriving in proportion to w_i and bringing
		// W − w_i; B = Σ w_i(W − w_i) / Σ_arcs w = (9 − 2.5)/6.
		{"trust star", IC{Weighting: TrustWeights}, starW, 6 / 6.5, "configuration-model, trust weights"},
		{"sir K5", SIR{InfectiousPeriod: 1}, k5w, 1.0 / 3, "configuration-model"},
	} {
		c, ok := CriticalOf(tc.m, tc.g)
		if !ok || math.Abs(c.Strength-tc.want) > 1e-6 || c.Method != tc.method {
			t.Errorf("%s: got=%v (%s, ok=%v), want=%v (%s)", tc.name, c.Strength, c.Method, ok, tc.want, tc.method)
		}
	}
	// The weighted cascade's matrix is column-stochastic on K5: λmax = 1.
	if c, _ := CriticalOf(IC{Weighting: WeightedCascade}, k5u); math.Abs(c.Spectral-1) > 1e-6 {
		t.Errorf("wc K5 spectral: got=%v, want=1", c.Spectral)
	}
	// With rates 1, CriticalWeighted is CriticalStrength on any graph.
	g := gnpForTest(t, 2000, 3.0/2000, true, 5)
	a, _ := CriticalStrength(g)
	b, _ := CriticalWeighted(g, "ones", func(_, _ uint32, _ float32) float64 { return 1 })
	if math.Abs(a.ConfigModel-b.ConfigModel) > 1e-9*a.ConfigModel || math.Abs(a.Spectral-b.Spectral) > 1e-6*a.Spectral {
		t.Errorf("rates 1: got config=%v spectral=%v, want %v %v", b.ConfigModel, b.Spectral, a.ConfigModel, a.Spectral)
	}
	for _, m := range []Model{LT{}, Watts{}, Complex{K: 2}} {
		if _, ok := CriticalOf(m, k5u); ok {
			t.Errorf("%s states a critical strength; want none", m.Name())
		}
	}
}

// BenchmarkCriticalWeighted estimates the weighted cascade's threshold on a
// directed G(20000, 5/n): the rates, one pass for the configuration model,
// and the power iteration of the spectral estimate.
func BenchmarkCriticalWeighted(b *testing.B) {
	g := gnpForTest(b, 20000, 5.0/20000, true, 3)
	for b.Loop() {
		if _, err := (IC{Weighting: WeightedCascade}).Critical(g); err != nil {
			b.Fatal(err)
		}
	}
}
