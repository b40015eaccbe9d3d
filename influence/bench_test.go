package influence

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// Benchmarks on a real graph: RIPPLE_BENCH_GRAPH (default
// ../../shared/data/graphs/soc-Epinions1.txt.gz, directed). bench/rr.sh runs
// BenchmarkRRSets beside the C kernel's reverse mode (ic_limit -R -T) on
// the same graph and probability and prints the ratio; workers follow
// GOMAXPROCS (-cpu 1,2).

var benchGraph struct {
	once sync.Once
	g    *graph.CSR
	err  error
}

func loadBenchGraph(b *testing.B) *graph.CSR {
	b.Helper()
	benchGraph.once.Do(func() {
		path := os.Getenv("RIPPLE_BENCH_GRAPH")
		if path == "" {
			path = "../../shared/data/graphs/soc-Epinions1.txt.gz"
		}
		benchGraph.g, benchGraph.err = graph.LoadFile(path, graph.LoadOptions{})
	})
	if benchGraph.err != nil {
		b.Skipf("benchmark graph unavailable (../shared/data absent?): %v", benchGraph.err)
	}
	return benchGraph.g
}

// BenchmarkRRSets draws b.N RR sets of uniform IC; sets/s is the figure to
// set against ic_limit -R -T trials/s.
func BenchmarkRRSets(b *testing.B) {
	g := loadBenchGraph(b)
	for _, p := range []float64{0.05, 0.01} {
		b.Run(fmt.Sprintf("p%v", p), func(b *testing.B) {
			s, err := NewSampler(g, sim.IC{Strength: p}, sim.Behaviours{})
			if err != nil {
				b.Fatal(err)
			}
			st := &Store{}
			b.ResetTimer()
			if err := s.Generate(context.Background(), st, 1, 0, b.N, 0); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sets/s")
			b.ReportMetric(float64(st.Entries())/float64(b.N), "entries/set")
			b.ReportMetric(float64(st.Bytes())/float64(max(st.Entries(), 1)), "B/entry")
		})
	}
}

// BenchmarkIMM runs the whole of IMM for k = 50 at ε = 0.1 (uniform IC at
// p = 0.01) and reports its RR sets and store.
func BenchmarkIMM(b *testing.B) {
	g := loadBenchGraph(b)
	s, err := NewSampler(g, sim.IC{Strength: 0.01}, sim.Behaviours{})
	if err != nil {
		b.Fatal(err)
	}
	var res *Result
	for b.Loop() {
		if res, err = s.IMM(context.Background(), 50, Options{Seed: 1, Epsilon: 0.1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Stats.Theta), "theta")
	b.ReportMetric(float64(res.Stats.StoreBytes)/float64(res.Stats.Entries), "B/entry")
}

// BenchmarkDegreeDiscount ranks 50 seeds.
func BenchmarkDegreeDiscount(b *testing.B) {
	g := loadBenchGraph(b)
	for b.Loop() {
		DegreeDiscount(g, 50, 0.01)
	}
}
