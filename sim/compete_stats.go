package sim

import (
	"fmt"
	"math"
	"math/bits"
)

// CompeteSums holds, beside each content's Accumulator, the exact sums from
// which the shares of a competing run are estimated. With F_c the people
// whose first adoption was content c in a trial, H_c the people holding c at
// its end (F_c unless a content converts) and N = Σ_c F_c the people reached
// by any content, it keeps over trials Σ F_c, Σ F_c², Σ F_c·N, the same for
// H_c, and Σ N, Σ N². Like an Accumulator it merges exactly, in any order.
type CompeteSums struct {
	Trials     uint64 `json:"trials"`
	First      []U128 `json:"first_sum"`
	FirstSq    []U128 `json:"first_sq"`
	FirstCross []U128 `json:"first_cross"`
	Held       []U128 `json:"held_sum"`
	HeldSq     []U128 `json:"held_sq"`
	HeldCross  []U128 `json:"held_cross"`
	Reached    U128   `json:"reached_sum"`
	ReachedSq  U128   `json:"reached_sq"`
}

func newCompeteSums(nc int) CompeteSums {
	u := func() []U128 { return make([]U128, nc) }
	return CompeteSums{First: u(), FirstSq: u(), FirstCross: u(), Held: u(), HeldSq: u(), HeldCross: u()}
}

// addProduct adds x·y to a.
func addProduct(a *U128, x, y uint64) {
	hi, lo := bits.Mul64(x, y)
	a.AddU128(U128{Hi: hi, Lo: lo})
}

// add folds one trial's first adoptions and holdings in.
func (s *CompeteSums) add(first, held []int) {
	s.Trials++
	var n uint64
	for _, f := range first {
		n += uint64(f)
	}
	s.Reached.Add(n)
	s.ReachedSq.AddSquare(n)
	for c := range s.First {
		f, h := uint64(first[c]), uint64(held[c])
		s.First[c].Add(f)
		s.FirstSq[c].AddSquare(f)
		addProduct(&s.FirstCross[c], f, n)
		s.Held[c].Add(h)
		s.HeldSq[c].AddSquare(h)
		addProduct(&s.HeldCross[c], h, n)
	}
}

// Merge adds the trials of o to s; both must count the same contents.
func (s *CompeteSums) Merge(o *CompeteSums) error {
	if len(s.First) != len(o.First) {
		return fmt.Errorf("sim: compete: merge: %d and %d contents", len(s.First), len(o.First))
	}
	s.Trials += o.Trials
	s.Reached.AddU128(o.Reached)
	s.ReachedSq.AddU128(o.ReachedSq)
	for c := range s.First {
		s.First[c].AddU128(o.First[c])
		s.FirstSq[c].AddU128(o.FirstSq[c])
		s.FirstCross[c].AddU128(o.FirstCross[c])
		s.Held[c].AddU128(o.Held[c])
		s.HeldSq[c].AddU128(o.HeldSq[c])
		s.HeldCross[c].AddU128(o.HeldCross[c])
	}
	return nil
}

// ratioEstimate returns ΣX/ΣN with a delta-method (linearisation) interval
// of the ratio of means: SE² = Σ(X − rN)² / ((n−1)·n·N̄²), with a t
// quantile, clipped to [0, 1]. NaN when nobody was reached.
func ratioEstimate(n uint64, x, x2, xn, nn, n2 U128) Estimate {
	nan := math.NaN()
	sx, sn := x.Float64(), nn.Float64()
	if n == 0 || sn == 0 {
		return Estimate{Mean: nan, Lo: nan, Hi: nan, SE: nan}
	}
	r := sx / sn
	if n == 1 {
		return Estimate{Mean: r, Lo: nan, Hi: nan, SE: nan}
	}
	N := float64(n)
	res := math.Max(0, x2.Float64()-2*r*xn.Float64()+r*r*n2.Float64())
	mn := sn / N
	se := math.Sqrt(res/(N-1)/N) / mn
	t := tQuantile(N - 1)
	return Estimate{Mean: r, Lo: math.Max(0, r-t*se), Hi: math.Min(1, r+t*se), SE: se}
}

// competeTally is what one runner accumulates: an accumulator per content
// (entry 0, ours, is the engine's) and the share sums.
type competeTally struct {
	accs []*Accumulator
	sums CompeteSums
}

func newCompeteTally(cfg AccConfig, nc int) *competeTally {
	t := &competeTally{accs: make([]*Accumulator, nc), sums: newCompeteSums(nc)}
	for c := 1; c < nc; c++ {
		t.accs[c] = NewAccumulator(cfg)
	}
	return t
}

// add folds the trial r just played in, but for ours, whose recorder
// belongs to the engine, which folds it itself.
func (t *competeTally) add(r *competeRunner) {
	nc := len(t.accs)
	for c := 1; c < nc; c++ {
		t.accs[c].Add(r.recs[c], 0)
	}
	t.sums.add(r.first[:nc], r.holds[:nc])
}

func (t *competeTally) merge(o *competeTally) {
	for c := 1; c < len(t.accs); c++ {
		if err := t.accs[c].Merge(o.accs[c]); err != nil {
			panic("sim: compete: " + err.Error())
		}
	}
	if err := t.sums.Merge(&o.sums); err != nil {
		panic(err.Error())
	}
}

// CompeteResult is the outcome of RunCompete: a Result per content, ours
// first, on the same trials, and the share sums.
type CompeteResult struct {
	Names    []string    `json:"names"`
	Contents []Result    `json:"contents"`
	Sums     CompeteSums `json:"sums"`
	Seed     uint64      `json:"seed"`
	Trials   int         `json:"trials"`
	Partial  bool        `json:"partial,omitempty"`
}

// FirstShare returns the fraction of all reached people whose first
// adoption was content c, Σ F_c / Σ N over trials, with its 95% interval.
func (r *CompeteResult) FirstShare(c int) Estimate {
	s := &r.Sums
	return ratioEstimate(s.Trials, s.First[c], s.FirstSq[c], s.FirstCross[c], s.Reached, s.ReachedSq)
}

// HeldShare returns the fraction of all reached people who hold content c
// at the end, Σ H_c / Σ N, with its 95% interval; it equals FirstShare when
// no content converts.
func (r *CompeteResult) HeldShare(c int) Estimate {
	s := &r.Sums
	return ratioEstimate(s.Trials, s.Held[c], s.HeldSq[c], s.HeldCross[c], s.Reached, s.ReachedSq)
}

// Reached returns the mean number of people reached by any content per
// trial, with its 95% interval.
func (r *CompeteResult) Reached() Estimate {
	e, _ := meanEstimate(r.Sums.Trials, r.Sums.Reached, r.Sums.ReachedSq)
	return e
}
