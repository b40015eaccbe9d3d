package sim

import (
	"fmt"
	"math"
	"slices"

	"github.com/ripple-sim/ripple/graph"
)

// Critical is an analytic estimate of the critical strength (媒介引爆点) of
// the Independent Cascade on a graph — equally of SIR with transmissibility
// T, which percolates like IC with p = T: below it an outbreak from a few
// seeds stays small, above it a finite fraction of the graph can be reached.
type Critical struct {
	// Strength is the estimate used: +Inf when no strength can make the
	// cascade large (no branching).
	Strength float64
	// Method names the estimate used: "configuration-model",
	// "directed-configuration-model" or "spectral-radius".
	Method string
	// ConfigModel is the configuration-model estimate (undirected:
	// ⟨k⟩/(⟨k²⟩−⟨k⟩); directed: ⟨k⟩/⟨k_in·k_out⟩).
	ConfigModel float64
	// Spectral is 1/λmax of the adjacency matrix (weighted when the graph
	// is), or NaN when the power iteration did not converge.
	Spectral float64
}

// String returns the estimate with its method.
func (c Critical) String() string {
	return fmt.Sprintf("s_c ≈ %.4g (%s)", c.Strength, c.Method)
}

// CriticalStrength returns analytic estimates of the critical strength of IC
// with Uniform weighting (every arc has probability s; the graph's weights,
// if any, are ignored) on g and says which one it uses:
//
//   - undirected: the configuration-model threshold s_c = ⟨k⟩/(⟨k²⟩−⟨k⟩)
//     (Molloy–Reed; Newman, "Spread of epidemic disease on networks", PRE 66,
//     2002), the inverse of the mean excess degree, from graph.Stats;
//   - directed: 1/λmax, the spectral radius of the adjacency matrix (Wang,
//     Chakrabarti, Wang & Faloutsos 2003), which accounts for the graph's
//     actual structure; if the power iteration does not converge, the directed
//     configuration-model estimate ⟨k⟩/⟨k_in·k_out⟩ (Newman, Strogatz &
//     Watts, PRE 64, 2001).
//
// Both fields are filled in whichever is used. The configuration-model
// estimates assume a locally tree-like graph without degree correlations;
// clustering and assortativity move the true threshold.
// A graph without arcs is an error. Cost: O(m) per power-iteration step.
func CriticalStrength(g *graph.CSR) (Critical, error) {
	st := g.Stats()
	if st.Edges == 0 || st.MeanDegree == 0 {
		return Critical{Strength: math.NaN()}, fmt.Errorf("sim: critical strength: the graph has no arcs")
	}
	inv := func(x float64) float64 {
		if x > 0 {
			return 1 / x
		}
		return math.Inf(1)
	}
	c := Critical{Method: "configuration-model", Spectral: math.NaN()}
	if g.Directed() {
		c.ConfigModel = inv(st.MeanInOut / st.MeanDegree)
	} else {
		c.ConfigModel = inv((st.SecondMoment - st.MeanDegree) / st.MeanDegree)
	}
	c.Strength = c.ConfigModel
	h := g
	if g.Weighted() { // uniform weighting: every arc counts 1
		var err error
		if h, err = reweighted(g, nil); err != nil {
			return c, err
		}
	}
	if lambda, err := graph.SpectralRadius(h, 1e-9, 10000); err == nil {
		c.Spectral = inv(lambda)
	}
	if g.Directed() {
		if math.IsNaN(c.Spectral) {
			c.Method = "directed-configuration-model"
		} else {
			c.Method, c.Strength = "spectral-radius", c.Spectral
		}
	}
	return c, nil
}

// Thresholder is a Model that states its own analytic critical strength on a
// graph, for the weighting and parameters it is set to. Models without one
// (LT, Watts, Complex: their tipping is a matter of thresholds, not of a
// branching factor crossing 1) do not implement it.
type Thresholder interface {
	Model
	// Critical returns the analytic critical strength on g.
	Critical(g *graph.CSR) (Critical, error)
}

// CriticalOf returns m's analytic critical strength on g and true, or false
// when m states none (it is not a Thresholder) or g has no arcs.
func CriticalOf(m Model, g *graph.CSR) (Critical, bool) {
	t, ok := m.(Thresholder)
	if !ok {
		return Critical{}, false
	}
	c, err := t.Critical(g)
	return c, err == nil
}

// Critical returns the critical strength of m on g for m's weighting:
// CriticalStrength for Uniform weighting, and for trust weights (p_uv =
// s·w_uv) and the weighted cascade (p_uv = s/indeg(v)) the same two
// estimates with those arc probabilities (see CriticalWeighted). Trust
// weighting on an unweighted graph is Uniform (w = 1). Delays do not move
// the threshold: they change when, not whether, an arc passes it on.
func (m IC) Critical(g *graph.CSR) (Critical, error) {
	switch {
	case m.Weighting == WeightedCascade:
		return CriticalWeighted(g, "s/in-degree", func(_, v uint32, _ float32) float64 { return 1 / float64(g.In.Degree(v)) })
	case m.Weighting == TrustWeights && g.Weighted():
		return CriticalWeighted(g, "trust weights", func(_, _ uint32, w float32) float64 { return float64(w) })
	}
	return CriticalStrength(g)
}

