package sim

import (
	"errors"
	"fmt"
)

// AccConfig fixes what an Accumulator counts. Accumulators merge only when
// their configs are equal.
type AccConfig struct {
	// Nodes is the number of nodes of the graph.
	Nodes int `json:"nodes"`
	// CascadeAt is the reach, in people (seeds included), from which a
	// trial counts as a cascade; see CascadeThreshold.
	CascadeAt int `json:"cascade_at"`
	// Clock is the model's time axis.
	Clock Clock `json:"clock"`
	// Generations, Bins and BinWidth are the recorder's bins (defaults
	// filled in).
	Generations int     `json:"generations"`
	Bins        int     `json:"bins"`
	BinWidth    float64 `json:"bin_width"`
	// Exposures and Hits say whether exposures and per-node hits are counted.
	Exposures bool `json:"exposures"`
	Hits      bool `json:"hits"`
}

// ErrConfigMismatch is returned by Merge when two accumulators count
// different things.
var ErrConfigMismatch = errors.New("accumulator configs differ")

// Accumulator holds the integer sufficient statistics of a set of trials of
// one plan: everything a Summary is derived from. Merging is exact and
// order-free, so the trials of a run may be split across workers, machines
// and time, and merged in any order to the same bytes. It marshals to JSON.
type Accumulator struct {
	Config AccConfig `json:"config"`
	// Trials is the number of trials folded in.
	Trials uint64 `json:"trials"`
	// Reach is the histogram of per-trial reach; ReachSum and ReachSq are
	// Σ R and Σ R² over trials (exact).
	Reach Histogram `json:"reach"`
	// MaxReach is the largest reach of any trial, exact (the histogram
	// holds large values only to within its bucket width).
	MaxReach uint64 `json:"max_reach"`
	ReachSum U128   `json:"reach_sum"`
	ReachSq  U128   `json:"reach_sq"`
	// Cascades counts the trials that cascade: whose spread beyond the
	// first level (activations of generation 2 and later, people the
	// audience reached on its own) is at least Config.CascadeAt. Large
	// counts the trials whose reach is at least Config.CascadeAt, however
	// it was reached (first-level spread included). See Summary.Cascade.
	Cascades uint64 `json:"cascades"`
	Large    uint64 `json:"large"`
	// Σ E and Σ E² of exposures (0 unless Config.Exposures), Σ F and Σ F²
	// of first-level spread (generation-1 activations).
	ExposedSum U128 `json:"exposed_sum"`
	ExposedSq  U128 `json:"exposed_sq"`
	FirstSum   U128 `json:"first_sum"`
	FirstSq    U128 `json:"first_sq"`
	// GenSums[g] is the total number of activations of generation g over
	// all trials (the last entry folds later generations).
	GenSums []uint64 `json:"gen_sums"`
	// BinSums[b] is the total number of activations in time bin b.
	BinSums []uint64 `json:"bin_sums"`
	// Curve and Ended give the distribution of cumulative reach over time
	// at a cost proportional to how long each trial lasts: a trial whose last
	// activation falls in bin L adds its cumulative reach at the end of
	// bins 0..L to Curve[0..L] and its final reach to Ended[L]. The
	// distribution of cumulative reach at the end of bin b is Curve[b] plus
	// Ended[L] for every L < b (see CumulativeReach).
	Curve []Histogram `json:"curve"`
	Ended []Histogram `json:"ended"`
	// Hits[v] counts the trials in which node v activated (nil unless
	// Config.Hits).
	Hits []uint64 `json:"hits,omitempty"`
	// CostSum is the total cost over trials in micro-units (1e-6 of the
	// plan's currency).
	CostSum U128 `json:"cost_sum_micro"`
}

// NewAccumulator returns an empty accumulator for cfg.
func NewAccumulator(cfg AccConfig) *Accumulator {
	a := &Accumulator{
		Config:  cfg,
		GenSums: make([]uint64, cfg.Generations),
		BinSums: make([]uint64, cfg.Bins),
		Curve:   make([]Histogram, cfg.Bins),
		Ended:   make([]Histogram, cfg.Bins),
	}
	if cfg.Hits {
		a.Hits = make([]uint64, cfg.Nodes)
	}
	return a
}

