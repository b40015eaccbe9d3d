package sweep

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ripple-sim/ripple/scenarios"
)

// benchScenario is the scenario the overhead benchmark runs: the file named
// by RIPPLE_SWEEP_BENCH (the closing note's 200 points × 2,000 trials on
// the built-in graph: testdata/bench200.yaml), else testdata/small.yaml.
func benchScenario(b *testing.B) *Sweep {
	path := os.Getenv("RIPPLE_SWEEP_BENCH")
	if path == "" {
		path = small
	}
	s, err := Load(path, 0)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkOverhead compares, in one process on the same prepared points
// and graph, the engine alone (scenarios.RunPoint on every point, one after
// the other, all workers on each), the sweep runner, and the sweep runner
// with a checkpoint (write, fsync, rename) per unit. The ratio sweep/engine
// is the sweep's overhead.
func BenchmarkOverhead(b *testing.B) {
	s := benchScenario(b)
	b.Run("engine", func(b *testing.B) {
		for b.Loop() {
			for _, p := range s.Points {
				su, err := p.Setup()
				if err != nil {
					b.Fatal(err)
				}
				g, member, err := s.graphs.get(su.Graph)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := scenarios.RunPoint(context.Background(), p, g, scenarios.RunOptions{Communities: member, ReadLabels: readLabels}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("sweep", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Run(context.Background(), Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sweep+checkpoints", func(b *testing.B) {
		for b.Loop() {
			st, err := OpenStore(filepath.Join(b.TempDir(), "ck"), s.Header, Part{1, 1}, false)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.Run(context.Background(), Options{Store: st}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMerge merges the seven parts of the small sweep and summarises
// every point.
func BenchmarkMerge(b *testing.B) {
	s, err := Load(small, 64)
	if err != nil {
		b.Fatal(err)
	}
	var sets []*Set
	for i := 1; i <= 7; i++ {
		set, err := s.Run(context.Background(), Options{Part: Part{i, 7}, Workers: 1})
		if err != nil {
			b.Fatal(err)
		}
		sets = append(sets, set)
	}
	for b.Loop() {
		m, err := Merge(sets)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := m.Results(); err != nil {
			b.Fatal(err)
		}
	}
}
