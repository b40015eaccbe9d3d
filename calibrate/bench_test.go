package calibrate

import (
	"context"
	"testing"

	"github.com/ripple-sim/ripple/sim"
)

// BenchmarkSearch is one world's bottleneck search from one seed, stopped
// at 512 people, on G(5000, 6/n) undirected: the unit of a fit's cost.
func BenchmarkSearch(b *testing.B) {
	g := testGraph(b, 5000, 6.0/5000, false)
	s := newSearcher(g)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s.search(sim.TrialKey(1, uint64(i)), []uint32{uint32(i % 5000)}, OpenBucket, sim.Threshold(0.5))
	}
}

// BenchmarkFit fits 100 cascades from 20 seeds with 50 worlds.
func BenchmarkFit(b *testing.B) {
	g := testGraph(b, 2000, 5.0/2000, false)
	cs, _ := syntheticCascades(b, 0.17, 100)
	for b.Loop() {
		if _, err := Fit(context.Background(), g, cs[:80], cs[80:], Options{MinSize: 1, Worlds: 50, Bootstrap: 50, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
