package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// CommunityParams describe a planted-partition graph with community leaders
// (社群 and 社群领袖). Degrees are given as expected numbers of neighbours,
// which is how a strategist thinks of them, rather than as probabilities.
type CommunityParams struct {
	N           int     // vertices
	Communities int     // number of communities C
	SizeExp     float64 // community c has size ∝ (c+1)^-SizeExp; 0 gives equal sizes
	InDegree    float64 // expected neighbours of a vertex inside its community (leaders aside)
	OutDegree   float64 // expected neighbours of a vertex outside its community, on average
	Leaders     int     // leaders (hubs) per community
	Reach       float64 // probability that a member is linked to each leader of its community
}

// DefaultCommunity returns the parameters of ripple's built-in default graph:
// 50,000 people in 50 communities of Zipf-like sizes (about 6,700 down to
// 440), each person with about 10 friends inside and 2 outside, and 2
// leaders per community who reach a fifth of it. The mean degree is about
// 12.8, leaders' degrees range from about 100 to 1,400, and the graph has one
// giant component.
func DefaultCommunity() CommunityParams {
	return CommunityParams{N: 50000, Communities: 50, SizeExp: 0.7, InDegree: 10, OutDegree: 2, Leaders: 2, Reach: 0.2}
}

// Community returns an undirected planted-partition graph (a stochastic
// block model, Holland, Laskey & Leinhardt 1983, with one inner probability
// per community and one outer probability) with community leaders, and the
// community of each vertex.
//
// Community c holds the contiguous ids [start_c, start_c + s_c), its first
// p.Leaders ids being its leaders; sizes follow p.SizeExp (largest first,
// rounded so that they sum to N). Two members of c are linked with
// probability p_c = InDegree/(s_c-1); two vertices of different communities
// with probability p_out chosen so that the mean outer degree is OutDegree;
// a leader and a member of its community with probability
// 1-(1-p_c)(1-Reach). Pairs are visited with geometric skipping (Batagelj &
// Brandes 2005), so the cost is O(n + m) time and memory, plus O(1) random
// numbers per vertex; the default 50k-vertex graph takes a few tens of
// milliseconds.
//
// Parameters that are out of range (a community smaller than max(2,
// Leaders+1), a probability above 1, a negative degree) return an error; a
// nil rnd panics.
func Community(p CommunityParams, rnd *rand.Rand) (*CSR, []int, error) {
	mustRand(rnd)
	sizes, err := p.sizes()
	if err != nil {
		return nil, nil, err
	}
	if err := checkArcs(fmt.Sprintf("community n=%d", p.N), p.arcs()); err != nil {
		return nil, nil, err
	}
	pin, pout, err := p.probabilities(sizes)
	if err != nil {
		return nil, nil, err
	}
	n := p.N
	comm := make([]int, 0, n)
	for c, s := range sizes {
		comm = append(comm, slices.Repeat([]int{c}, s)...)
	}
	l := rows{off: make([]int64, n+1)}
	expect := 0.5 * float64(n) * (p.InDegree + p.OutDegree + 2*float64(p.Leaders)*p.Reach)
	l.tgt = make([]uint32, 0, int(expect+5*math.Sqrt(expect)+16))
	// segment appends every w in [lo, hi) with probability s's p.
	segment := func(s skipper, prob float64, lo, hi int) {
		if prob == 0 {
			return
		}
		for w := int64(lo) - 1; ; {
			w += 1 + s.skip()
			if w >= int64(hi) {
				return
			}
			l.tgt = append(l.tgt, uint32(w))
		}
	}
	outer := newSkipper(pout, rnd)
	start := 0
	for c, s := range sizes {
		qlead := 1 - (1-pin[c])*(1-p.Reach)
		inner, lead := newSkipper(pin[c], rnd), newSkipper(qlead, rnd)
		leaders := start + p.Leaders
		for v := start; v < start+s; v++ {
			segment(outer, pout, 0, start)
			segment(lead, qlead, start, min(v, leaders))
			segment(inner, pin[c], leaders, v)
			l.off[v+1] = int64(len(l.tgt))
		}
		start += s
	}
	g, err := l.undirected()
	if err != nil {
		return nil, nil, err
	}
	return g, comm, nil
}

// sizes returns the community sizes: N split ∝ (c+1)^-SizeExp by largest
// remainders (ties to the smaller c).
func (p CommunityParams) sizes() ([]int, error) {
	if err := checkNodes(p.N); err != nil {
		return nil, err
	}
	if p.Communities < 1 || p.Communities > p.N {
		return nil, fmt.Errorf("graph: bad number of communities: communities=%d (want 1..n=%d)", p.Communities, p.N)
	}
	if !(p.SizeExp >= 0) || math.IsInf(p.SizeExp, 1) {
		return nil, fmt.Errorf("graph: bad community size exponent: sizeexp=%v (want a finite number ≥ 0)", p.SizeExp)
	}
	if p.Leaders < 0 {
		return nil, fmt.Errorf("graph: bad number of leaders: leaders=%d", p.Leaders)
	}
	w := make([]float64, p.Communities)
	sum := 0.0
	for c := range w {
		w[c] = math.Pow(float64(c+1), -p.SizeExp)
		sum += w[c]
	}
	sizes := make([]int, p.Communities)
	frac := make([]float64, p.Communities)
	left := p.N
	for c := range w {
		x := float64(p.N) * w[c] / sum
		sizes[c] = int(x)
		frac[c] = x - float64(sizes[c])
		left -= sizes[c]
	}
	order := make([]int, p.Communities)
	for c := range order {
		order[c] = c
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case frac[a] > frac[b]:
			return -1
		case frac[a] < frac[b]:
			return 1
		}
		return 0
	})
	for i := 0; i < left; i++ {
		sizes[order[i%len(order)]]++
	}
	smallest := max(2, p.Leaders+1)
	for c, s := range sizes {
		if s < smallest {
			return nil, fmt.Errorf("graph: community %d has %d vertices (want at least %d): lower communities=%d or sizeexp=%v", c, s, smallest, p.Communities, p.SizeExp)
		}
	}
	return sizes, nil
}

// probabilities returns the inner probability of each community and the
// outer probability.
func (p CommunityParams) probabilities(sizes []int) (pin []float64, pout float64, err error) {
	if !(p.InDegree >= 0) || !(p.OutDegree >= 0) {
		return nil, 0, fmt.Errorf("graph: bad expected degree: indegree=%v outdegree=%v (want finite numbers ≥ 0)", p.InDegree, p.OutDegree)
	}
	if err := checkProb("reach", p.Reach); err != nil {
		return nil, 0, err
	}
	pin = make([]float64, len(sizes))
	sq := 0.0
	for c, s := range sizes {
		pin[c] = p.InDegree / float64(s-1)
		if err := checkProb(fmt.Sprintf("indegree/(size-1) in community %d of %d vertices", c, s), pin[c]); err != nil {
			return nil, 0, err
		}
		sq += float64(s) * float64(s)
	}
	// Outer pairs number (n² - Σ s²)/2; each vertex has OutDegree outer
	// neighbours on average when pout·(n² - Σ s²)/2 = n·OutDegree/2.
	n := float64(p.N)
	if outerPairs := n*n - sq; outerPairs > 0 {
		pout = p.OutDegree * n / outerPairs
	} else if p.OutDegree > 0 {
		return nil, 0, fmt.Errorf("graph: bad expected degree: outdegree=%v with a single community", p.OutDegree)
	}
	if err := checkProb("outdegree·n/outer pairs", pout); err != nil {
		return nil, 0, err
	}
	return pin, pout, nil
}
