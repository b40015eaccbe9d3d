package sim

import "github.com/ripple-sim/ripple/graph"

// ArcProber is a model whose spread is a live-edge process at full
// freshness: each arc u→v carries a probability that it passes the content
// on. IC and LT implement it. The forward IC kernel tabulates its arc
// thresholds from ArcProb, and reverse-reachable samplers (package
// influence) read the same method, so a forward simulation and a reverse
// sample can never disagree on what an arc's probability is.
//
// For IC the arcs are independent coins. For LT, ArcProb is the influence
// b_uv; the live-edge form keeps at most one in-arc of v, u→v with
// probability b_uv (Kempe, Kleinberg & Tardos 2003, Claim 2.6). Freshness
// decay multiplies the probability of a share made at generation g by
// Decay^g on top of ArcProb.
type ArcProber interface {
	// ArcProb returns the probability of arc u→v of g whose trust weight
	// is w (1 on an unweighted graph). It costs O(1).
	ArcProb(g *graph.CSR, u, v uint32, w float32) float64
}

// ArcProb returns p_uv of IC under its Weighting: s (Uniform, and
// TrustWeights on an unweighted graph, where w = 1), min(1, s·w)
// (TrustWeights) or s/indeg(v) (WeightedCascade).
func (m IC) ArcProb(g *graph.CSR, _, v uint32, w float32) float64 {
	switch m.Weighting {
	case WeightedCascade:
		return m.Strength / float64(g.In.Degree(v))
	case TrustWeights:
		return min(1, m.Strength*float64(w))
	}
	return m.Strength
}

// ArcProb returns the LT influence b_uv: s·w on a weighted graph, s/indeg(v)
// on an unweighted one.
func (m LT) ArcProb(g *graph.CSR, _, v uint32, w float32) float64 {
	if g.Weighted() {
		return m.Strength * float64(w)
	}
	return m.Strength / float64(g.In.Degree(v))
}

// ArcWeight returns the trust weight of the out-arc at position j of
// g.Out.Targets: g.Out.Weights[j], or 1 on an unweighted graph.
func ArcWeight(g *graph.CSR, j int64) float32 {
	if g.Weighted() {
		return g.Out.Weights[j]
	}
	return 1
}
