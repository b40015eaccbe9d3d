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
