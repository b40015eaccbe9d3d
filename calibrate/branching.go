package calibrate

import (
	"fmt"
	"math"
	"slices"
)

// Branching is a Galton–Watson branching process started from one person,
// whose offspring are negative-binomial with mean R and dispersion K
// (variance R + R²/K; K → ∞ is Poisson, small K is superspreading).
type Branching struct {
	R, K float64
}

// LogSize returns log P(total size = n) for n ≥ 1: the total progeny of
// the process (Blumberg & Lloyd-Smith 2013, eq. 3):
//
//	P(n) = Γ(kn+n−1) / (Γ(kn) Γ(n+1)) · (R/k)^(n−1) / (1+R/k)^(kn+n−1).
//
// Above R = 1 the sizes do not sum to one: the rest is the chance of an
// outbreak that never stops.
func (b Branching) LogSize(n int) float64 {
	x, k, r := float64(n), b.K, b.R
	lg := func(v float64) float64 { l, _ := math.Lgamma(v); return l }
	return lg(k*x+x-1) - lg(k*x) - lg(x+1) + (x-1)*math.Log(r/k) - (k*x+x-1)*math.Log1p(r/k)
}

// Tails returns P(size ≥ e) for each bucket edge e of bs (an endless
// outbreak counts as reaching every edge).
func (b Branching) Tails(bs Buckets) []float64 {
	tail := make([]float64, bs.Len())
	cdf := 0.0 // P(size < n)
	k := 0
	for n := 1; k < len(tail); n++ {
		if n == bs.Edges[k] {
			tail[k] = max(0, 1-cdf)
			k++
			continue
		}
		cdf += math.Exp(b.LogSize(n))
		if n+1 == bs.Edges[k] {
			tail[k] = max(0, 1-cdf)
			k++
		}
	}
	return tail
}

// Probs returns the smoothed bucket probabilities of the process on bs.
func (b Branching) Probs(bs Buckets) []float64 {
	p := make([]float64, bs.Len())
	bs.Probs(p, b.Tails(bs))
	return p
}

// sizeCounts is a sample of sizes as distinct values with counts.
type sizeCounts struct {
	size  []int
	count []float64
}

func countSizes(sizes []int) sizeCounts {
	s := slices.Clone(sizes)
	slices.Sort(s)
	var c sizeCounts
	for i, v := range s {
		if i > 0 && v == s[i-1] {
			c.count[len(c.count)-1]++
			continue
		}
		c.size = append(c.size, v)
		c.count = append(c.count, 1)
	}
	return c
}

// logLik is the mean log-likelihood of the sizes under b, conditioned on
// size ≥ min, sizes ≥ OpenBucket censored (only "≥ OpenBucket" counts).
func (b Branching) logLik(c sizeCounts, min int, weight []float64) float64 {
	below := 0.0 // P(size < min)
	for n := 1; n < min; n++ {
		below += math.Exp(b.LogSize(n))
	}
	cond := math.Log(max(1e-300, 1-below))
	var open float64
	hasOpen := c.size[len(c.size)-1] >= OpenBucket
	if hasOpen {
		cdf := 0.0
		for n := 1; n < OpenBucket; n++ {
			cdf += math.Exp(b.LogSize(n))
		}
		open = math.Log(max(1e-300, 1-cdf))
	}
	sum, w := 0.0, 0.0
	for i, n := range c.size {
		cw := c.count[i]
		if weight != nil {
			cw = weight[i]
		}
		if cw == 0 {
			continue
		}
		l := open
		if n < OpenBucket {
			l = b.LogSize(n)
		}
		sum += cw * (l - cond)
		w += cw
	}
	return sum / w
}

// FitBranching fits R and K by maximum likelihood to sizes ≥ min
// (conditioned on size ≥ min; sizes from OpenBucket censored), by
// Nelder–Mead on (log R, log K) bounded to R in [1e-3, 50] and K in
// [1e-3, 1e4]. It returns an error when no size is ≥ min.
func FitBranching(sizes []int, min int) (Branching, error) {
	var kept []int
	for _, s := range sizes {
		if s >= min {
			kept = append(kept, s)
		}
	}
	if len(kept) == 0 {
		return Branching{}, fmt.Errorf("calibrate: branching: no cascade of size ≥ %d", min)
	}
	return fitCounts(countSizes(kept), min, nil, nil), nil
}

