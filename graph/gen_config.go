package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// Configuration returns an erased configuration-model graph with the given
// degree sequence (Bender & Canfield 1978; Molloy & Reed 1995): vertex v gets
// deg[v] stubs, the stubs are paired uniformly at random, and the self-loops
// and repeated edges this creates are removed (erased) and counted in the
// graph's Stats as SelfLoops and Duplicates. Vertex v then has degree deg[v]
// minus its erased stubs; erasures are rare while max deg² ≪ Σ deg.
//
// It costs O(n + Σ deg) time and memory. A negative degree or an odd sum
// returns an error; a nil rnd panics.
func Configuration(deg []int, rnd *rand.Rand) (*CSR, error) {
	mustRand(rnd)
	n := len(deg)
	if err := checkNodes(n); err != nil {
		return nil, err
	}
	total := 0
	for v, k := range deg {
		if k < 0 {
			return nil, fmt.Errorf("graph: bad degree: vertex %d: k=%d", v, k)
		}
		total += k
	}
	if total%2 != 0 {
		return nil, fmt.Errorf("graph: bad degree sequence: odd sum %d", total)
	}
	stubs := make([]uint32, 0, total)
	for v, k := range deg {
		for range k {
			stubs = append(stubs, uint32(v))
		}
	}
	shuffle(stubs, rnd)
	// Pair stubs 2i and 2i+1 of the shuffled list: a uniform perfect matching.
	e := &edgePairs{n: n, ends: stubs}
	l, loops, dups := e.rows()
	g, err := l.undirected()
	if err != nil {
		return nil, err
	}
	g.stats.SelfLoops, g.stats.Duplicates = loops, dups
	return g, nil
}

// shuffle permutes s uniformly: Fisher–Yates, swapping s[i] with s[j] for
// j = rnd.IntN(i+1), i = len(s)-1 down to 1. The j of a batch of swaps are
// drawn before any is made (they do not depend on s), so that the swaps'
// cache misses, which dominate a shuffle of millions, overlap instead of
// waiting for each other; the permutation is the same as one swap at a
// time.
func shuffle(s []uint32, rnd *rand.Rand) {
	var js [64]int
	for i := len(s) - 1; i > 0; {
		b := js[:min(len(js), i)]
		for k := range b {
			b[k] = rnd.IntN(i - k + 1)
		}
		for _, j := range b {
			s[i], s[j] = s[j], s[i]
			i--
		}
	}
}

// PowerLawDegrees draws n degrees independently from the discrete power law
// P(k) ∝ k^-gamma on kmin ≤ k ≤ kmax, redrawing the last one until the sum
// is even (the sum of a degree sequence must be). It costs O(kmax - kmin)
// for the table plus O(n log(kmax - kmin)). A gamma that is not a finite
// number ≥ 0, kmin < 1, kmax < kmin, or kmin = kmax with an odd n·kmin
// returns an error; a nil rnd panics.
func PowerLawDegrees(n int, gamma float64, kmin, kmax int, rnd *rand.Rand) ([]int, error) {
	mustRand(rnd)
	if err := checkNodes(n); err != nil {
		return nil, err
	}
	if !(gamma >= 0) || math.IsInf(gamma, 1) {
		return nil, fmt.Errorf("graph: bad power-law exponent: gamma=%v", gamma)
	}
	if kmin < 1 || kmax < kmin || kmax >= max(n, 2) {
		return nil, fmt.Errorf("graph: bad degree range: kmin=%d kmax=%d (want 1 ≤ kmin ≤ kmax < n=%d)", kmin, kmax, n)
	}
	if kmin == kmax && n*kmin%2 != 0 {
		return nil, fmt.Errorf("graph: bad degree range: kmin=kmax=%d with n=%d gives an odd degree sum", kmin, n)
	}
	cum := make([]float64, kmax-kmin+1)
	sum := 0.0
	for i := range cum {
		sum += math.Pow(float64(kmin+i), -gamma)
		cum[i] = sum
	}
	draw := func() int {
		return kmin + sort.SearchFloat64s(cum, rnd.Float64()*sum)
	}
	deg := make([]int, n)
	total := 0
	for v := range deg {
		deg[v] = draw()
		total += deg[v]
	}
	for n > 0 && total%2 != 0 {
		total -= deg[n-1]
		deg[n-1] = draw()
		total += deg[n-1]
	}
	return deg, nil
}

// PowerLaw returns an erased configuration-model graph whose degree sequence
// is drawn by PowerLawDegrees(n, gamma, kmin, kmax, rnd): the standard model
// of a scale-free social graph with no other structure. Loops and repeats
// erased are counted in Stats (see Configuration). Keep kmax below
// √(n·⟨k⟩) (the structural cutoff) for few erasures. It costs
// O(n + m + kmax) time and memory.
func PowerLaw(n int, gamma float64, kmin, kmax int, rnd *rand.Rand) (*CSR, error) {
	if err := checkArcs(fmt.Sprintf("powerlaw n=%d,gamma=%v,kmin=%d,kmax=%d", n, gamma, kmin, kmax), powerLawArcs(n, gamma, kmin, kmax)); err != nil {
		return nil, err
	}
	deg, err := PowerLawDegrees(n, gamma, kmin, kmax, rnd)
	if err != nil {
		return nil, err
	}
	return Configuration(deg, rnd)
}