// Add folds in the outcome of one trial, held by rec, with the plan's cost
// for the trial in micro-units. It does not allocate once the histograms
// have grown to the values seen.
func (a *Accumulator) Add(rec *Recorder, costMicro uint64) {
	a.Trials++
	r := uint64(rec.reach)
	a.Reach.Add(r)
	a.MaxReach = max(a.MaxReach, r)
	a.ReachSum.Add(r)
	a.ReachSq.AddSquare(r)
	if rec.reach >= a.Config.CascadeAt {
		a.Large++
		if rec.beyondFirst() >= a.Config.CascadeAt {
			a.Cascades++
		}
	}
	e, f := uint64(rec.exposed), uint64(rec.first)
	a.ExposedSum.Add(e)
	a.ExposedSq.AddSquare(e)
	a.FirstSum.Add(f)
	a.FirstSq.AddSquare(f)
	gens := rec.gens[:rec.lastGen+1]
	gs := a.GenSums[:len(gens)]
	for g, c := range gens {
		gs[g] += uint64(c)
	}
	L := rec.lastBin
	var cum uint64
	for b, c := range rec.bins[:L+1] {
		cum += uint64(c)
		a.BinSums[b] += uint64(c)
		a.Curve[b].Add(cum)
	}
	a.Ended[L].Add(r)
	for _, v := range rec.nodes {
		a.Hits[v]++
	}
	a.CostSum.Add(costMicro)
}

// beyondFirst returns the activations of generation 2 and later in r's
// trial: reach less the start points (generation 0) and the first-level
// spread. gens[0] holds generation 0 alone when there are two bins or more.
func (r *Recorder) beyondFirst() int {
	if len(r.gens) < 2 {
		return 0
	}
	return r.reach - int(r.gens[0]) - r.first
}

// Reset empties a, keeping its config and memory.
func (a *Accumulator) Reset() {
	cfg, gs, bs, cu, en, h, reach := a.Config, a.GenSums, a.BinSums, a.Curve, a.Ended, a.Hits, a.Reach
	clear(gs)
	clear(bs)
	clear(h)
	for i := range cu {
		cu[i].Reset()
		en[i].Reset()
	}
	reach.Reset()
	*a = Accumulator{Config: cfg, GenSums: gs, BinSums: bs, Curve: cu, Ended: en, Hits: h, Reach: reach}
}

// Merge adds the trials of o to a. It fails, leaving a unchanged, when the
// configs differ.
func (a *Accumulator) Merge(o *Accumulator) error {
	if a.Config != o.Config {
		return fmt.Errorf("sim: merge: %w: %+v and %+v", ErrConfigMismatch, a.Config, o.Config)
	}
	if err := a.check(); err != nil {
		return err
	}
	if err := o.check(); err != nil {
		return err
	}
	a.Trials += o.Trials
	a.Reach.Merge(&o.Reach)
	a.MaxReach = max(a.MaxReach, o.MaxReach)
	a.ReachSum.AddU128(o.ReachSum)
	a.ReachSq.AddU128(o.ReachSq)
	a.Cascades += o.Cascades
	a.Large += o.Large
	a.ExposedSum.AddU128(o.ExposedSum)
	a.ExposedSq.AddU128(o.ExposedSq)
	a.FirstSum.AddU128(o.FirstSum)
	a.FirstSq.AddU128(o.FirstSq)
	for i, x := range o.GenSums {
		a.GenSums[i] += x
	}
	for i, x := range o.BinSums {
		a.BinSums[i] += x
	}
	for i := range o.Curve {
		a.Curve[i].Merge(&o.Curve[i])
		a.Ended[i].Merge(&o.Ended[i])
	}
	for i, x := range o.Hits {
		a.Hits[i] += x
	}
	a.CostSum.AddU128(o.CostSum)
	return nil
}

// check verifies that the slices of a match its config (after unmarshalling
// a shard written elsewhere).
func (a *Accumulator) check() error {
	c := a.Config
	hits := 0
	if c.Hits {
		hits = c.Nodes
	}
	if len(a.GenSums) != c.Generations || len(a.BinSums) != c.Bins || len(a.Curve) != c.Bins ||
		len(a.Ended) != c.Bins || len(a.Hits) != hits {
		return fmt.Errorf("sim: accumulator: slice lengths do not match config %+v", c)
	}
	return nil
}

// CumulativeReach returns the distribution over trials of the cumulative
// reach at the end of time bin b.
func (a *Accumulator) CumulativeReach(b int) *Histogram {
	h := new(Histogram)
	h.Merge(&a.Curve[b])
	for l := range b {
		h.Merge(&a.Ended[l])
	}
	return h
}
