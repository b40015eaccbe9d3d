package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

func seeded(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed)) }

// within fails the test unless |got-want| ≤ tol, naming what was measured.
func within(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s: got=%v, want=%v ± %v", what, got, want, tol)
		return
	}
	t.Logf("%s: got=%.6g, want=%.6g ± %.3g", what, got, want, tol)
}

// checkSimple verifies the CSR invariants every generator promises.
func checkSimple(t *testing.T, g *CSR) {
	t.Helper()
	ref, err := FromAdjacency(g.Out, nil, g.Directed())
	if err != nil {
		t.Fatalf("broken out-adjacency: %v", err)
	}
	if !slices.Equal(g.In.Offsets, ref.In.Offsets) || !slices.Equal(g.In.Targets, ref.In.Targets) {
		t.Fatalf("in-adjacency is not the transpose of the out-adjacency")
	}
	// Only the configuration model records erased loops and repeats.
	got := g.Stats()
	got.SelfLoops, got.Duplicates = 0, 0
	if got != ref.Stats() {
		t.Fatalf("stats: got=%+v, want=%+v", got, ref.Stats())
	}
	if !g.Directed() {
		for u := range g.N() {
			for _, v := range g.Out.Neighbors(uint32(u)) {
				if _, ok := g.arc(int64(v), int64(u)); !ok {
					t.Fatalf("undirected graph: arc %d→%d without its reverse", u, v)
				}
			}
		}
	}
}

// TestGenAssemblyInParts builds graphs with many buckets of rows and over
// 2¹⁸ arcs, so that the cache-friendly assembly (gen.go) runs in several
// parts: the result must be a valid CSR, and the same on 1 and 4 threads.
func TestGenAssemblyInParts(t *testing.T) {
	const n = 300_000
	for _, tc := range []struct {
		name string
		gen  func() (*CSR, error)
	}{
		{"gnp", func() (*CSR, error) { return Gnp(n, 4.0/n, false, seeded(9)) }},
		{"gnp directed", func() (*CSR, error) { return Gnp(n, 4.0/n, true, seeded(9)) }},
		{"gnm directed", func() (*CSR, error) { return Gnm(n, 1_200_000, true, seeded(9)) }},
		{"ba directed", func() (*CSR, error) { return BarabasiAlbert(n, 4, true, seeded(9)) }},
		{"powerlaw", func() (*CSR, error) { return PowerLaw(n, 2.5, 3, 500, seeded(9)) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sums []string
			for _, procs := range []int{1, 4} {
				prev := runtime.GOMAXPROCS(procs)
				g, err := tc.gen()
				runtime.GOMAXPROCS(prev)
				if err != nil {
					t.Fatal(err)
				}
				if procs == 1 {
					checkSimple(t, g)
				}
				sums = append(sums, g.Checksum())
			}
			if sums[0] != sums[1] {
				t.Errorf("checksum on 4 threads: got=%s, want=%s (1 thread)", sums[1], sums[0])
			}
		})
	}
}

// edgesWithin counts the edges (arcs when directed) with both ends below h.
func edgesWithin(g *CSR, h int) int {
	c := 0
	for u := range h {
		for _, v := range g.Out.Neighbors(uint32(u)) {
			if int(v) < h {
				c++
			}
		}
	}
	if !g.Directed() {
		c /= 2
	}
	return c
}

func TestGnp(t *testing.T) {
	for _, tc := range []struct {
		name     string
		n        int
		p        float64
		directed bool
	}{
		{"undirected", 2000, 0.005, false},
		{"directed", 2000, 0.005, true},
		{"dense", 300, 0.5, false},
		{"complete", 50, 1, true},
		{"empty", 100, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Gnp(tc.n, tc.p, tc.directed, seeded(1))
			if err != nil {
				t.Fatal(err)
			}
			checkSimple(t, g)
			pairs := float64(tc.n) * float64(tc.n-1)
			h := tc.n / 2
			half := float64(h) * float64(h-1)
			edges := float64(g.M())
			if !tc.directed {
				pairs, half, edges = pairs/2, half/2, edges/2
			}
			// The edge count is Binomial(pairs, p): 4 standard deviations
			// (a false alarm once in 16,000 seeds). The edges among the
			// first half of the vertices are Binomial(half, p): this catches
			// a skip that drifts along the rows.
			sd := math.Sqrt(pairs * tc.p * (1 - tc.p))
			within(t, "edges", edges, pairs*tc.p, 4*sd)
			within(t, "edges in first half", float64(edgesWithin(g, h)), half*tc.p, 4*math.Sqrt(half*tc.p*(1-tc.p)))
		})
	}
}

