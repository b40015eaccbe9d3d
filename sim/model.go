package sim

import (
	"math/rand/v2"

	"github.com/ripple-sim/ripple/graph"
)

// Model is a cascade model with its parameters, given as plain struct fields
// (IC{Strength: 0.05}). Bind validates the parameters against a graph and the
// behaviours, precomputes what every trial shares, and returns a Kernel.
// Bad parameters are returned as errors naming the field and value
// ("sim: ic: bad strength: s=1.5 (want 0 ≤ s ≤ 1)").
type Model interface {
	// Name returns the model's short name: "ic", "lt", "watts", "complex", "sir".
	Name() string
	// Bind prepares the model for trials on g with behaviours b.
	Bind(g *graph.CSR, b Behaviours) (Kernel, error)
}

// Kernel is a model bound to a graph. It is immutable and safe for concurrent
// use; each worker asks it for a Runner of its own.
type Kernel interface {
	// NewRunner returns a runner with its own scratch space, sized once for
	// the graph, so that no trial allocates.
	NewRunner() Runner
	// Clock says whether start times and activation times are generations
	// (integers) or hours.
	Clock() Clock
}

// Runner plays trials with scratch owned by one worker. It is not safe for
// concurrent use.
type Runner interface {
	// Run plays one trial. It takes every random number from the trial key
	// (see Coins), marks the starts, plays the cascade, and reports to rec
	// each exposure and each activation exactly once, in a deterministic order.
	Run(t *Trial, rec *Recorder)
}

// Clock is the unit of a model's time axis.
type Clock int

const (
	// Generations: the time of an activation is its generation, the number of
	// share steps since t = 0 (start points launched at t = 0 are generation 0).
	Generations Clock = iota
	// Hours: continuous time, for models with random delays (IC with
	// exponential or log-normal delays, SIR).
	Hours
)

// Start is one entry point of a trial: a node that receives the content at
// time Time. If Active, the node adopts it then and starts sharing (a start
// point, or a broadcast exposure that converted); otherwise the node is only
// exposed (a broadcast impression that did not convert).
type Start struct {
	Node   uint32
	Time   float64
	Active bool
}

// Trial is everything one trial needs besides the graph and the model.
type Trial struct {
	// Index is the trial's number, Key its random key: TrialKey(seed, Index).
	Index uint64
	Key   uint64
	// Starts are sorted by Time (stable in plan order). A node may appear more
	// than once; only its earliest active entry counts.
	Starts []Start
}

// Behaviours combine with any model.
type Behaviours struct {
	// Zombie, when not nil, has one entry per node; zombie followers (僵尸粉)
	// are exposed to the content but never adopt or pass it on.
	Zombie []bool
	// Decay multiplies the strength by Decay^g for a share made by a node of
	// generation g (保鲜度, freshness). 0 or 1 means no decay.
	Decay float64
	// HalfLife, in hours (Hours clock only), halves the strength of a share
	// made HalfLife hours after t = 0. 0 means no decay.
	HalfLife float64
}

// Recorder receives the events of one trial and keeps the per-trial outcome
// that the engine folds into an Accumulator. A worker owns one Recorder and
// reuses it; it does not allocate per trial.
//
// Models call Expose once per node that receives the content (seeds and
// activated nodes included) and Activate once per node that adopts it, with
// the node's generation (0 for a start point) and its time on the model's
// Clock. Exposures of a node come before its activation.
type Recorder struct {
	reach, exposed, first int
	// gens[g] counts activations of generation g; the last entry also holds
	// all later generations.
	gens []uint32
	// bins[b] counts activations with time in [b·binWidth, (b+1)·binWidth);
	// the last entry also holds all later times.
	bins     []uint32
	binWidth float64
	// hits, when not nil, counts per node the trials in which it activated.
	hits []uint32
}

// Expose records that node v received the content.
func (r *Recorder) Expose(v uint32) { r.exposed++ }

// Activate records that node v adopted the content at generation gen and time t.
func (r *Recorder) Activate(v uint32, gen int, t float64) {
	r.reach++
	if gen == 1 {
		r.first++
	}
	g := min(gen, len(r.gens)-1)
	r.gens[g]++
	b := int(t / r.binWidth)
	if b < 0 || b >= len(r.bins) {
		b = len(r.bins) - 1
	}
	r.bins[b]++
	if r.hits != nil {
		r.hits[v]++
	}
}

// Seeder produces the start points of each trial: a seeding plan bound to a
// graph. Starts appends trial's starts to dst (sorted by time) and returns
// them with the plan's cost for this trial. It takes trial-wide draws (which
// K random nodes) from rnd, which the engine seeds from (seed, trial), and
// element draws (who sees a broadcast) from Coins keyed by key. Starts is
// called by many workers at once and must not modify the Seeder.
type Seeder interface {
	Starts(dst []Start, rnd *rand.Rand, key uint64) ([]Start, float64)
}
