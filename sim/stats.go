package sim

import (
	"fmt"
	"math"
	"math/big"

	"gonum.org/v1/gonum/stat/distuv"
)

// CascadeThreshold returns the reach, in whole people, from which a trial
// on n nodes counts as a cascade: ceil(θ·n), where a product within a
// relative 1e-12 of an integer counts as that integer, so that floating error
// does not add a person (θ = 0.07 on 100 nodes means 7, although 0.07·100
// is 7.000000000000001 in floating point). The result is
// at least 1. θ must lie in (0, 1].
func CascadeThreshold(theta float64, n int) (int, error) {
	if !(theta > 0 && theta <= 1) {
		return 0, fmt.Errorf("sim: bad cascade threshold: theta=%v (want 0 < θ ≤ 1)", theta)
	}
	if n <= 0 {
		return 0, fmt.Errorf("sim: bad graph size for cascade threshold: n=%d", n)
	}
	return max(int(ceilWhole(theta*float64(n))), 1), nil
}

// ceilWhole returns ceil(x) for a product x that should be a whole number
// when it is within a relative 1e-12 of one: floating error must not add
// one (0.07·100 = 7.000000000000001 means 7).
func ceilWhole(x float64) float64 {
	if r := math.Round(x); math.Abs(x-r) <= 1e-12*math.Max(1, x) {
		return r
	}
	return math.Ceil(x)
}

// Verdict says where a plan stands against the tipping point.
//
// A trial cascades when the content spreads on its own beyond what the start
// points reach directly: when the people activated at generation 2 or later
// (reached through at least one person who is neither a start point nor
// activated by one) number at least CascadeAt = ⌈θ·n⌉. Start points
// (generation 0, broadcast adopters included) and first-level spread
// (generation 1) do not count toward it, so a launch whose spread cannot go
// past the first level (a star whose leaves follow no one) never cascades,
// however large it is, and a big account's followers alone never tip a plan.
// The plan crosses the tipping point when the Wilson interval of P(cascade)
// lies above 1/2.
//
// On a tiny graph θ·n can round up to 1 person: a trial then cascades as
// soon as anyone is reached beyond the first level. The verdict keeps this
// literal meaning (it is neither refused nor forced to Uncertain); the
// commands warn when the start points alone reach θ·n, and the note of
// Notes says how the verdict and the branching factor fit together.
type Verdict string

// Verdicts, from the Wilson interval of P(cascade) against 1/2.
const (
	Crossed    Verdict = "crossed"     // the interval lies entirely above 1/2
	NotCrossed Verdict = "not_crossed" // the interval lies entirely below 1/2
	Uncertain  Verdict = "uncertain"   // the interval contains 1/2
)

// Confidence is the level of every interval in a Summary.
const Confidence = 0.95

// BranchingGenerations is the number of early generations of the audience
// (generations 1, 2, …) over which the empirical branching factor is
// measured.
const BranchingGenerations = 3

// Estimate is a mean (or proportion) with its 95% confidence interval.
// Without enough trials for an interval, Lo and Hi are NaN (omitted in JSON
// as null).
type Estimate struct {
	Mean float64 `json:"mean"`
	Lo   float64 `json:"lo"`
	Hi   float64 `json:"hi"`
	// SE is the standard error of Mean.
	SE float64 `json:"se"`
}

// HalfWidth returns half the width of the interval.
func (e Estimate) HalfWidth() float64 { return (e.Hi - e.Lo) / 2 }

// Quantiles of the reach distribution.
type Quantiles struct {
	P10 float64 `json:"p10"`
	P50 float64 `json:"p50"`
	P90 float64 `json:"p90"`
	P99 float64 `json:"p99"`
}

// CurvePoint is the distribution of cumulative reach at the end of one time
// bin: its mean and the quantiles that bound the central 50% and 90%.
type CurvePoint struct {
	// Time is the end of the bin (generations or hours).
	Time float64 `json:"time"`
	// New is the mean number of activations within the bin.
	New  float64 `json:"new"`
	Mean float64 `json:"mean"`
	P05  float64 `json:"p05"`
	P25  float64 `json:"p25"`
	P50  float64 `json:"p50"`
	P75  float64 `json:"p75"`
	P95  float64 `json:"p95"`
}