func TestGnm(t *testing.T) {
	for _, tc := range []struct {
		name     string
		n, m     int
		directed bool
	}{
		{"sparse", 2000, 10000, false},
		{"directed", 2000, 10000, true},
		{"complement", 50, 1000, false},
		{"complement directed", 50, 2000, true},
		{"full", 30, 435, false},
		{"none", 30, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Gnm(tc.n, tc.m, tc.directed, seeded(2))
			if err != nil {
				t.Fatal(err)
			}
			checkSimple(t, g)
			edges := g.M()
			pairs := float64(tc.n) * float64(tc.n-1)
			h := tc.n / 2
			half := float64(h) * float64(h-1)
			if !tc.directed {
				edges /= 2
				pairs, half = pairs/2, half/2
			}
			if edges != tc.m {
				t.Fatalf("edges: got=%d, want=%d", edges, tc.m)
			}
			// Edges among the first half are hypergeometric: mean m·q with
			// q = half/pairs, variance below m·q·(1-q); 4 of its sd.
			q := half / pairs
			within(t, "edges in first half", float64(edgesWithin(g, h)), float64(tc.m)*q, 4*math.Sqrt(float64(tc.m)*q*(1-q))+1e-9)
		})
	}
}

func TestBarabasiAlbert(t *testing.T) {
	const n, m = 100000, 3
	g, err := BarabasiAlbert(n, m, false, seeded(3))
	if err != nil {
		t.Fatal(err)
	}
	checkSimple(t, g)
	// Exactly m(m+1)/2 seed-clique edges plus m per later vertex.
	edges := m*(m+1)/2 + (n-m-1)*m
	if g.M() != 2*edges {
		t.Fatalf("arcs: got=%d, want=%d", g.M(), 2*edges)
	}
	within(t, "mean degree", g.Stats().MeanDegree, 2*float64(edges)/n, 1e-12)
	// Bollobás et al. (2001): P(k) = 2m(m+1)/(k(k+1)(k+2)), so the tail
	// P(k ≥ K) = m(m+1)/(K(K+1)), an exponent of 3. Degrees are not
	// independent, but the tail count's spread stays near the binomial one;
	// allow 5 binomial sd plus 3% for the finite-size correction.
	for _, K := range []int{6, 12, 30} {
		tail := 0
		for u := range n {
			if g.Out.Degree(uint32(u)) >= K {
				tail++
			}
		}
		p := float64(m*(m+1)) / float64(K*(K+1))
		within(t, fmt.Sprintf("vertices of degree ≥ %d", K), float64(tail), n*p, 5*math.Sqrt(n*p*(1-p))+0.03*n*p)
	}
	// The continuous maximum-likelihood exponent of the tail k ≥ 20
	// (Clauset, Shalizi & Newman 2009, with the -1/2 discreteness shift) has
	// standard error (γ-1)/√tail.
	const kmin = 20
	tail, logs := 0, 0.0
	for u := range n {
		if k := g.Out.Degree(uint32(u)); k >= kmin {
			tail++
			logs += math.Log(float64(k) / (kmin - 0.5))
		}
	}
	gamma := 1 + float64(tail)/logs
	within(t, "degree exponent", gamma, 3, 4*2/math.Sqrt(float64(tail)))

	d, err := BarabasiAlbert(n, m, true, seeded(3))
	if err != nil {
		t.Fatal(err)
	}
	checkSimple(t, d)
	for v := m + 1; v < n; v += 997 {
		if k := d.In.Degree(uint32(v)); k != m {
			t.Fatalf("directed: in-degree of %d: got=%d, want=%d", v, k, m)
		}
		for _, w := range d.In.Neighbors(uint32(v)) {
			if w >= uint32(v) {
				t.Fatalf("directed: arc %d→%d goes from new to old", w, v)
			}
		}
	}
	if r, err := SpectralRadius(d, 1e-9, 100); err != nil || r != 0 {
		t.Errorf("directed BA spectral radius: got=%v, %v, want=0 (acyclic)", r, err)
	}
}

