package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
	"gonum.org/v1/gonum/stat/distuv"
)

// DefaultBatch is the number of trials handed to a worker at a time when
// Config.Batch is 0.
const DefaultBatch = 256

// Precision is an optional stopping rule: the run stops at the end of the
// first batch (in trial order) after which every target set is met, or at
// Config.Trials. Zero fields are not targets.
type Precision struct {
	// RelReach is the largest acceptable half-width of the 95% interval of
	// mean reach, relative to the mean (0.01 = ±1%).
	RelReach float64 `json:"rel_reach,omitempty"`
	// AbsCascade is the largest acceptable half-width of the Wilson interval
	// of P(cascade) (0.01 = ±1 percentage point).
	AbsCascade float64 `json:"abs_cascade,omitempty"`
	// Decide, when > 0, is met once the Wilson interval of P(cascade) at
	// Decide standard errors (3.29: 99.9%) lies clear of 1/2: the verdict is
	// settled, with a margin for the repeated looks of a sequential test
	// (one per batch).
	Decide float64 `json:"decide_z,omitempty"`
	// MinTrials is the least number of trials before the targets are
	// checked (0 means 1000), so that a lucky first batch cannot stop a run.
	MinTrials int `json:"min_trials,omitempty"`
}

// active reports whether p sets any target.
func (p Precision) active() bool { return p.RelReach > 0 || p.AbsCascade > 0 || p.Decide > 0 }

// clearOfHalf reports whether the Wilson interval of k successes in n
// trials at z standard errors lies entirely above or below 1/2.
func clearOfHalf(k, n uint64, z float64) bool {
	lo, hi := wilsonEnds(k, n, z)
	return lo > 0.5 || hi < 0.5
}

// met reports whether the accumulators (one per plan) meet every target.
func (p Precision) met(accs []*Accumulator) bool {
	least := p.MinTrials
	if least <= 0 {
		least = 1000
	}
	for _, a := range accs {
		if a.Trials < uint64(least) {
			return false
		}
		if p.RelReach > 0 {
			e, _ := meanEstimate(a.Trials, a.ReachSum, a.ReachSq)
			if !(e.HalfWidth() <= p.RelReach*math.Abs(e.Mean)) {
				return false
			}
		}
		if p.AbsCascade > 0 && !(Wilson(a.Cascades, a.Trials).HalfWidth() <= p.AbsCascade) {
			return false
		}
		if p.Decide > 0 && !clearOfHalf(a.Cascades, a.Trials, p.Decide) {
			return false
		}
	}
	return true
}

// Config says how to run trials.
type Config struct {
	// Seed is the master seed; trial i draws every random number from
	// (Seed, i).
	Seed uint64
	// Trials is the number of trials, or the cap when Precision is set.
	Trials int
	// First is the number of the first trial: a run plays trials First,
	// First+1, …, so that a run split into shards [0, k), [k, 2k), … and
	// merged gives the same accumulator as the whole run.
	First uint64
	// Workers is the number of goroutines; ≤ 0 means GOMAXPROCS. The
	// result does not depend on it.
	Workers int
	// Batch is the number of trials a worker takes at a time (0 means
	// DefaultBatch). With a Precision target, the result depends on Batch
	// (the run stops at a batch boundary), never on Workers.
	Batch int
	// Theta is the cascade threshold as a fraction of the nodes, in (0, 1].
	Theta float64
	// Record says what each trial records (bins, exposures, hits).
	Record RecorderOptions
	// Precision, when set, stops the run early once met.
	Precision Precision
	// Progress, when not nil, is called after each batch with the number of
	// trials done and the number planned. Calls are serialised; it must be
	// quick.
	Progress func(done, total int)
}

// Result is the outcome of Run.
type Result struct {
	// Acc holds the statistics; Summary is derived from it.
	Acc     *Accumulator `json:"accumulator"`
	Summary Summary      `json:"summary"`
	// Seed is the master seed; Trials the number of trials folded in.
	Seed   uint64 `json:"seed"`
	Trials int    `json:"trials"`
	// Partial is set when the run was cancelled before it finished.
	Partial bool `json:"partial,omitempty"`
}

// Run plays cfg.Trials trials of kernel from the start points seeder
// produces and returns their statistics. Trial i uses the key
// TrialKey(cfg.Seed, i) and a stream seeded by StreamWords(cfg.Seed, i), so
// the result is the same for any number of workers. When ctx is cancelled,
// Run returns the trials completed so far, marked Partial, with ctx's error.
// They are whole trials only, the same ones for every plan. Without a
// Precision target they are every trial played (not always a prefix of the
// trial numbers); with one, the batches merged in trial order before the
// cancellation (a prefix).
func Run(ctx context.Context, kernel Kernel, seeder Seeder, cfg Config) (*Result, error) {
	pr, err := RunPaired(ctx, kernel, []Seeder{seeder}, cfg)
	if pr == nil {
		return nil, err
	}
	return &pr.Plans[0], err
}

