package graph

import (
	"fmt"
	"math"
)

// Size is what a generated graph is expected to hold and the memory its
// generation needs at its peak, estimated from the parameters alone before
// anything is allocated (see Generator.Estimate).
type Size struct {
	Nodes int
	// Arcs is the expected number of arcs stored (an undirected edge
	// counts twice).
	Arcs float64
	// Bytes is the estimated peak memory of generating the graph: the
	// result plus the scratch arrays of its assembly.
	Bytes float64
}

// Peak memory of generation per arc and per vertex, measured as the peak
// resident size of `ripple graph generate` at 10M arcs (gnp 19.6, gnm
// directed 30, ws 20.7, ba 13.3, powerlaw 16.6, community 16.9 bytes per
// arc with 1–2M vertices) and rounded up, since the Go heap may hold its
// garbage until the next collection.
const (
	genBytesPerArc  = 32
	genBytesPerNode = 64
)

// maxArcs is the most arcs a generator makes: 2³⁶ arcs take 256 GiB for
// their targets alone. Beyond it generators return ErrTooLarge instead of
// asking the runtime for an impossible allocation (make panics on a length
// past what an int indexes, and exits the program on one past the memory).
const maxArcs = 1 << 36

// checkArcs returns an ErrTooLarge error when a graph would hold more than
// maxArcs arcs; arcs is the expected number, model names the generator
// and its parameters.
func checkArcs(model string, arcs float64) error {
	if !(arcs <= maxArcs) {
		return fmt.Errorf("graph: %s would hold about %.3g arcs, more than the %d a graph can have: %w", model, arcs, int64(maxArcs), ErrTooLarge)
	}
	return nil
}

// arcsPerEdge is 1 for a directed graph and 2 for an undirected one.
func arcsPerEdge(directed bool) float64 {
	if directed {
		return 1
	}
	return 2
}

// gnpArcs is the expected number of arcs of G(n,p).
func gnpArcs(n int, p float64) float64 {
	return p * float64(n) * float64(max(n-1, 0)) // n(n-1)/2 pairs, two arcs each when undirected
}

// gnmArcs is the number of arcs of Gnm(n, m, directed).
func gnmArcs(m int, directed bool) float64 { return float64(m) * arcsPerEdge(directed) }

// baArcs is the number of arcs of BarabasiAlbert(n, m, directed).
func baArcs(n, m int, directed bool) float64 {
	edges := float64(m)*float64(m+1)/2 + float64(n-m-1)*float64(m)
	return edges * arcsPerEdge(directed)
}

// wsArcs is the number of arcs of WattsStrogatz(n, k, beta).
func wsArcs(n, k int) float64 { return float64(n) * float64(k) }

// powerLawArcs is the expected number of arcs of PowerLaw(n, gamma, kmin,
// kmax) before erasing loops and repeats.
func powerLawArcs(n int, gamma float64, kmin, kmax int) float64 {
	return float64(n) * powerLawMean(gamma, kmin, kmax)
}

// arcs is the expected number of arcs of Community(p).
func (p CommunityParams) arcs() float64 {
	return float64(p.N) * (p.InDegree + p.OutDegree + 2*float64(p.Leaders)*p.Reach)
}

// powerLawMean is the mean of the power law P(k) ∝ k^-gamma on kmin ≤ k ≤
// kmax, summed term by term up to 10⁶ terms and by the integral beyond.
func powerLawMean(gamma float64, kmin, kmax int) float64 {
	if kmin < 1 || kmax < kmin {
		return 0
	}
	var num, den float64
	last := min(kmax, kmin+1_000_000)
	for k := kmin; k <= last; k++ {
		x := math.Pow(float64(k), -gamma)
		num += float64(k) * x
		den += x
	}
	if last < kmax { // ∫ k^-g dk from last+½ to kmax+½
		lo, hi := float64(last)+0.5, float64(kmax)+0.5
		integral := func(e float64) float64 { // ∫ k^(e) dk
			if e == -1 {
				return math.Log(hi / lo)
			}
			return (math.Pow(hi, e+1) - math.Pow(lo, e+1)) / (e + 1)
		}
		num += integral(1 - gamma)
		den += integral(-gamma)
	}
	return num / den
}

// estimate returns the Size of a graph of n vertices and the given
// expected arcs.
func estimate(n int, arcs float64) Size {
	return Size{Nodes: n, Arcs: arcs, Bytes: arcs*genBytesPerArc + float64(n)*genBytesPerNode}
}
