package graph

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

// The generator benchmarks each build about 10M arcs (5M undirected edges),
// to compare with BenchmarkBareDraws, which only draws 10M numbers from the
// same kind of source, and with BenchmarkBareGeometric and BenchmarkBareExp,
// the two ways of drawing a geometric gap. Run them with
//
//	go test ./graph -run XXX -bench 'Gen.*10M$|Bare' -benchtime 3x -count 5
//
// ns/arc is the figure to compare (take medians: the machine is shared).

const benchArcs = 10_000_000

// benchGen runs gen b.N times and reports the time per arc built.
func benchGen(b *testing.B, gen func(rnd *rand.Rand) (*CSR, error)) {
	b.Helper()
	b.ReportAllocs()
	arcs := 0
	for i := range b.N {
		g, err := gen(rand.New(rand.NewPCG(uint64(i), 1)))
		if err != nil {
			b.Fatal(err)
		}
		arcs = g.M()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(arcs), "ns/arc")
	b.ReportMetric(float64(arcs), "arcs")
}

func BenchmarkGenGnp10M(b *testing.B) {
	const n = 1_000_000
	p := benchArcs / (float64(n) * (n - 1))
	benchGen(b, func(rnd *rand.Rand) (*CSR, error) { return Gnp(n, p, false, rnd) })
}

func BenchmarkGenGnpDirected10M(b *testing.B) {
	const n = 1_000_000
	p := benchArcs / (float64(n) * (n - 1))
	benchGen(b, func(rnd *rand.Rand) (*CSR, error) { return Gnp(n, p, true, rnd) })
}

func BenchmarkGenGnm10M(b *testing.B) {
	benchGen(b, func(rnd *rand.Rand) (*CSR, error) { return Gnm(1_000_000, benchArcs/2, false, rnd) })
}

func BenchmarkGenBA10M(b *testing.B) {
	benchGen(b, func(rnd *rand.Rand) (*CSR, error) { return BarabasiAlbert(1_000_000, 5, false, rnd) })
}

func BenchmarkGenWS10M(b *testing.B) {
	benchGen(b, func(rnd *rand.Rand) (*CSR, error) { return WattsStrogatz(1_000_000, 10, 0.1, rnd) })
}

func BenchmarkGenPowerLaw10M(b *testing.B) {
	// <k> ≈ 4.3 for gamma 2.5 on [2, 1000].
	benchGen(b, func(rnd *rand.Rand) (*CSR, error) { return PowerLaw(2_330_000, 2.5, 2, 1000, rnd) })
}

func BenchmarkGenCommunity10M(b *testing.B) {
	p := DefaultCommunity()
	p.N = 780_000 // mean degree ≈ 12.8
	benchGen(b, func(rnd *rand.Rand) (*CSR, error) {
		g, _, err := Community(p, rnd)
		return g, err
	})
}

func BenchmarkGenCommunityDefault(b *testing.B) {
	benchGen(b, func(rnd *rand.Rand) (*CSR, error) {
		g, _, err := Community(DefaultCommunity(), rnd)
		return g, err
	})
}

var sink float64

// BenchmarkBareDraws draws 10M uniform numbers from a PCG-backed *rand.Rand:
// the floor for any generator that needs one random number per arc.
func BenchmarkBareDraws(b *testing.B) {
	for i := range b.N {
		rnd := rand.New(rand.NewPCG(uint64(i), 1))
		s := 0.0
		for range benchArcs {
			s += rnd.Float64()
		}
		sink = s
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchArcs, "ns/arc")
}

// BenchmarkBareGeometric draws 10M geometric gaps (a uniform and a
// logarithm each), the floor for geometric skipping.
func BenchmarkBareGeometric(b *testing.B) {
	lq := math.Log1p(-1e-5)
	for i := range b.N {
		rnd := rand.New(rand.NewPCG(uint64(i), 1))
		s := 0.0
		for range benchArcs {
			s += math.Log(1-rnd.Float64()) / lq
		}
		sink = s
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchArcs, "ns/arc")
}

// BenchmarkBareExp draws 10M geometric gaps as skipper does, from an
// exponential variate drawn by the ziggurat (rand.Rand.ExpFloat64).
func BenchmarkBareExp(b *testing.B) {
	inv := -1 / math.Log1p(-1e-5)
	for i := range b.N {
		rnd := rand.New(rand.NewPCG(uint64(i), 1))
		s := 0.0
		for range benchArcs {
			s += float64(int64(rnd.ExpFloat64() * inv))
		}
		sink = s
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchArcs, "ns/arc")
}

var (
	builderEdgesOnce sync.Once
	builderEdges     [][2]uint32
)

// BenchmarkGenViaBuilder10M feeds the 5M edges of BenchmarkGenGnp10M's graph
// through a Builder (undirected), as a generator that does not sort its own
// rows would: it measures what FromAdjacency saves the generators.
func BenchmarkGenViaBuilder10M(b *testing.B) {
	const n = 1_000_000
	builderEdgesOnce.Do(func() {
		g, err := Gnp(n, benchArcs/(float64(n)*(n-1)), false, rand.New(rand.NewPCG(0, 1)))
		if err != nil {
			b.Fatal(err)
		}
		for u := range uint32(n) {
			for _, v := range g.Out.Neighbors(u) {
				if u < v {
					builderEdges = append(builderEdges, [2]uint32{u, v})
				}
			}
		}
	})
	b.ReportAllocs()
	b.ResetTimer()
	arcs := 0
	for range b.N {
		bl := NewBuilder(Options{Undirected: true})
		bl.AddNodes(n)
		bl.Grow(len(builderEdges))
		for _, e := range builderEdges {
			bl.AddEdge(e[0], e[1])
		}
		g, err := bl.Build()
		if err != nil {
			b.Fatal(err)
		}
		arcs = g.M()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(arcs), "ns/arc")
}
