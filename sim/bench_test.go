package sim

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

// Benchmarks against the C reference kernel (../shared/bench/ic_limit.c):
// bench/limit.sh runs both on soc-Epinions1 (directed) and prints the ratio
// of trials per second. Environment:
//
//	RIPPLE_BENCH_GRAPH  edge list (text or .gz), default ../../shared/data/graphs/soc-Epinions1.txt.gz
//	RIPPLE_BENCH_SEEDS  file of seed ids written by ic_limit -o (default: 10 random nodes with out-arcs)
//
// Workers follow GOMAXPROCS: go test -bench ICLimit -cpu 1,2.

var benchGraph struct {
	once sync.Once
	g    *graph.CSR
	err  error
}

// loadBenchGraph reads a SNAP edge list keeping the file's integer ids
// (n = largest id + 1), as ic_limit does, so that seed ids agree.
func loadBenchGraph(b *testing.B) *graph.CSR {
	b.Helper()
	benchGraph.once.Do(func() {
		path := os.Getenv("RIPPLE_BENCH_GRAPH")
		if path == "" {
			path = "../../shared/data/graphs/soc-Epinions1.txt.gz"
		}
		benchGraph.g, benchGraph.err = readEdgeList(path)
	})
	if benchGraph.err != nil {
		b.Skipf("benchmark graph unavailable: %v", benchGraph.err)
	}
	return benchGraph.g
}

func readEdgeList(path string) (*graph.CSR, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		r = z
	}
	var src, dst []uint32
	n := 0
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 || strings.HasPrefix(fs[0], "#") {
			continue
		}
		u, err1 := strconv.ParseUint(fs[0], 10, 32)
		v, err2 := strconv.ParseUint(fs[1], 10, 32)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: bad line %q", path, sc.Text())
		}
		src, dst = append(src, uint32(u)), append(dst, uint32(v))
		n = max(n, int(u)+1, int(v)+1)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	bl := graph.NewBuilder(graph.Options{})
	bl.AddNodes(n)
	for i := range src {
		bl.AddEdge(src[i], dst[i])
	}
	return bl.Build()
}

// benchSeeds returns the seeds of RIPPLE_BENCH_SEEDS, or k random nodes
// with out-arcs.
func benchSeeds(b *testing.B, g *graph.CSR, k int) []uint32 {
	if path := os.Getenv("RIPPLE_BENCH_SEEDS"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		var s []uint32
		for _, f := range strings.Fields(string(data)) {
			x, err := strconv.ParseUint(f, 10, 32)
			if err != nil || int(x) >= g.N() {
				b.Fatalf("%s: bad seed %q", path, f)
			}
			s = append(s, uint32(x))
		}
		return s
	}
	rnd := rand.New(rand.NewPCG(42, 0x5eed))
	var s []uint32
	for len(s) < k {
		if v := uint32(rnd.IntN(g.N())); g.Out.Degree(v) > 0 {
			s = append(s, v)
		}
	}
	return s
}

// BenchmarkICLimit runs the engine on the C kernel's two cases: p = 0.05
// from one random root per trial (ic_limit -R, supercritical) and p = 0.01
// from 10 fixed seeds (ic_limit -k 10, subcritical). The metric trials/s is
// what bench/limit.sh compares.
func BenchmarkICLimit(b *testing.B) {
	for _, tc := range []struct {
		name string
		p    float64
		k    int // 0: one random root per trial
		exp  bool
		skip Skip
	}{
		{name: "R_p0.05", p: 0.05},
		{name: "k10_p0.01", p: 0.01, k: 10},
		{name: "R_p0.05_exposures", p: 0.05, exp: true},
		{name: "R_p0.05_coins", p: 0.05, skip: SkipCoins},
		{name: "k10_p0.01_coins", p: 0.01, k: 10, skip: SkipCoins},
		{name: "k10_p0.01_exposures", p: 0.01, k: 10, exp: true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			g := loadBenchGraph(b)
			k, err := IC{Strength: tc.p, Skip: tc.skip}.Bind(g, Behaviours{})
			if err != nil {
				b.Fatal(err)
			}
			var s Seeder = randomRoot{n: g.N()}
			if tc.k > 0 {
				s = at0(benchSeeds(b, g, tc.k)...)
			}
			cfg := Config{Seed: 1, Trials: b.N, Theta: 0.01, Batch: 1024, Record: RecorderOptions{Exposures: tc.exp}}
			b.ResetTimer()
			res, err := Run(context.Background(), k, s, cfg)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "trials/s")
			b.ReportMetric(res.Summary.Reach.Mean, "mean_reach")
		})
	}
}

// BenchmarkICSkip measures the cost per arc of the two ways to draw a
// sharer's coins, on a sharer of 1000 arcs (only the draws are timed). Geometric skipping costs a draw and a
// logarithm per live arc; coins a draw per arc. SkipGeometric skips at
// any p; coins win above about 0.2.
func BenchmarkICSkip(b *testing.B) {
	const d = 1000
	hits := make([]int32, 0, d)
	for _, p := range []float64{0.01, 0.05, 0.1, 0.2, 0.3, 0.5} {
		thr, geo := Threshold(p), newGeoTable(p, d)
		b.Run(fmt.Sprintf("p=%v/coins", p), func(b *testing.B) {
			for i := range b.N {
				coinHits(d, uint64(i), thr, hits[:0])
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*d), "ns/arc")
		})
		b.Run(fmt.Sprintf("p=%v/geometric", p), func(b *testing.B) {
			for i := range b.N {
				geoHits(d, uint64(i), &geo, hits[:0])
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*d), "ns/arc")
		})
	}
}

// BenchmarkICSkipSharer measures the whole cost of one small sharer (d
// arcs, from 1 to 12) both ways, per sharer (SkipGeometric skips every
// sharer; coins win below 2–6 arcs).
func BenchmarkICSkipSharer(b *testing.B) {
	hits := make([]int32, 0, 12)
	for _, p := range []float64{0.01, 0.05, 0.15} {
		thr, geo := Threshold(p), newGeoTable(p, 12)
		for _, d := range []int{1, 2, 3, 4, 6, 8, 12} {
			b.Run(fmt.Sprintf("p=%v/d=%d/coins", p, d), func(b *testing.B) {
				for i := range b.N {
					coinHits(d, Mix64(uint64(i)), thr, hits)
				}
			})
			b.Run(fmt.Sprintf("p=%v/d=%d/geometric", p, d), func(b *testing.B) {
				for i := range b.N {
					geoHits(d, Mix64(uint64(i)), &geo, hits)
				}
			})
		}
	}
}

// BenchmarkICSlicedSharer measures the whole cost of one sharer of d arcs
// drawn by coins and by bit-sliced coins (SkipAuto), per sharer.
func BenchmarkICSlicedSharer(b *testing.B) {
	hits := make([]int32, 0, 2048)
	for _, p := range []float64{0.01, 0.065, 0.15, 0.5} {
		thr := Threshold(p)
		for _, d := range []int{1, 2, 4, 8, 16, 64, 256, 2048} {
			b.Run(fmt.Sprintf("p=%v/d=%d/coins", p, d), func(b *testing.B) {
				for i := range b.N {
					coinHits(d, Mix64(uint64(i)), thr, hits)
				}
			})
			b.Run(fmt.Sprintf("p=%v/d=%d/sliced", p, d), func(b *testing.B) {
				for i := range b.N {
					slicedHits(d, Mix64(uint64(i)), thr, hits)
				}
			})
		}
	}
}
