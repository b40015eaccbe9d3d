package sweep

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/ripple-sim/ripple/scenarios"
	"github.com/ripple-sim/ripple/sim"
)

// UnitResult is what a finished unit holds: one accumulator per plan, in
// file order, and the pair sums of the plans that ran paired, with A and B
// the plans' places in file order.
type UnitResult struct {
	Point string             `json:"point"`
	Block int                `json:"block"`
	Accs  []*sim.Accumulator `json:"accs"`
	Pairs []sim.PairSums     `json:"pairs"`
}

// Options are how a sweep runs; none of them changes a result.
type Options struct {
	// Part is the part of the units to run (zero: all).
	Part Part
	// Workers is the number of goroutines in all (≤ 0: GOMAXPROCS).
	Workers int
	// Store, when not nil, receives each finished unit (a checkpoint) and
	// gives the units finished before.
	Store *Store
	// Progress, when not nil, is called after each unit with the trials
	// done and planned in this part; calls are serialised.
	Progress func(done, total int)
}

// Run plays the units of o.Part that o.Store does not already hold, in
// parallel, saves each to o.Store as it finishes, and returns the part's
// Set. On cancellation or a failed save it returns the error; the units
// saved so far stay in the store.
func (s *Sweep) Run(ctx context.Context, o Options) (*Set, error) {
	part := o.Part
	if part.Of == 0 {
		part = Part{1, 1}
	}
	units := s.Header.PartUnits(part)
	done := map[unitKey]*UnitResult{}
	if o.Store != nil {
		for k, r := range o.Store.units {
			done[k] = r
		}
	}
	var todo []Unit
	total, finished := 0, 0
	for _, u := range units {
		total += u.Trials
		if _, ok := done[unitKey{s.Header.Points[u.Point].ID, u.Block}]; ok {
			finished += u.Trials
			continue
		}
		todo = append(todo, u)
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	conc := max(1, min(workers, len(todo)))
	per := max(1, workers/conc)
	var (
		mu    sync.Mutex
		next  int
		first error
	)
	if o.Progress != nil {
		o.Progress(finished, total)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if next >= len(todo) || first != nil {
					mu.Unlock()
					return
				}
				u := todo[next]
				next++
				mu.Unlock()
				r, err := s.runUnit(ctx, u, per)
				if err == nil && o.Store != nil {
					err = o.Store.Save(r)
				}
				mu.Lock()
				if err != nil {
					if first == nil {
						first = err
						cancel()
					}
				} else {
					done[unitKey{r.Point, r.Block}] = r
					finished += u.Trials
					if o.Progress != nil {
						o.Progress(finished, total)
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if first != nil {
		if err := parent.Err(); err != nil {
			return nil, fmt.Errorf("sweep: interrupted (%d of %d trials of this part done and kept): %w", finished, total, err)
		}
		return nil, first
	}
	set := &Set{Header: s.Header, Part: part}
	for _, u := range units {
		set.Units = append(set.Units, done[unitKey{s.Header.Points[u.Point].ID, u.Block}])
	}
	return set, nil
}

// runUnit plays one unit on workers goroutines.
func (s *Sweep) runUnit(ctx context.Context, u Unit, workers int) (*UnitResult, error) {
	p := s.Points[u.Point]
	su, err := p.Setup()
	if err != nil {
		return nil, fmt.Errorf("sweep: point %s: %w", p.Label(), err)
	}
	g, member, err := s.graphs.get(su.Graph)
	if err != nil {
		return nil, fmt.Errorf("sweep: point %s: graph: %w", p.Label(), err)
	}
	ro := scenarios.RunOptions{Communities: member, ReadLabels: readLabels, Workers: workers}
	if s.Header.Points[u.Point].Blocks > 1 {
		ro.First, ro.Trials = u.First, u.Trials
	}
	pr, err := scenarios.RunPoint(ctx, p, g, ro)
	if err != nil {
		return nil, fmt.Errorf("sweep: point %s (block %d): %w", p.Label(), u.Block, err)
	}
	r := &UnitResult{Point: p.ID, Block: u.Block, Accs: make([]*sim.Accumulator, len(pr.Summaries))}
	for k, paired := range pr.Paired {
		idx := pr.Groups[k]
		for n, j := range idx {
			r.Accs[j] = paired.Plans[n].Acc
		}
		for _, ps := range paired.Pairs {
			ps.A, ps.B = idx[ps.A], idx[ps.B]
			r.Pairs = append(r.Pairs, ps)
		}
	}
	return r, nil
}

type unitKey struct {
	point string
	block int
}
