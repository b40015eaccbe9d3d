package sim

import (
	"fmt"
	"strconv"

	"github.com/ripple-sim/ripple/graph"
)

// LT is the Linear Threshold model of Kempe, Kleinberg & Tardos, "Maximizing
// the spread of influence through a social network", KDD 2003.
//
// Each node v draws, per trial, a threshold θ_v uniform on [0, 1) from the
// Coins of (trial key, v, PurposeThreshold), lazily when it is first exposed.
// Each arc u→v carries an influence b_uv = s·w_uv on a weighted graph (trust
// weights) or s/indeg(v) on an unweighted one; v adopts at the step after the
// influence of its active in-neighbours sums to at least θ_v. Play is
// generation-synchronous on the Generations clock. The incoming influences of
// every node must sum to at most 1 (KKT's condition); Bind rejects a graph
// and strength that break it, naming the node.
//
// Freshness decay multiplies b_uv by Decay^g for a sharer u of generation g;
// zombie followers collect influence but never adopt it from neighbours
// (start points adopt, zombie or not). A trial costs
// O(Σ out-degree of the active nodes) and allocates nothing.
//
// LT is equivalent to a live-edge model (KKT Theorem 2.5): each node keeps at
// most one in-arc, u→v with probability b_uv, none with 1 − Σ_u b_uv; the
// tests use it to compute exact values.
type LT struct {
	// Strength s in [0, 1] scales the influences.
	Strength float64
}

// Name returns "lt".
func (LT) Name() string { return "lt" }

// Bind validates the strength and the incoming influence of every node, and
// prepares the kernel. Cost O(n + m).
func (m LT) Bind(g *graph.CSR, b Behaviours) (Kernel, error) {
	s := m.Strength
	if !(s >= 0 && s <= 1) {
		return nil, fmt.Errorf("sim: lt: bad strength: s=%v (want 0 ≤ s ≤ 1)", s)
	}
	if err := b.validate(g.N(), Generations); err != nil {
		return nil, fmt.Errorf("sim: lt: %w", err)
	}
	k := &ltKernel{g: g, s: s, zombie: b.Zombie, fresh: newFreshness(b)}
	if g.Weighted() {
		if err := ltCheckSums(g, s); err != nil {
			return nil, err
		}
	} else {
		k.inv = make([]float64, g.N())
		for v := range k.inv {
			if d := g.In.Degree(uint32(v)); d > 0 {
				k.inv[v] = s / float64(d)
			}
		}
	}
	return k, nil
}

// ltCheckSums returns an error naming the first node whose incoming
// influence s·Σw exceeds 1 (beyond rounding), with the number of others.
func ltCheckSums(g *graph.CSR, s float64) error {
	const tol = 1e-9
	bad, first, firstSum := 0, uint32(0), 0.0
	for v := uint32(0); int(v) < g.N(); v++ {
		sum := 0.0
		for _, w := range g.In.NeighborWeights(v) {
			sum += float64(w)
		}
		if sum *= s; sum > 1+tol {
			if bad == 0 {
				first, firstSum = v, sum
			}
			bad++
		}
	}
	if bad == 0 {
		return nil
	}
	more := ""
	if bad > 1 {
		more = fmt.Sprintf(" (and %d other nodes)", bad-1)
	}
	return fmt.Errorf("sim: lt: node %s: incoming influence s·Σw sums to %.6g > 1 at s=%v%s; lower the strength or normalise the trust weights",
		strconv.Quote(g.Label(first)), firstSum, s, more)
}

type ltKernel struct {
	g      *graph.CSR
	s      float64
	inv    []float64 // s/indeg(v), unweighted graphs only
	zombie []bool
	fresh  freshness
}

// Nodes returns the number of nodes of the graph.
func (k *ltKernel) Nodes() int { return k.g.N() }

// Clock returns Generations.
func (k *ltKernel) Clock() Clock { return Generations }

// NewRunner returns a runner with scratch for the graph.
func (k *ltKernel) NewRunner() Runner {
	n := k.g.N()
	return &ltRunner{
		k:     k,
		steps: newSteps(n, k.zombie),
		theta: make([]float64, n),
		inf:   make([]float64, n),
	}
}

type ltRunner struct {
	k     *ltKernel
	steps steps
	theta []float64 // valid for nodes seen in this trial
	inf   []float64 // influence received so far, same
}

// Run plays one trial.
func (r *ltRunner) Run(t *Trial, rec *Recorder) { r.steps.play(r, t, rec) }

func (r *ltRunner) reset(v uint32) {
	c := NewCoins(r.steps.key, v, PurposeThreshold)
	r.theta[v] = c.Float64()
	r.inf[v] = 0
}

func (r *ltRunner) share(u, gen uint32, step int, s *steps, rec *Recorder) {
	k := r.k
	f := k.fresh.factor(gen, float64(step))
	out := &k.g.Out
	lo, hi := out.Offsets[u], out.Offsets[u+1]
	for j := lo; j < hi; j++ {
		v := out.Targets[j]
		s.expose(v, r, rec)
		if s.blocked(v) {
			continue
		}
		var b float64
		if k.inv != nil {
			b = k.inv[v]
		} else {
			b = k.s * float64(out.Weights[j])
		}
		if bf := b * f; bf > 0 {
			r.inf[v] += bf
			if r.inf[v] >= r.theta[v] {
				s.activate(v, gen+1, step+1, rec)
			}
		}
	}
}