// Summary is what a run says, derived from an Accumulator. Every estimate
// carries its 95% interval.
type Summary struct {
	Trials uint64 `json:"trials"`
	Nodes  int    `json:"nodes"`
	// Reach: mean with a t interval, standard deviation, quantiles and range.
	Reach     Estimate  `json:"reach"`
	ReachSD   float64   `json:"reach_sd"`
	Quantiles Quantiles `json:"quantiles"`
	MaxReach  float64   `json:"max_reach"`
	// CascadeAt is ⌈θ·n⌉. Cascade is P(cascade) with its Wilson interval:
	// the share of trials whose spread beyond the first level (generation 2
	// and later) reaches CascadeAt people (see Verdict); Verdict follows
	// from it. Large is the share of trials whose reach, start points and
	// first-level spread included, is at least CascadeAt: large launches,
	// self-sustaining or not (Large ≥ Cascade).
	CascadeAt int      `json:"cascade_at"`
	Cascade   Estimate `json:"p_cascade"`
	Verdict   Verdict  `json:"verdict"`
	Large     Estimate `json:"p_large"`
	// Exposures (nil unless tracked) and FirstLevel (generation-1
	// activations) per trial.
	Exposures  *Estimate `json:"exposures,omitempty"`
	FirstLevel Estimate  `json:"first_level"`
	// Branching is the empirical branching factor of the audience
	// Σ_{1≤g≤G} A_{g+1} / Σ_{1≤g≤G} A_g with G = BranchingGenerations and
	// A_g the activations of generation g summed over trials: the mean
	// number of people each early sharer who is not a start point activates
	// (the start points' own fan-out, first-level spread, is left out: it
	// says how big the launch is, not whether it sustains itself). Above 1
	// the audience's spread grows on its own. NaN when no one past the
	// start points activated.
	Branching float64 `json:"branching"`
	// Generations[g] is the mean number of activations of generation g.
	Generations []float64 `json:"generations"`
	// MeanCost is the mean plan cost per trial; CostPerReached is
	// Σ cost / Σ reach (NaN when nobody was reached).
	MeanCost       float64 `json:"mean_cost"`
	CostPerReached float64 `json:"cost_per_reached"`
	// Curve is cumulative reach over time, one point per time bin.
	Curve []CurvePoint `json:"curve"`
}

// meanEstimate returns the mean of n values with exact sums s = Σx and
// s2 = Σx², with a Student t interval (normal-theory, df = n−1), and their
// standard deviation.
func meanEstimate(n uint64, s, s2 U128) (Estimate, float64) {
	return tEstimate(n, s.big(), s2)
}

// tEstimate returns the mean of n values with exact sums sum = Σx (signed)
// and sq = Σx², with a Student t interval (normal-theory, df = n−1), and
// their standard deviation. The variance (n·Σx² − (Σx)²) / (n(n−1)) is
// computed exactly in integers and rounded once: in float64 the two terms
// cancel all their digits when the values are large and their spread small
// (reach near 1e6 varying by a few people over 1e6 trials).
func tEstimate(n uint64, sum *big.Int, sq U128) (Estimate, float64) {
	nan := math.NaN()
	if n == 0 {
		return Estimate{Mean: nan, Lo: nan, Hi: nan, SE: nan}, nan
	}
	N := float64(n)
	fsum, _ := new(big.Float).SetInt(sum).Float64()
	mean := fsum / N
	if n == 1 {
		return Estimate{Mean: mean, Lo: nan, Hi: nan, SE: nan}, nan
	}
	bn := new(big.Int).SetUint64(n)
	num := new(big.Int).Mul(bn, sq.big())
	num.Sub(num, new(big.Int).Mul(sum, sum))
	den := new(big.Int).Mul(bn, new(big.Int).SetUint64(n-1))
	v, _ := new(big.Rat).SetFrac(num, den).Float64()
	sd := math.Sqrt(math.Max(0, v))
	se := sd / math.Sqrt(N)
	t := tQuantile(N - 1)
	return Estimate{Mean: mean, Lo: mean - t*se, Hi: mean + t*se, SE: se}, sd
}