// fitCounts fits the branching process to counted sizes (weights replace
// the counts when not nil), starting from start when not nil.
func fitCounts(c sizeCounts, min int, weight []float64, start *Branching) Branching {
	clampR := func(x float64) float64 { return math.Exp(min2(max(x, math.Log(1e-3)), math.Log(50))) }
	clampK := func(x float64) float64 { return math.Exp(min2(max(x, math.Log(1e-3)), math.Log(1e4))) }
	f := func(x []float64) float64 {
		b := Branching{R: clampR(x[0]), K: clampK(x[1])}
		l := b.logLik(c, min, weight)
		if math.IsNaN(l) {
			return math.Inf(1)
		}
		return -l
	}
	x0 := []float64{math.Log(0.8), 0}
	if start != nil {
		x0 = []float64{math.Log(start.R), math.Log(start.K)}
	} else {
		// Start from the best of a coarse grid: the likelihood has long
		// flat ridges on which Nelder–Mead can stall.
		best := math.Inf(1)
		for _, lr := range []float64{-3, -2, -1, -0.5, -0.2, 0, 0.3, 1} {
			for _, lk := range []float64{-4, -2, -1, 0, 1, 3, 6} {
				if v := f([]float64{lr, lk}); v < best {
					best, x0 = v, []float64{lr, lk}
				}
			}
		}
	}
	x := compass(f, x0, 0.5, 1e-6)
	return Branching{R: clampR(x[0]), K: clampK(x[1])}
}

func min2(a, b float64) float64 { return math.Min(a, b) }

// compass minimises f by compass (pattern) search from x0: try a step of
// the current size along each coordinate in both directions, move to the
// first improvement, halve the step when none improves, stop below tol.
// Deterministic and derivative-free (Kolda, Lewis & Torczon 2003); it
// converges to a stationary point of a smooth f.
func compass(f func([]float64) float64, x0 []float64, step, tol float64) []float64 {
	x := slices.Clone(x0)
	fx := f(x)
	y := make([]float64, len(x))
	for step > tol {
		moved := false
		for i := range x {
			for _, d := range []float64{step, -step} {
				copy(y, x)
				y[i] += d
				if fy := f(y); fy < fx {
					copy(x, y)
					fx = fy
					moved = true
				}
			}
		}
		if !moved {
			step /= 2
		}
	}
	return x
}

// BranchingFit is the branching process fitted to sizes alone, with
// bootstrap intervals.
type BranchingFit struct {
	// R is the mean number of offspring (the reproduction number).
	R Interval `json:"r"`
	// K is the negative-binomial dispersion (small: a few people cause most
	// of the spread).
	K Interval `json:"dispersion"`
	// MinSize is the recorded minimum the fit is conditioned on.
	MinSize int `json:"min_size"`
	// Used and Skipped count the cascades at or above MinSize and below it.
	Used    int `json:"cascades_used"`
	Skipped int `json:"cascades_skipped"`
	// Probs are the fitted bucket probabilities, Observed the training
	// frequencies, by Buckets.
	Buckets  []string  `json:"buckets"`
	Probs    []float64 `json:"predicted"`
	Observed []float64 `json:"observed"`
}

// FitStrengthOnly fits the negative-binomial branching process to cascade
// sizes (min ≤ 0: the smallest size is the recorded minimum) and gives R and
// K percentile intervals from reps bootstrap replicates over cascades
// (keyed by seed; reps ≤ 0 means 200).
func FitStrengthOnly(sizes []int, min, reps int, seed uint64) (*BranchingFit, error) {
	if len(sizes) == 0 {
		return nil, fmt.Errorf("calibrate: branching: no cascade: %w", ErrNoCascade)
	}
	if min <= 0 {
		min = slices.Min(sizes)
	}
	bs, err := NewBuckets(min)
	if err != nil {
		return nil, err
	}
	var kept []int
	for _, s := range sizes {
		if s >= min {
			kept = append(kept, s)
		}
	}
	if len(kept) == 0 {
		return nil, fmt.Errorf("calibrate: branching: no cascade of size ≥ %d: %w", min, ErrNoCascade)
	}
	if reps <= 0 {
		reps = 200
	}
	c := countSizes(kept)
	best := fitCounts(c, min, nil, nil)
	// Resample cascades: a replicate's weight of a distinct size is how many
	// of its draws fell on cascades of that size.
	pos := make([]int, len(kept)) // index of each kept cascade's size in c
	for i, s := range kept {
		pos[i], _ = slices.BinarySearch(c.size, s)
	}
	boot := newBootstrap(len(kept), reps, seed)
	rs, ks := make([]float64, reps), make([]float64, reps)
	w := make([]float64, len(c.size))
	for r, bw := range boot.weights {
		clear(w)
		for i, x := range bw {
			w[pos[i]] += x
		}
		f := fitCounts(c, min, w, &best)
		rs[r], ks[r] = f.R, f.K
	}
	out := &BranchingFit{
		R: Interval{best.R, percentiles(rs)}, K: Interval{best.K, percentiles(ks)},
		MinSize: min, Used: len(kept), Skipped: len(sizes) - len(kept),
		Probs: best.Probs(bs), Observed: bs.Frequencies(kept),
	}
	for k := range bs.Len() {
		out.Buckets = append(out.Buckets, bs.Label(k))
	}
	return out, nil
}
