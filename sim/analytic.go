package sim

import (
	"fmt"
	"math"

	"github.com/ripple-sim/ripple/graph"
)

// Critical is an analytic estimate of the critical strength (媒介引爆点) of
// the Independent Cascade on a graph — equally of SIR with transmissibility
// T, which percolates like IC with p = T: below it an outbreak from a few
// seeds stays small, above it a finite fraction of the graph can be reached.
type Critical struct {
	// Strength is the estimate used: +Inf when no strength can make the
	// cascade large (no branching), NaN when nothing could be estimated.
	Strength float64
	// Method names the estimate used: "configuration-model" or
	// "directed-configuration-model" (see CriticalStrength).
	Method string
	// Branching is the mean number of further people one reached person
	// could pass the content to at strength 1: Strength = 1/Branching.
	Branching float64
}

// String returns the estimate with its method.
func (c Critical) String() string {
	return fmt.Sprintf("s_c ≈ %.4g (%s)", c.Strength, c.Method)
}

// CriticalStrength returns the analytic critical strength of IC on g, from
// the degree moments the graph recorded when it was built (graph.Stats):
//
//   - undirected: the configuration-model threshold s_c = ⟨k⟩/(⟨k²⟩−⟨k⟩)
//     (Molloy–Reed; Newman, "Spread of epidemic disease on networks", PRE 66,
//     2002), the inverse of the mean excess degree;
//   - directed: s_c = ⟨k⟩/⟨k_in·k_out⟩, the same for the directed
//     configuration model (Newman, Strogatz & Watts, PRE 64, 2001), where a
//     reached node passes the content on along its out-arcs.
//
// Both assume a locally tree-like graph without degree correlations;
// clustering and assortativity move the true threshold. A graph without arcs
// is an error.
func CriticalStrength(g *graph.CSR) (Critical, error) {
	st := g.Stats()
	if st.Edges == 0 || st.MeanDegree == 0 {
		return Critical{Strength: math.NaN()}, fmt.Errorf("sim: critical strength: the graph has no arcs")
	}
	c := Critical{Method: "configuration-model"}
	if g.Directed() {
		c.Method = "directed-configuration-model"
		c.Branching = st.MeanInOut / st.MeanDegree
	} else {
		c.Branching = (st.SecondMoment - st.MeanDegree) / st.MeanDegree
	}
	c.Strength = math.Inf(1)
	if c.Branching > 0 {
		c.Strength = 1 / c.Branching
	}
	return c, nil
}
