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
