package sim

import (
	"fmt"
	"math"

	"github.com/ripple-sim/ripple/graph"
)

// SIR is the susceptible–infected–recovered model in continuous time, on the
// Hours clock: content that an infected node shares goes stale when the node
// recovers.
//
// Parameterisation. An infected node u recovers after an exponential time of
// rate γ per hour (mean infectious period 1/γ hours) and, while infected,
// transmits along each out-arc u→v at rate β, so the transmission time of
// the arc is exponential of rate β. The strength is the transmissibility
// T = β/(β+γ): the probability that u infects a given out-neighbour before
// recovering. It lies in [0, 1) and fixes β = γ·T/(1−T). T is what bond
// percolation and IC call p: the expected final size of an outbreak, and its
// epidemic threshold on a configuration-model graph, are those of IC with
// p = T, but the transmissions of one node are correlated through its
// recovery time, so the distribution of the reach differs.
//
// Each trial is event-driven with a binary heap. An infected node u at time t
// draws its recovery time t + Exp(γ) from the Coins of (trial key, u,
// PurposeRecovery), and one transmission time per out-arc, in order, from the
// Coins of (trial key, u, PurposeShare); v is infected at the earliest
// arrival that comes before its sharer's recovery. Every out-neighbour of an
// infected node is exposed (the content reached its feed) when that node is
// infected; when the Recorder does not track exposures, that pass over the
// out-arcs is skipped. Freshness: a node of generation g infected at time t has
// transmissibility T·Decay^g·2^(−t/HalfLife). Zombie followers are exposed
// but never infected by a neighbour; start points adopt, zombie or not. Weights are ignored. A trial costs O(m' log m') for the
// m' arcs out of infected nodes and allocates nothing once the heap has grown.
type SIR struct {
	// Strength is the transmissibility T in [0, 1).
	Strength float64
	// Recovery is the recovery rate γ per hour (> 0). Alternatively give
	// InfectiousPeriod, the mean time to recovery in hours (1/γ); exactly one
	// of the two must be set.
	Recovery         float64
	InfectiousPeriod float64
}

// Name returns "sir".
func (SIR) Name() string { return "sir" }

// gamma returns the recovery rate, or an error.
func (m SIR) gamma() (float64, error) {
	switch {
	case m.Recovery != 0 && m.InfectiousPeriod != 0:
		return 0, fmt.Errorf("sim: sir: give the recovery rate (%v/h) or the infectious period (%v h), not both", m.Recovery, m.InfectiousPeriod)
	case m.InfectiousPeriod != 0:
		if !(m.InfectiousPeriod > 0) || math.IsInf(m.InfectiousPeriod, 0) {
			return 0, fmt.Errorf("sim: sir: bad infectious period: %v hours (want a finite number > 0)", m.InfectiousPeriod)
		}
		return 1 / m.InfectiousPeriod, nil
	case !(m.Recovery > 0) || math.IsInf(m.Recovery, 0):
		return 0, fmt.Errorf("sim: sir: bad recovery rate: γ=%v per hour (want a finite number > 0)", m.Recovery)
	}
	return m.Recovery, nil
}

// Bind validates the parameters and prepares the kernel.
func (m SIR) Bind(g *graph.CSR, b Behaviours) (Kernel, error) {
	if !(m.Strength >= 0 && m.Strength < 1) {
		return nil, fmt.Errorf("sim: sir: bad transmissibility: T=%v (want 0 ≤ T < 1)", m.Strength)
	}
	gamma, err := m.gamma()
	if err != nil {
		return nil, err
	}
	if err := b.validate(g.N(), Hours); err != nil {
		return nil, fmt.Errorf("sim: sir: %w", err)
	}
	return &sirKernel{g: g, t: m.Strength, gamma: gamma, zombie: b.Zombie, fresh: newFreshness(b)}, nil
}

type sirKernel struct {
	g      *graph.CSR
	t      float64
	gamma  float64
	zombie []bool
	fresh  freshness
}

// Nodes returns the number of nodes of the graph.
func (k *sirKernel) Nodes() int { return k.g.N() }

// Clock returns Hours.
func (k *sirKernel) Clock() Clock { return Hours }