// clustering returns the mean local clustering coefficient of an undirected
// graph and its standard error over vertices.
func clustering(g *CSR) (mean, se float64) {
	n := g.N()
	var sum, sum2 float64
	for u := range n {
		nb := g.Out.Neighbors(uint32(u))
		k := len(nb)
		c := 0.0
		if k >= 2 {
			links := 0
			for _, v := range nb {
				links += intersect(nb, g.Out.Neighbors(v))
			}
			c = float64(links) / float64(k*(k-1))
		}
		sum += c
		sum2 += c * c
	}
	mean = sum / float64(n)
	return mean, math.Sqrt((sum2/float64(n) - mean*mean) / float64(n))
}

func TestWattsStrogatz(t *testing.T) {
	const n, k = 5000, 10
	c0 := 3 * float64(k-2) / (4 * float64(k-1))
	last := 1.0
	for _, beta := range []float64{0, 0.05, 0.2, 0.5} {
		g, err := WattsStrogatz(n, k, beta, seeded(4))
		if err != nil {
			t.Fatal(err)
		}
		checkSimple(t, g)
		if g.M() != n*k {
			t.Fatalf("beta=%v: arcs: got=%d, want=%d", beta, g.M(), n*k)
		}
		c, se := clustering(g)
		if beta == 0 {
			if s := g.Stats(); s.MaxOut != k || s.MeanDegree != k {
				t.Fatalf("beta=0: degrees: got max=%d mean=%v, want all %d", s.MaxOut, s.MeanDegree, k)
			}
			within(t, "beta=0 clustering", c, c0, 1e-12)
		}
		// Barrat & Weigt (2000): C(β) ≈ C(0)(1-β)³, a mean-field value that
		// ignores triangles closed by rewired edges (O(k/n)) and the
		// ratio-of-means vs mean-of-ratios gap (about 0.01 here); allow 4
		// standard errors plus 0.015.
		within(t, fmt.Sprintf("clustering at beta=%v", beta), c, c0*math.Pow(1-beta, 3), 4*se+0.015)
		if c >= last {
			t.Errorf("beta=%v: clustering %v did not fall below %v", beta, c, last)
		}
		last = c
	}
}

func TestPowerLaw(t *testing.T) {
	const (
		n          = 200000
		gamma      = 2.5
		kmin, kmax = 2, 200
	)
	g, err := PowerLaw(n, gamma, kmin, kmax, seeded(5))
	if err != nil {
		t.Fatal(err)
	}
	checkSimple(t, g)
	// Moments of P(k) ∝ k^-γ on [kmin, kmax].
	var z, m1, m2, m4 float64
	for k := kmin; k <= kmax; k++ {
		p := math.Pow(float64(k), -gamma)
		z += p
		m1 += p * float64(k)
		m2 += p * float64(k*k)
		m4 += p * math.Pow(float64(k), 4)
	}
	m1, m2, m4 = m1/z, m2/z, m4/z
	s := g.Stats()
	// Each erased loop took 2 stubs from one vertex, each erased repeat one
	// stub from each of two: the drawn sequence had 2(loops+dups) more.
	erased := float64(2 * (s.SelfLoops + s.Duplicates))
	mean := s.MeanDegree + erased/n
	// Sample means of n i.i.d. degrees: standard errors √(Var/n). Erasing a
	// stub of a vertex of degree k lowers Σk² by 2k-1 < 2kmax.
	within(t, "<k>", mean, m1, 4*math.Sqrt((m2-m1*m1)/n))
	within(t, "<k²>", s.SecondMoment, m2, 4*math.Sqrt((m4-m2*m2)/n)+erased*2*kmax/n)
	if s.MaxOut > kmax {
		t.Errorf("max degree: got=%d, want ≤ %d", s.MaxOut, kmax)
	}

	// A fixed sequence: Configuration keeps it up to the erasures.
	deg := []int{3, 3, 2, 2, 2, 1, 1}
	c, err := Configuration(deg, seeded(6))
	if err != nil {
		t.Fatal(err)
	}
	cs := c.Stats()
	if got, want := c.M()+2*2*(cs.SelfLoops+cs.Duplicates), 14; got != want {
		t.Errorf("configuration: arcs + erased stubs: got=%d, want=%d", got, want)
	}
}