// Wilson returns the proportion k/n with its Wilson score interval at the
// Confidence level (Wilson 1927): unlike the normal interval it stays in
// [0, 1] and is honest at k = 0 and k = n.
func Wilson(k, n uint64) Estimate {
	if n == 0 {
		return Estimate{Mean: math.NaN(), Lo: 0, Hi: 1, SE: math.NaN()}
	}
	z := distuv.UnitNormal.Quantile(0.5 + Confidence/2)
	lo, hi := wilsonEnds(k, n, z)
	N := float64(n)
	p := float64(k) / N
	// The interval holds the estimate: rounding must not leave 1 − 2⁻⁵² as
	// the upper end when every trial cascaded (the exact end is 1).
	lo = math.Min(p, math.Max(0, lo))
	hi = math.Max(p, math.Min(1, hi))
	return Estimate{Mean: p, Lo: lo, Hi: hi, SE: math.Sqrt(p * (1 - p) / N)}
}

// wilsonEnds returns the ends of the Wilson score interval of k successes
// in n > 0 trials at z standard errors, unclipped.
func wilsonEnds(k, n uint64, z float64) (lo, hi float64) {
	N := float64(n)
	p := float64(k) / N
	d := 1 + z*z/N
	c := (p + z*z/(2*N)) / d
	h := z / d * math.Sqrt(p*(1-p)/N+z*z/(4*N*N))
	return c - h, c + h
}

// VerdictOf returns the verdict for a P(cascade) interval.
func VerdictOf(e Estimate) Verdict {
	switch {
	case e.Lo > 0.5:
		return Crossed
	case e.Hi < 0.5:
		return NotCrossed
	}
	return Uncertain
}

// Summarize derives the summary of a's trials.
func (a *Accumulator) Summarize() Summary {
	c := a.Config
	s := Summary{Trials: a.Trials, Nodes: c.Nodes, CascadeAt: c.CascadeAt}
	s.Reach, s.ReachSD = meanEstimate(a.Trials, a.ReachSum, a.ReachSq)
	s.Quantiles = Quantiles{
		P10: a.quantile(&a.Reach, 0.10), P50: a.quantile(&a.Reach, 0.50),
		P90: a.quantile(&a.Reach, 0.90), P99: a.quantile(&a.Reach, 0.99),
	}
	s.MaxReach = float64(a.MaxReach)
	s.Cascade = Wilson(a.Cascades, a.Trials)
	s.Verdict = VerdictOf(s.Cascade)
	s.Large = Wilson(a.Large, a.Trials)
	if c.Exposures {
		e, _ := meanEstimate(a.Trials, a.ExposedSum, a.ExposedSq)
		s.Exposures = &e
	}
	s.FirstLevel, _ = meanEstimate(a.Trials, a.FirstSum, a.FirstSq)
	var num, den uint64
	for g := 1; g <= BranchingGenerations && g+1 < len(a.GenSums)-1; g++ {
		den += a.GenSums[g]
		num += a.GenSums[g+1]
	}
	s.Branching = math.NaN()
	if den > 0 {
		s.Branching = float64(num) / float64(den)
	}
	N := float64(a.Trials)
	s.Generations = make([]float64, len(a.GenSums))
	for g, x := range a.GenSums {
		s.Generations[g] = float64(x) / N
	}
	cost := a.CostSum.Float64() / 1e6
	s.MeanCost = cost / N
	s.CostPerReached = math.NaN()
	if r := a.ReachSum.Float64(); r > 0 {
		s.CostPerReached = cost / r
	}
	s.Curve = make([]CurvePoint, c.Bins)
	var cum uint64
	for b := range c.Bins {
		cum += a.BinSums[b]
		h := a.CumulativeReach(b)
		s.Curve[b] = CurvePoint{
			Time: float64(b+1) * c.BinWidth, New: float64(a.BinSums[b]) / N, Mean: float64(cum) / N,
			P05: a.quantile(h, 0.05), P25: a.quantile(h, 0.25), P50: a.quantile(h, 0.5),
			P75: a.quantile(h, 0.75), P95: a.quantile(h, 0.95),
		}
	}
	return s
}

// quantile returns the q-quantile of h, a distribution of reach: NaN when
// h is empty, and never more than the graph's nodes (a bucket's midpoint
// may lie above the largest reach possible).
func (a *Accumulator) quantile(h *Histogram, q float64) float64 {
	if h.Total() == 0 {
		return math.NaN()
	}
	return math.Min(h.Quantile(q), float64(a.Config.Nodes))
}