// NewRunner returns a runner with scratch for the graph.
func (k *sirKernel) NewRunner() Runner {
	n := k.g.N()
	return &sirRunner{
		k:        k,
		seen:     make([]uint32, n),
		infected: make([]uint32, n),
		best:     make([]float64, n),
		heap:     make(sirHeap, 0, 64),
	}
}

type sirRunner struct {
	k        *sirKernel
	epoch    uint32
	seen     []uint32  // seen[v] == epoch: v was exposed in this trial
	infected []uint32  // infected[v] == epoch: v was infected
	best     []float64 // earliest arrival queued for v, valid when seen
	heap     sirHeap
}

// sirEvent is an arrival at node v at time t, of generation gen; exposeOnly
// marks a broadcast impression that did not convert.
type sirEvent struct {
	t          float64
	v          uint32
	gen        uint32
	exposeOnly bool
}

// Run plays one trial.
func (r *sirRunner) Run(t *Trial, rec *Recorder) {
	k := r.k
	r.epoch++
	if r.epoch == 0 {
		clear(r.seen)
		clear(r.infected)
		r.epoch = 1
	}
	h := r.heap[:0]
	track := rec.Exposures()
	for _, st := range t.Starts {
		h.push(sirEvent{t: max(st.Time, 0), v: st.Node, exposeOnly: !st.Active})
	}
	for len(h) > 0 {
		e := h.pop()
		v := e.v
		if track {
			r.expose(v, rec)
		}
		if r.infected[v] == r.epoch || e.exposeOnly {
			continue
		}
		r.infected[v] = r.epoch
		rec.Activate(v, int(e.gen), e.t)
		tr := k.t
		if !k.fresh.none() {
			tr *= k.fresh.factor(e.gen, e.t)
		}
		out := k.g.Out.Neighbors(v)
		if track {
			for _, w := range out {
				r.expose(w, rec)
			}
		}
		if tr <= 0 || len(out) == 0 {
			continue
		}
		rc := NewCoins(t.Key, v, PurposeRecovery)
		period := -math.Log1p(-rc.Float64()) / k.gamma
		beta := k.gamma * tr / (1 - tr)
		// The arc's transmission time −ln(1−u)/β comes before recovery iff
		// u < 1 − e^{−β·period}: the logarithm is taken only then.
		p := -math.Expm1(-beta * period)
		c := NewCoins(t.Key, v, PurposeShare)
		for _, w := range out {
			u := c.Float64()
			if u >= p || r.infected[w] == r.epoch || (k.zombie != nil && k.zombie[w]) {
				continue
			}
			if r.seen[w] != r.epoch { // exposures not tracked
				r.seen[w] = r.epoch
				r.best[w] = math.Inf(1)
			}
			at := e.t - math.Log1p(-u)/beta
			if at >= r.best[w] {
				continue
			}
			r.best[w] = at
			h.push(sirEvent{t: at, v: w, gen: e.gen + 1})
		}
	}
	r.heap = h[:0]
}

// expose records w's first exposure in the trial.
func (r *sirRunner) expose(w uint32, rec *Recorder) {
	if r.seen[w] != r.epoch {
		r.seen[w] = r.epoch
		r.best[w] = math.Inf(1)
		rec.Expose(w)
	}
}

// sirHeap is a binary min-heap of events by time (ties by node, then
// generation, so that the order of play never depends on push order).
type sirHeap []sirEvent

func (e *sirEvent) less(o *sirEvent) bool {
	if e.t != o.t {
		return e.t < o.t
	}
	if e.v != o.v {
		return e.v < o.v
	}
	if e.exposeOnly != o.exposeOnly {
		return !e.exposeOnly
	}
	return e.gen < o.gen
}

func (h *sirHeap) push(e sirEvent) {
	*h = append(*h, e)
	s := *h
	i := len(s) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !s[i].less(&s[p]) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *sirHeap) pop() sirEvent {
	s := *h
	top := s[0]
	n := len(s) - 1
	s[0] = s[n]
	s = s[:n]
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		if r := l + 1; r < n && s[r].less(&s[l]) {
			l = r
		}
		if !s[l].less(&s[i]) {
			break
		}
		s[i], s[l] = s[l], s[i]
		i = l
	}
	*h = s
	return top
}
