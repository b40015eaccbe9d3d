package sim

import (
	"fmt"
	"math"

	"github.com/ripple-sim/ripple/graph"
)

// CostModel prices the start points of a plan: a fixed price per seed plus a
// price per follower (out-degree), as KOL and KOC quotes are usually made.
// The zero CostModel makes every plan free.
type CostModel struct {
	// PerSeed is the fixed cost of each start point.
	PerSeed float64
	// PerFollower is the cost of each follower of a start point.
	PerFollower float64
}

// Validate rejects negative or non-finite prices.
func (c CostModel) Validate() error {
	for _, x := range [...]struct {
		name string
		v    float64
	}{{"per seed", c.PerSeed}, {"per follower", c.PerFollower}} {
		if !(x.v >= 0) || math.IsInf(x.v, 0) {
			return fmt.Errorf("sim: bad cost %s: %v (want a finite number ≥ 0)", x.name, x.v)
		}
	}
	return nil
}

// Seed returns the cost of start point v of g.
func (c CostModel) Seed(g *graph.CSR, v uint32) float64 {
	return c.PerSeed + c.PerFollower*float64(g.Out.Degree(v))
}

// Budget turns a budget into a number of start points of one plan: the most
// seeds of its single seed group whose expected price (the fixed part plus
// the mean, over sampled draws, of random seeds' follower prices) fits the
// budget. It serves budget axes (tipping along money, 一个大V还是五十个KOC
// for the same money). It caches prices and is not safe for concurrent use.
type Budget struct {
	g     *graph.CSR
	base  Plan
	seed  uint64
	max   int
	costs map[int]float64
}

// BudgetSamples is the number of draws that average the price of random
// seeds.
const BudgetSamples = 256

// NewBudget prices the one seed group of base on g, with draws from seed.
// The group's selector must be random, band, top-degree or top-indegree
// (the ones whose size can grow freely and be priced quickly), and the plan
// must have a price (PerSeed or PerFollower > 0).
func NewBudget(g *graph.CSR, base Plan, seed uint64) (*Budget, error) {
	if len(base.Groups) != 1 {
		return nil, fmt.Errorf("sim: budget: the plan must have exactly one seed group, has %d", len(base.Groups))
	}
	if base.Cost.PerSeed <= 0 && base.Cost.PerFollower <= 0 {
		return nil, fmt.Errorf("sim: budget: the seeds have no price (set a cost per seed and/or per follower)")
	}
	if err := base.Cost.Validate(); err != nil {
		return nil, err
	}
	sel := base.Groups[0].Seeds
	b := &Budget{g: g, base: base, seed: seed, max: g.N(), costs: map[int]float64{}}
	switch sel.Kind {
	case SelectRandom, SelectTopDegree, SelectTopInDegree:
	case SelectBand:
		b.max = 0
		for v := range g.N() {
			if d := g.Out.Degree(uint32(v)); d >= sel.Min && d <= sel.Max {
				b.max++
			}
		}
	default:
		return nil, fmt.Errorf("sim: budget: seeds %s: use random:K, band:K:MIN-MAX, top-degree:K or top-indegree:K", sel)
	}
	return b, nil
}

// MaxSeeds returns the most seeds the selector can give.
func (b *Budget) MaxSeeds() int { return b.max }

// Plan returns the base plan with k seeds.
func (b *Budget) Plan(k int) Plan {
	p := b.base
	p.Groups = []Group{b.base.Groups[0]}
	p.Groups[0].Seeds.K = k
	return p
}

// Cost returns the expected price of k seeds: exact for top-K seeds, the
// mean over BudgetSamples draws (trial streams 0, 1, … of the seed) for
// random ones.
func (b *Budget) Cost(k int) (float64, error) {
	if c, ok := b.costs[k]; ok {
		return c, nil
	}
	bp, err := b.Plan(k).Bind(b.g)
	if err != nil {
		return 0, err
	}
	samples := BudgetSamples
	if kind := b.base.Groups[0].Seeds.Kind; kind == SelectTopDegree || kind == SelectTopInDegree {
		samples = 1
	}
	var sum float64
	var buf []Start
	for i := range samples {
		var c float64
		buf, c = bp.Starts(buf[:0], Stream(b.seed, uint64(i)), TrialKey(b.seed, uint64(i)))
		sum += c
	}
	b.costs[k] = sum / float64(samples)
	return b.costs[k], nil
}

// SeedsFor returns the most seeds that budget buys (a binary search: the
// price grows with k), or an error when it buys none.
func (b *Budget) SeedsFor(budget float64) (int, error) {
	lo, hi := 0, b.max
	for lo < hi {
		mid := (lo + hi + 1) / 2
		c, err := b.Cost(mid)
		if err != nil {
			return 0, err
		}
		if c > budget {
			hi = mid - 1
		} else {
			lo = mid
		}
	}
	if lo == 0 {
		return 0, fmt.Errorf("sim: budget: %g buys no start point", budget)
	}
	return lo, nil
}
