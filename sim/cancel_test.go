package sim

import (
	"context"
	"errors"
	"math/big"
	"testing"
)

// TestCancelConsistent: a cancelled paired run returns whole trials only,
// and all its counts agree with each other: every plan has the same trials,
// the histograms hold one value per trial, activations per generation, per
// time bin and per node add up to the reach, and the pair sums are the
// difference of the plans' reach sums. With a precision target (which is
// never met here) the trials kept are whole batches in trial order, so the
// partial accumulator equals a fresh run of that many trials, byte for byte.
func TestCancelConsistent(t *testing.T) {
	const n = 3000
	g := directedGnp(t, n, 2.0/n, 3)
	k, err := IC{Strength: 0.5}.Bind(g, Behaviours{})
	if err != nil {
		t.Fatal(err)
	}
	plans := []Seeder{randomRoot{n: n}, at0(1, 2, 3)}
	rec := RecorderOptions{Hits: true}
	for _, prec := range []Precision{{}, {RelReach: 1e-9}} {
		ctx, cancel := context.WithCancel(context.Background())
		cfg := Config{Seed: 6, Trials: 1_000_000, Batch: 40, Workers: 2, Theta: 0.2, Record: rec, Precision: prec,
			Progress: func(done, _ int) {
				if done >= 400 {
					cancel()
				}
			}}
		res, err := RunPaired(ctx, k, plans, cfg)
		cancel()
		// Without a target every played trial is kept (≥ 400); with one, only
		// the batches merged in order before the cancellation (possibly none,
		// if the first batch's worker was slow).
		if !errors.Is(err, context.Canceled) || res == nil || !res.Partial || prec.RelReach == 0 && res.Trials < 400 {
			t.Fatalf("precision %+v: got err=%v, partial result of %d trials, want context.Canceled and a partial result", prec, err, trialsOf(res))
		}
		for p, r := range res.Plans {
			a := r.Acc
			var ended, gens, bins, hits uint64
			for i := range a.Ended {
				ended += a.Ended[i].Total()
			}
			for _, x := range a.GenSums {
				gens += x
			}
			for _, x := range a.BinSums {
				bins += x
			}
			for _, x := range a.Hits {
				hits += x
			}
			reach := a.ReachSum.Float64()
			if a.Trials != uint64(res.Trials) || r.Trials != res.Trials || a.Reach.Total() != a.Trials || ended != a.Trials ||
				float64(gens) != reach || float64(bins) != reach || float64(hits) != reach {
				t.Errorf("precision %+v, plan %d: trials %d/%d/%d, reach histogram %d, ended %d; Σ reach %v, by generation %d, by bin %d, by node %d",
					prec, p, a.Trials, r.Trials, res.Trials, a.Reach.Total(), ended, reach, gens, bins, hits)
			}
		}
		d := new(big.Int).Sub(res.Plans[0].Acc.ReachSum.big(), res.Plans[1].Acc.ReachSum.big())
		if got := res.Pairs[0].Sum.signedBig(); got.Cmp(d) != 0 {
			t.Errorf("precision %+v: pair sum %v, want Σ R_0 − Σ R_1 = %v", prec, got, d)
		}
		if prec.RelReach > 0 && res.Trials > 0 {
			if res.Trials%40 != 0 {
				t.Errorf("target: %d trials, want whole batches of 40", res.Trials)
			}
			again := cfg
			again.Trials, again.Precision, again.Progress = res.Trials, Precision{}, nil
			fresh, err := RunPaired(context.Background(), k, plans, again)
			if err != nil {
				t.Fatal(err)
			}
			for p := range plans {
				if a, b := mustJSON(t, res.Plans[p].Acc), mustJSON(t, fresh.Plans[p].Acc); a != b {
					t.Errorf("target: plan %d: the partial run differs from a fresh run of its %d trials", p, res.Trials)
				}
			}
		}
	}
}

func trialsOf(r *PairedResult) int {
	if r == nil {
		return -1
	}
	return r.Trials
}
