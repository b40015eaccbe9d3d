package influence

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/ripple-sim/ripple/sim"
)

// CELF: Leskovec, Krause, Guestrin, Faloutsos, VanBriesen & Glance,
// "Cost-effective outbreak detection in networks", KDD 2007. The greedy of
// Kempe, Kleinberg & Tardos (KDD 2003) with Monte Carlo estimates of σ, made
// lazy: marginal gains only fall (σ is submodular), so a node whose gain was
// computed in the current round and still leads is taken without
// recomputing the others. Every estimate uses the same trials (the same
// cfg.Seed), so two candidate sets are compared on common random numbers.
// Cost: about n + (k − 1)·(a few) Monte Carlo runs of cfg.Trials trials: the
// slow reference for small graphs, not for production.

// Seeds is a fixed seed set as a sim.Seeder: every trial starts from the
// same nodes at time 0, at no cost.
type Seeds []uint32

// Starts appends the seeds as active starts at time 0.
func (s Seeds) Starts(dst []sim.Start, _ *rand.Rand, _ uint64) ([]sim.Start, float64) {
	for _, v := range s {
		dst = append(dst, sim.Start{Node: v, Active: true})
	}
	return dst, 0
}

// CELF chooses k seeds (1 ≤ k ≤ n) by lazy greedy on Monte Carlo reach from
// kernel, each estimate from cfg (cfg.Trials trials at cfg.Seed). It returns
// the seeds in the order chosen and the estimated reach after each.
func CELF(ctx context.Context, kernel sim.Kernel, k int, cfg sim.Config) ([]uint32, []float64, error) {
	n := kernel.Nodes()
	if k < 1 || k > n {
		return nil, nil, fmt.Errorf("influence: celf: bad seed count: k=%d (want 1 ≤ k ≤ %d)", k, n)
	}
	cfg.Progress = nil
	sigma := func(s Seeds) (float64, error) {
		r, err := sim.Run(ctx, kernel, s, cfg)
		if err != nil {
			return 0, fmt.Errorf("influence: celf: %w", err)
		}
		return r.Summary.Reach.Mean, nil
	}
	q := make(queue, 0, n)
	round := make([]int, n) // the round in which a node's key was computed
	for v := range uint32(n) {
		x, err := sigma(Seeds{v})
		if err != nil {
			return nil, nil, err
		}
		q = append(q, entry{x, v})
	}
	q.heapify()
	var seeds Seeds
	var reach []float64
	cur := 0.0
	for len(seeds) < k {
		e := q.pop()
		if round[e.v] == len(seeds) {
			seeds = append(seeds, e.v)
			cur += e.key
			reach = append(reach, cur)
			continue
		}
		x, err := sigma(append(seeds[:len(seeds):len(seeds)], e.v))
		if err != nil {
			return nil, nil, err
		}
		round[e.v] = len(seeds)
		q.push(entry{x - cur, e.v})
	}
	return seeds, reach, nil
}