// Critical returns the critical transmissibility of m on g: SIR percolates
// like IC with p = T on every arc (it ignores weights), so it is
// CriticalStrength.
func (m SIR) Critical(g *graph.CSR) (Critical, error) { return CriticalStrength(g) }

// CriticalWeighted estimates the critical strength of an IC whose arc u→v
// passes the content on with probability s·r(u, v, w_uv) (w_uv is 1 on an
// unweighted graph), as a branching process over arcs:
//
//   - configuration model: s_c = 1/B with B the mean, over arcs u→v
//     weighted by their own rate r(u, v) (how often the content arrives
//     along them), of the onward rates of v, Σ_{x∈out(v)} r(v, x), less the
//     way back to u on an undirected graph (non-backtracking): one step of
//     the branching process over arcs from arrivals in proportion to the
//     rates. With r = 1 this is ⟨k⟩/(⟨k²⟩−⟨k⟩) undirected and
//     ⟨k⟩/⟨k_in·k_out⟩ directed, exactly CriticalStrength's;
//   - spectral: 1/λmax of the matrix R_uv = r(u, v, w_uv) (Wang et al. 2003).
//
// Directed graphs use the spectral estimate when the power iteration
// converges, undirected ones the configuration model (as CriticalStrength).
// weighting names the rates in Method. An estimate above 1 means that no
// strength in [0, 1] makes the cascade large on a graph of this kind: for
// the weighted cascade on a strongly connected graph λmax = 1 exactly, so
// its spectral estimate is 1. The estimates ignore the cap min(1, s·w).
// A graph without arcs is an error. Cost: O(n + m) plus O(m) per
// power-iteration step.
func CriticalWeighted(g *graph.CSR, weighting string, r func(u, v uint32, w float32) float64) (Critical, error) {
	m := g.M()
	if m == 0 {
		return Critical{Strength: math.NaN()}, fmt.Errorf("sim: critical strength: the graph has no arcs")
	}
	rate := make([]float32, m)
	out := make([]float64, g.N()) // Σ of v's out-rates
	for u := range g.N() {
		lo, hi := g.Out.Offsets[u], g.Out.Offsets[u+1]
		for j := lo; j < hi; j++ {
			w := float32(1)
			if g.Out.Weights != nil {
				w = g.Out.Weights[j]
			}
			x := r(uint32(u), g.Out.Targets[j], w)
			rate[j] = float32(x)
			out[u] += x
		}
	}
	// Each arc u→v is weighted by its own rate (how often the content
	// arrives along it) and brings v's out-rates, less the way back.
	var excess, total float64
	for u := range g.N() {
		lo, hi := g.Out.Offsets[u], g.Out.Offsets[u+1]
		for j := lo; j < hi; j++ {
			v := g.Out.Targets[j]
			onward := out[v]
			if !g.Directed() {
				onward -= backRate(g, rate, v, uint32(u))
			}
			excess += float64(rate[j]) * onward
			total += float64(rate[j])
		}
	}
	if total == 0 {
		return Critical{Strength: math.Inf(1), Method: "configuration-model, " + weighting, ConfigModel: math.Inf(1), Spectral: math.Inf(1)}, nil
	}
	inv := func(x float64) float64 {
		if x > 0 {
			return 1 / x
		}
		return math.Inf(1)
	}
	c := Critical{Method: "configuration-model, " + weighting, ConfigModel: inv(excess / total), Spectral: math.NaN()}
	c.Strength = c.ConfigModel
	h, err := reweighted(g, rate)
	if err != nil {
		return c, err
	}
	if lambda, err := graph.SpectralRadius(h, 1e-9, 10000); err == nil {
		c.Spectral = inv(lambda)
	}
	if g.Directed() && !math.IsNaN(c.Spectral) {
		c.Method, c.Strength = "spectral-radius, "+weighting, c.Spectral
	}
	return c, nil
}

// backRate returns the rate of the arc v→u (found by binary search in v's
// sorted row), 0 when there is none.
func backRate(g *graph.CSR, rate []float32, v, u uint32) float64 {
	lo, hi := g.Out.Offsets[v], g.Out.Offsets[v+1]
	row := g.Out.Targets[lo:hi]
	if i, ok := slices.BinarySearch(row, u); ok {
		return float64(rate[lo+int64(i)])
	}
	return 0
}

// reweighted returns g's arcs as a directed graph with the given arc weights
// (nil: unweighted), sharing g's out-adjacency rows.
func reweighted(g *graph.CSR, w []float32) (*graph.CSR, error) {
	out := graph.Adjacency{Offsets: g.Out.Offsets, Targets: g.Out.Targets, Weights: w}
	h, err := graph.FromAdjacency(out, nil, true)
	if err != nil {
		return nil, fmt.Errorf("sim: critical strength: %w", err)
	}
	return h, nil
}
