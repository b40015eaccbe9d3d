package sim

import (
	"math/rand/v2"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

// modelBenchGraph is a directed G(n, 10/n) of 100k nodes (about 10⁶ arcs).
func modelBenchGraph(b *testing.B) *graph.CSR {
	b.Helper()
	g, err := graph.Gnp(100000, 10.0/100000, true, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// BenchmarkModels times one trial of each model from 10 seeds on a directed
// G(10⁵, 10/n), at a strength where the cascade covers a large part of the
// graph; ns/op is per trial, and reach/op the mean reach.
func BenchmarkModels(b *testing.B) {
	g := modelBenchGraph(b)
	var starts []Start
	for v := range uint32(10) {
		starts = append(starts, Start{Node: v * 9973, Active: true})
	}
	for _, m := range []Model{
		LT{Strength: 1}, Watts{Phi: FixedPhi(0.1), Strength: 1},
		Complex{K: 1, Strength: 0.5}, SIR{Strength: 0.3, Recovery: 1},
	} {
		b.Run(m.Name(), func(b *testing.B) {
			k, err := m.Bind(g, Behaviours{})
			if err != nil {
				b.Fatal(err)
			}
			p := newModelPlayer(k)
			reach := 0
			i := uint64(0)
			for b.Loop() {
				reach += p.play(1, i, starts).Reach()
				i++
			}
			b.ReportMetric(float64(reach)/float64(i), "reach/op")
		})
	}
}

// BenchmarkStarts times a plan's starts per trial: 50 random seeds, a band
// of 200 KOCs and a 1% broadcast over 10⁵ users.
func BenchmarkStarts(b *testing.B) {
	g := modelBenchGraph(b)
	bp, err := Plan{
		Groups: []Group{
			{Seeds: Selector{Kind: SelectRandom, K: 50}},
			{Seeds: Selector{Kind: SelectBand, K: 200, Min: 5, Max: 15}},
		},
		Channels: []Channel{{Fraction: 0.01, Convert: 0.1}},
	}.Bind(g)
	if err != nil {
		b.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	var dst []Start
	i := uint64(0)
	for b.Loop() {
		dst, _ = bp.Starts(dst[:0], rnd, i)
		i++
	}
}