func TestCommunity(t *testing.T) {
	p := CommunityParams{N: 20000, Communities: 20, SizeExp: 0.5, InDegree: 8, OutDegree: 2, Leaders: 2, Reach: 0.3}
	g, comm, err := Community(p, seeded(7))
	if err != nil {
		t.Fatal(err)
	}
	checkSimple(t, g)
	if len(comm) != p.N {
		t.Fatalf("membership: got %d entries, want %d", len(comm), p.N)
	}
	sizes := make([]int, p.Communities)
	for v, c := range comm {
		if v > 0 && c < comm[v-1] {
			t.Fatalf("membership not contiguous at %d", v)
		}
		sizes[c]++
	}
	// Expected inner and outer edge counts, and their variances, summed over
	// the independent pairs of each kind (Σ p and Σ p(1-p)).
	var inMean, inVar, sq float64
	h := float64(p.Leaders)
	for _, s := range sizes {
		fs := float64(s)
		pin := p.InDegree / (fs - 1)
		q := 1 - (1-pin)*(1-p.Reach)
		leaderPairs := h*(fs-1) - h*(h-1)/2
		other := fs*(fs-1)/2 - leaderPairs
		inMean += leaderPairs*q + other*pin
		inVar += leaderPairs*q*(1-q) + other*pin*(1-pin)
		sq += fs * fs
	}
	outPairs := (float64(p.N)*float64(p.N) - sq) / 2
	pout := p.OutDegree * float64(p.N) / (2 * outPairs)
	var in, out float64
	for u := range g.N() {
		for _, v := range g.Out.Neighbors(uint32(u)) {
			if comm[u] == comm[v] {
				in += 0.5
			} else {
				out += 0.5
			}
		}
	}
	within(t, "inner edges", in, inMean, 4*math.Sqrt(inVar))
	within(t, "outer edges", out, outPairs*pout, 4*math.Sqrt(outPairs*pout*(1-pout)))
	within(t, "outer degree", 2*out/float64(p.N), p.OutDegree, 4*2*math.Sqrt(outPairs*pout)/float64(p.N))
	// A leader of the largest community reaches about Reach of it.
	lead := float64(g.Out.Degree(0))
	s0 := float64(sizes[0])
	q := 1 - (1-p.InDegree/(s0-1))*(1-p.Reach)
	within(t, "leader degree", lead, (s0-1)*q+p.OutDegree, 5*math.Sqrt((s0-1)*q+p.OutDegree))
}

func TestCommunityDefault(t *testing.T) {
	g, comm, err := Community(DefaultCommunity(), seeded(8))
	if err != nil {
		t.Fatal(err)
	}
	s := g.Stats()
	if s.MeanDegree < 10 || s.MeanDegree > 20 {
		t.Errorf("mean degree: got=%v, want 10..20", s.MeanDegree)
	}
	if s.MaxOut < 50*int(s.MeanDegree) {
		t.Errorf("max degree: got=%d, want a hub ≥ 50 × mean %v", s.MaxOut, s.MeanDegree)
	}
	if giant := largestComponent(g); giant < 0.99*float64(g.N()) {
		t.Errorf("giant component: got=%v of %d vertices, want ≥ 99%%", giant, g.N())
	}
	if comm[len(comm)-1] != DefaultCommunity().Communities-1 {
		t.Errorf("communities: got=%d, want=%d", comm[len(comm)-1]+1, DefaultCommunity().Communities)
	}
}

// largestComponent returns the size of the largest weakly connected component.
func largestComponent(g *CSR) float64 {
	seen := make([]bool, g.N())
	best := 0
	var stack []uint32
	for s := range g.N() {
		if seen[s] {
			continue
		}
		seen[s] = true
		stack = append(stack[:0], uint32(s))
		size := 0
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			size++
			for _, nb := range [][]uint32{g.Out.Neighbors(u), g.In.Neighbors(u)} {
				for _, v := range nb {
					if !seen[v] {
						seen[v] = true
						stack = append(stack, v)
					}
				}
			}
		}
		best = max(best, size)
	}
	return float64(best)
}