// Note names a reading of a Summary that its verdict and branching factor,
// or its analytic ratio, would mislead about when read on their own: they
// measure different things (P(cascade) the spread beyond the first level
// against θ·n; the branching factor the mean fan-out of generations 1 to
// BranchingGenerations; the analytic ratio a mean-field estimate for the
// graph's giant component that ignores the plan), so they can point
// different ways. Notes returns the ones that apply.
type Note string

// Notes, each tied to the numbers that call for it.
const (
	// NoteFirstLevelCarries: crossed, branching factor below 1, and the
	// first level alone is at least θ·n people: a big first level seeds a
	// second level large enough to pass θ·n although it then shrinks.
	NoteFirstLevelCarries Note = "first_level_carries"
	// NoteSlowDecay: crossed, branching factor b below 1, first level F
	// below θ·n, but the generations after the first, shrinking by b each,
	// add up to F·b/(1−b) ≥ θ·n: the spread dies out slowly enough to pass
	// θ·n on the way.
	NoteSlowDecay Note = "slow_decay"
	// NoteLateGrowth: crossed, branching factor below 1, and even a decay
	// by b each generation from the first level would stay below θ·n: the
	// spread grows after the generations the factor measures (hubs, dense
	// communities reached later).
	NoteLateGrowth Note = "late_growth"
	// NoteStalls: not crossed although the branching factor is at least 1:
	// the early growth stalls before θ·n (community walls, saturation).
	NoteStalls Note = "stalls"
	// NoteBelowAnalytic: crossed although the strength is below the
	// analytic threshold.
	NoteBelowAnalytic Note = "below_analytic"
	// NoteAboveAnalytic: not crossed although the strength is above the
	// analytic threshold.
	NoteAboveAnalytic Note = "above_analytic"
	// NoteThresholdModel: a threshold model (watts, complex, lt), whose
	// adoption depends on how many neighbours adopted: its branching factor
	// is no test of growth, and the verdict is the reading to trust.
	NoteThresholdModel Note = "threshold_model"
)

// Analytic reports whether the note is about the analytic ratio (printed
// beside the analytic threshold) rather than the branching factor.
func (n Note) Analytic() bool { return n == NoteBelowAnalytic || n == NoteAboveAnalytic }

// ThresholdModel reports whether the model named name adopts by a
// threshold on the neighbours who adopted (watts, complex, lt), so that a
// branching factor below 1 does not mean that its spread dies out.
func ThresholdModel(name string) bool {
	return name == "watts" || name == "complex" || name == "lt"
}

// Notes returns the notes that reconcile s's verdict with its branching
// factor and with ratio, the strength over the analytic critical strength
// (NaN when there is none or behaviours change the effective strength).
// threshold says whether s comes from a threshold model (see
// ThresholdModel). An uncertain verdict gets no note: it disagrees with
// nothing. The notes come in a fixed order: branching notes, then analytic
// ones.
func Notes(s Summary, ratio float64, threshold bool) []Note {
	var out []Note
	b := s.Branching
	switch {
	case s.Verdict == Uncertain:
		return nil
	case threshold:
		if !math.IsNaN(b) && (b < 1) == (s.Verdict == Crossed) {
			out = append(out, NoteThresholdModel)
		}
	case s.Verdict == Crossed && b < 1 && s.FirstLevel.Mean >= float64(s.CascadeAt):
		out = append(out, NoteFirstLevelCarries)
	case s.Verdict == Crossed && b < 1 && s.FirstLevel.Mean*b/(1-b) >= float64(s.CascadeAt):
		out = append(out, NoteSlowDecay)
	case s.Verdict == Crossed && b < 1:
		out = append(out, NoteLateGrowth)
	case s.Verdict == NotCrossed && b >= 1:
		out = append(out, NoteStalls)
	}
	switch {
	case s.Verdict == Crossed && ratio < 1:
		out = append(out, NoteBelowAnalytic)
	case s.Verdict == NotCrossed && ratio >= 1:
		out = append(out, NoteAboveAnalytic)
	}
	return out
}
