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
	x := nelderMead(f, x0, 0.3, 1e-10)
	return Branching{R: clampR(x[0]), K: clampK(x[1])}
}

func min2(a, b float64) float64 { return math.Min(a, b) }

// nelderMead minimises f from x0 by the Nelder–Mead simplex (Nelder & Mead
// 1965, with the standard coefficients 1, 2, 1/2, 1/2 of Lagarias et al.
// 1998) with an initial simplex of the given step along each coordinate,
// restarted from its best point until a restart no longer improves by more
// than tol. Deterministic and derivative-free; the restarts keep it from
// stalling on the long curved ridge of the branching likelihood.
func nelderMead(f func([]float64) float64, x0 []float64, step, tol float64) []float64 {
	d := len(x0)
	best := slices.Clone(x0)
	fbest := f(best)
	for range 20 {
		pts := make([][]float64, d+1)
		vals := make([]float64, d+1)
		for i := range pts {
			pts[i] = slices.Clone(best)
			if i > 0 {
				pts[i][i-1] += step
			}
			vals[i] = f(pts[i])
		}
		for range 400 * d {
			// Order the simplex.
			idx := []int{0, 1, 2}[:d+1]
			slices.SortFunc(idx, func(a, b int) int { return cmpFloat(vals[a], vals[b]) })
			p2, v2 := make([][]float64, d+1), make([]float64, d+1)
			for i, j := range idx {
				p2[i], v2[i] = pts[j], vals[j]
			}
			pts, vals = p2, v2
			if math.Abs(vals[d]-vals[0]) <= tol*(1+math.Abs(vals[0])) {
				break
			}
			c := make([]float64, d)
			for _, p := range pts[:d] {
				for k := range c {
					c[k] += p[k] / float64(d)
				}
			}
			along := func(t float64) []float64 {
				x := make([]float64, d)
				for k := range x {
					x[k] = c[k] + t*(pts[d][k]-c[k])
				}
				return x
			}
			xr := along(-1)
			fr := f(xr)
			switch {
			case fr < vals[0]:
				xe := along(-2)
				if fe := f(xe); fe < fr {
					pts[d], vals[d] = xe, fe
				} else {
					pts[d], vals[d] = xr, fr
				}
			case fr < vals[d-1]:
				pts[d], vals[d] = xr, fr
			default:
				t := 0.5
				if fr < vals[d] {
					t = -0.5
				}
				xc := along(t)
				if fc := f(xc); fc < math.Min(fr, vals[d]) {
					pts[d], vals[d] = xc, fc
					continue
				}
				for i := 1; i <= d; i++ {
					for k := range pts[i] {
						pts[i][k] = pts[0][k] + 0.5*(pts[i][k]-pts[0][k])
					}
					vals[i] = f(pts[i])
				}
			}
		}
		i := 0
		for j := range vals {
			if vals[j] < vals[i] {
				i = j
			}
		}
		improved := fbest - vals[i]
		if vals[i] < fbest {
			best, fbest = slices.Clone(pts[i]), vals[i]
		}
		if improved <= tol*(1+math.Abs(fbest)) {
			break
		}
		step /= 2
	}
	return best
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// BranchingFit is the branching process fitted to sizes alone, with
// bootstrap intervals.
type BranchingFit struct {
	// R is the mean number of offspring (the reproduction number).
	R Interval `json:"r"`
	// K is the negative-binomial dispersion (small: a few people cause most
	// of the spread).
	K Interval `json:"dispersion"`
	// AtBound is true when a parameter lies on the edge of the search
	// (R at 1e-3 or 50, K at 1e-3 or 1e4): the likelihood keeps rising
	// beyond it, so the value is a limit, not an estimate.
	AtBound bool `json:"at_bound,omitempty"`
	// RBound and KBound say which edge of the search R and K sit on:
	// BoundLower, BoundUpper or "" (inside). On an edge the bootstrap
	// interval collapses onto it and means nothing.
	RBound, KBound string
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
		RBound: boundOf(best.R, 1e-3, 50), KBound: boundOf(best.K, 1e-3, 1e4),
	}
	out.AtBound = out.RBound != "" || out.KBound != ""
	for k := range bs.Len() {
		out.Buckets = append(out.Buckets, bs.Label(k))
	}
	return out, nil
}

// Edges of a search, as BranchingFit.RBound, BranchingFit.KBound and
// ModelFit.SigmaBound report them.
const (
	BoundLower = "lower"
	BoundUpper = "upper"
)

// boundOf says whether x, searched in [lo, hi] on a log scale, sits on an
// edge (within 0.1% of the lower end or 0.2% of the upper, as the simplex stops short of the clamp).
func boundOf(x, lo, hi float64) string {
	switch {
	case x <= lo*1.001:
		return BoundLower
	case x >= hi*0.998:
		return BoundUpper
	}
	return ""
}
