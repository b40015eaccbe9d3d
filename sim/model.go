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
	// Nodes returns the number of nodes of the graph the kernel is bound to;
	// the engine sizes the cascade threshold and per-node counts from it.
	Nodes() int
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
// exposed (a broadcast impression that did not convert). With the
// Generations clock a fractional Time is rounded up in every model: the
// start joins at the first generation step at or after Time (never before
// it), so @1.5 joins at step 2. With the Hours clock Time is used as is.
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

// DefaultGenerations is the number of generation bins a Recorder keeps when
// RecorderOptions.Generations is 0.
const DefaultGenerations = 64

// RecorderOptions say what a Recorder keeps of each trial.
type RecorderOptions struct {
	// Generations is the number of generation bins (0 means
	// DefaultGenerations); the last bin also holds every later generation.
	Generations int
	// Bins and BinWidth (in hours) set the time axis of the Hours clock:
	// bin b holds times in [b·BinWidth, (b+1)·BinWidth), the last bin every
	// later time. With the Generations clock the time bins are the
	// generation bins and these fields are ignored. 0 means 48 bins of one
	// hour.
	Bins     int
	BinWidth float64
	// Exposures asks models to report every exposure. Tracking exposures
	// costs a memory touch per examined arc, so it is optional; when false,
	// models may skip their Expose calls and the exposure count is 0.
	Exposures bool
	// Hits asks the Recorder to list the nodes that activated, so that the
	// accumulator can count per node how often it was reached.
	Hits bool
}

// withDefaults fills the zero fields of o.
func (o RecorderOptions) withDefaults(clock Clock) RecorderOptions {
	if o.Generations <= 0 {
		o.Generations = DefaultGenerations
	}
	if clock == Generations {
		o.Bins, o.BinWidth = o.Generations, 1
	} else {
		if o.Bins <= 0 {
			o.Bins = 48
		}
		if !(o.BinWidth > 0) {
			o.BinWidth = 1
		}
	}
	return o
}

// Recorder receives the events of one trial and keeps the per-trial outcome
// that the engine folds into an Accumulator. A worker owns one Recorder and
// reuses it; it does not allocate per trial.
//
// Models call Expose once per node that receives the content (seeds and
// activated nodes included) when Exposures reports true, and Activate (or
// ActivateAll) once per node that adopts it, with the node's generation (0
// for a start point, g+1 for a node activated by a node of generation g)
// and its time on the model's Clock (with the Generations clock, the time is
// the generation step at which the node activated; it differs from the
// generation only for staggered start points). Exposures of a node come
// before its activation.
type Recorder struct {
	reach, exposed, first int
	// gens[g] counts activations of generation g; the last entry also holds
	// all later generations. lastGen is the highest generation with an
	// activation (0 when none): Reset and Accumulator.Add touch no more.
	gens    []uint32
	lastGen int
	// bins[b] counts activations with time in [b·binWidth, (b+1)·binWidth);
	// the last entry also holds all later times. lastBin is the highest bin
	// with an activation (0 when none).
	bins     []uint32
	binWidth float64
	lastBin  int
	// nodes, when not nil, lists the nodes activated in this trial.
	nodes     []uint32
	exposures bool
}

// NewRecorder returns a recorder for trials on n nodes with the given clock.
func NewRecorder(n int, clock Clock, o RecorderOptions) *Recorder {
	o = o.withDefaults(clock)
	r := &Recorder{
		gens:      make([]uint32, o.Generations),
		bins:      make([]uint32, o.Bins),
		binWidth:  o.BinWidth,
		exposures: o.Exposures,
	}
	if o.Hits {
		r.nodes = make([]uint32, 0, n)
	}
	return r
}

// Reset clears the outcome of the previous trial.
func (r *Recorder) Reset() {
	r.reach, r.exposed, r.first = 0, 0, 0
	clear(r.gens[:r.lastGen+1])
	r.lastGen = 0
	clear(r.bins[:r.lastBin+1])
	r.lastBin = 0
	if r.nodes != nil {
		r.nodes = r.nodes[:0]
	}
}

// Exposures reports whether exposures are tracked. Models that pay for
// exposure tracking with extra memory touches skip it when false.
func (r *Recorder) Exposures() bool { return r.exposures }

// Expose records that node v received the content.
func (r *Recorder) Expose(v uint32) { r.exposed++ }

// ExposeN records that k distinct nodes received the content.
func (r *Recorder) ExposeN(k int) { r.exposed += k }

// Activate records that node v adopted the content at generation gen and time t.
func (r *Recorder) Activate(v uint32, gen int, t float64) {
	r.reach++
	if gen == 1 {
		r.first++
	}
	g := min(gen, len(r.gens)-1)
	r.gens[g]++
	r.lastGen = max(r.lastGen, g)
	b := r.bin(t)
	r.bins[b]++
	r.lastBin = max(r.lastBin, b)
	if r.nodes != nil {
		r.nodes = append(r.nodes, v)
	}
}

// ActivateAll records that every node of vs adopted the content at
// generation gen and time t: a whole BFS level at once.
func (r *Recorder) ActivateAll(vs []uint32, gen int, t float64) {
	k := len(vs)
	if k == 0 {
		return
	}
	r.reach += k
	if gen == 1 {
		r.first += k
	}
	g := min(gen, len(r.gens)-1)
	r.gens[g] += uint32(k)
	r.lastGen = max(r.lastGen, g)
	b := r.bin(t)
	r.bins[b] += uint32(k)
	r.lastBin = max(r.lastBin, b)
	if r.nodes != nil {
		r.nodes = append(r.nodes, vs...)
	}
}

// bin returns the time bin of t: negative times fall in bin 0, late times
// and NaN in the last bin.
func (r *Recorder) bin(t float64) int {
	x := t / r.binWidth
	switch {
	case x < 1:
		return 0
	case x < float64(len(r.bins)):
		return int(x)
	}
	return len(r.bins) - 1
}

// Reach returns the number of activations in the trial so far.
func (r *Recorder) Reach() int { return r.reach }

// Exposed returns the number of exposures in the trial so far.
func (r *Recorder) Exposed() int { return r.exposed }

// First returns the number of generation-1 activations (first-level spread).
func (r *Recorder) First() int { return r.first }

// Seeder produces the start points of each trial: a seeding plan bound to a
// graph. Starts appends trial's starts to dst (sorted by time) and returns
// them with the plan's cost for this trial. It takes trial-wide draws (which
// K random nodes) from rnd, which the engine seeds from (seed, trial), and
// element draws (who sees a broadcast) from Coins keyed by key. Starts is
// called by many workers at once and must not modify the Seeder.
type Seeder interface {
	Starts(dst []Start, rnd *rand.Rand, key uint64) ([]Start, float64)
}