// PairSums holds, for the plans A < B of a paired run, the exact sums over
// trials of the reach difference D = R_A − R_B and of D², so that the
// difference of mean reach gets a paired interval.
type PairSums struct {
	A   int  `json:"a"`
	B   int  `json:"b"`
	Sum U128 `json:"sum"` // two's complement: signed
	Sq  U128 `json:"sq"`
}

// add folds one trial's difference in.
func (p *PairSums) add(d int64) {
	p.Sum.AddInt64(d)
	p.Sq.AddSquare(uint64(max(d, -d)))
}

// PairedResult is the outcome of RunPaired: one Result per plan, on common
// random numbers, and the paired sums of their reach differences.
type PairedResult struct {
	Plans []Result   `json:"plans"`
	Pairs []PairSums `json:"pairs"`
	// Trials is the number of trials played by every plan.
	Trials  int  `json:"trials"`
	Partial bool `json:"partial,omitempty"`
}

// Diff returns mean reach of plan a minus that of plan b over the same
// trials, with a paired t interval (95%). Any ordered pair of distinct plans
// may be asked for.
func (r *PairedResult) Diff(a, b int) (Estimate, error) {
	if a == b || a < 0 || b < 0 || a >= len(r.Plans) || b >= len(r.Plans) {
		return Estimate{}, fmt.Errorf("sim: diff: bad plan pair: %d %d of %d", a, b, len(r.Plans))
	}
	lo, hi, sign := a, b, 1.0
	if a > b {
		lo, hi, sign = b, a, -1
	}
	for _, p := range r.Pairs {
		if p.A == lo && p.B == hi {
			e := diffEstimate(uint64(r.Trials), p)
			if sign < 0 {
				e.Mean, e.Lo, e.Hi = -e.Mean, -e.Hi, -e.Lo
			}
			return e, nil
		}
	}
	panic("sim: diff: pair missing")
}

func diffEstimate(n uint64, p PairSums) Estimate {
	e, _ := tEstimate(n, p.Sum.signedBig(), p.Sq)
	return e
}

// tally is what one batch (or one worker) accumulates: an accumulator per
// plan and the pair sums.
type tally struct {
	accs  []*Accumulator
	pairs []PairSums
}

func newTally(cfg AccConfig, plans int) *tally {
	t := &tally{accs: make([]*Accumulator, plans)}
	for i := range t.accs {
		t.accs[i] = NewAccumulator(cfg)
	}
	for a := range plans {
		for b := a + 1; b < plans; b++ {
			t.pairs = append(t.pairs, PairSums{A: a, B: b})
		}
	}
	return t
}

func (t *tally) reset() {
	for _, a := range t.accs {
		a.Reset()
	}
	for i := range t.pairs {
		t.pairs[i].Sum, t.pairs[i].Sq = U128{}, U128{}
	}
}

func (t *tally) merge(o *tally) {
	for i, a := range t.accs {
		if err := a.Merge(o.accs[i]); err != nil {
			panic("sim: engine: " + err.Error())
		}
	}
	for i := range t.pairs {
		t.pairs[i].Sum.AddU128(o.pairs[i].Sum)
		t.pairs[i].Sq.AddU128(o.pairs[i].Sq)
	}
}

// worker is the scratch of one goroutine.
type worker struct {
	runner Runner
	rec    *Recorder
	pcg    *rand.PCG
	rnd    *rand.Rand
	starts []Start
	trial  Trial
	reach  []int64
	nodes  int
}

// checkStarts verifies what a Seeder returned: nodes in range, times
// finite, non-negative and sorted.
func checkStarts(ss []Start, n int) error {
	prev := 0.0
	for _, s := range ss {
		switch {
		case int(s.Node) >= n:
			return fmt.Errorf("start node %d out of range [0,%d)", s.Node, n)
		case !(s.Time >= 0) || math.IsInf(s.Time, 0):
			return fmt.Errorf("bad start time %v for node %d (want a finite time ≥ 0)", s.Time, s.Node)
		case s.Time < prev:
			return fmt.Errorf("starts not sorted by time: %v after %v", s.Time, prev)
		}
		prev = s.Time
	}
	return nil
}

// play runs trial i of every plan into t.
func (w *worker) play(seed, i uint64, seeders []Seeder, t *tally) error {
	key := TrialKey(seed, i)
	hi, lo := StreamWords(seed, i)
	for p, s := range seeders {
		w.pcg.Seed(hi, lo)
		var cost float64
		w.starts, cost = s.Starts(w.starts[:0], w.rnd, key)
		if !(cost >= 0 && cost < 1e12) {
			return fmt.Errorf("sim: plan %d: bad cost in trial %d: %v (want 0 ≤ cost < 1e12)", p, i, cost)
		}
		if err := checkStarts(w.starts, w.nodes); err != nil {
			return fmt.Errorf("sim: plan %d: trial %d: %w", p, i, err)
		}
		w.trial = Trial{Index: i, Key: key, Starts: w.starts}
		w.rec.Reset()
		w.runner.Run(&w.trial, w.rec)
		t.accs[p].Add(w.rec, uint64(math.Round(cost*1e6)))
		w.reach[p] = int64(w.rec.reach)
	}
	for j := range t.pairs {
		pr := &t.pairs[j]
		pr.add(w.reach[pr.A] - w.reach[pr.B])
	}
	return nil
}

// RunPaired plays the same trials for every seeder (seeding plan) on common
// random numbers: trial i of every plan has the same key and the same stream,
// so the plans meet the same random worlds and their difference has small
// variance. It returns one Result per plan and the pair sums of reach
// differences (see PairedResult.Diff). Cancellation behaves as in Run; with a
// Precision target, every plan must meet it.
func RunPaired(ctx context.Context, kernel Kernel, seeders []Seeder, cfg Config) (*PairedResult, error) {
	if len(seeders) == 0 {
		return nil, errors.New("sim: run: no seeding plan")
	}
	if cfg.Trials <= 0 {
		return nil, fmt.Errorf("sim: run: bad number of trials: %d (want > 0)", cfg.Trials)
	}
	n := kernel.Nodes()
	k, err := CascadeThreshold(cfg.Theta, n)
	if err != nil {
		return nil, err
	}
	ro := cfg.Record.withDefaults(kernel.Clock())
	acfg := AccConfig{
		Nodes: n, CascadeAt: k, Clock: kernel.Clock(),
		Generations: ro.Generations, Bins: ro.Bins, BinWidth: ro.BinWidth,
		Exposures: ro.Exposures, Hits: ro.Hits,
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batch := cfg.Batch
	if batch <= 0 {
		batch = DefaultBatch
	}
	nb := (cfg.Trials + batch - 1) / batch
	workers = min(workers, nb)
	target := cfg.Precision.active()

	var (
		mu        sync.Mutex
		nextBatch atomic.Int64
		stopAt    atomic.Int64 // batches at or beyond are not started
		done      int
		main      = newTally(acfg, len(seeders))
		pending   = map[int]*tally{}
		free      []*tally
		committed int // batches merged into main, in index order
	)
	stopAt.Store(int64(nb))
	// submit hands a finished batch to the coordinator. With a target, it is
	// merged in index order and the target checked after each merge, so the
	// stopping batch does not depend on which worker finished first.
	submit := func(b, trials int, t *tally) *tally {
		mu.Lock()
		defer mu.Unlock()
		done += trials
		if target {
			pending[b] = t
			for {
				p, ok := pending[committed]
				if !ok || committed >= int(stopAt.Load()) {
					break
				}
				delete(pending, committed)
				main.merge(p)
				p.reset()
				free = append(free, p)
				committed++
				if cfg.Precision.met(main.accs) {
					stopAt.Store(int64(committed))
				}
			}
			if len(free) > 0 {
				t = free[len(free)-1]
				free = free[:len(free)-1]
			} else {
				t = newTally(acfg, len(seeders))
			}
		}
		if cfg.Progress != nil {
			cfg.Progress(min(done, cfg.Trials), cfg.Trials)
		}
		return t
	}

	ws := make([]*tally, workers)
	g, gctx := errgroup.WithContext(ctx)
	for wi := range workers {
		r := kernel.NewRunner()
		pcg := rand.NewPCG(0, 0)
		w := &worker{runner: r, rec: NewRecorder(n, kernel.Clock(), ro), pcg: pcg, rnd: rand.New(pcg), reach: make([]int64, len(seeders)), nodes: n}
		t := newTally(acfg, len(seeders))
		ws[wi] = t
		g.Go(func() error {
			cancelled := gctx.Done()
			for {
				b := int(nextBatch.Add(1) - 1)
				if b >= int(stopAt.Load()) {
					return nil
				}
				lo, hi := b*batch, min((b+1)*batch, cfg.Trials)
				for i := lo; i < hi; i++ {
					select {
					case <-cancelled:
						return gctx.Err()
					default:
					}
					if err := w.play(cfg.Seed, cfg.First+uint64(i), seeders, t); err != nil {
						return err
					}
				}
				t = submit(b, hi-lo, t)
			}
		})
	}
	err = g.Wait()
	if !target {
		for _, t := range ws {
			main.merge(t)
		}
	}
	out := &PairedResult{Plans: make([]Result, len(seeders)), Pairs: main.pairs}
	out.Trials = int(main.accs[0].Trials)
	out.Partial = err != nil
	for p, a := range main.accs {
		out.Plans[p] = Result{Acc: a, Summary: a.Summarize(), Seed: cfg.Seed, Trials: int(a.Trials), Partial: out.Partial}
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return out, fmt.Errorf("sim: run interrupted after %d trials: %w", out.Trials, ctxErr)
		}
		return nil, err
	}
	return out, nil
}

// tQuantile returns the two-sided Confidence quantile of Student's t with
// df degrees of freedom.
func tQuantile(df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.5 + Confidence/2)
}
