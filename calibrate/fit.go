package calibrate

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/ripple-sim/ripple/cascades"
	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// Options set the fit.
type Options struct {
	// MinSize is the smallest recorded cascade size; 0 means the smallest
	// training size.
	MinSize int
	// Worlds is the number of random worlds (0: 200).
	Worlds int
	// Bootstrap is the number of bootstrap replicates (0: 200).
	Bootstrap int
	// SMin, SMax and Points set the geometric grid of strengths. 0 means
	// SMax = min(1, 10/λmax) (ten times the graph's analytic tipping
	// strength: far beyond it every cascade is huge, and the searches stop
	// at arcs no grid strength can open), SMin = SMax/2000, 241 points
	// (3.2% apart).
	SMin, SMax float64
	Points     int
	// Seed keys the worlds and the bootstrap.
	Seed uint64
	// Workers (≤ 0: GOMAXPROCS); the result does not depend on it.
	Workers int
}

func (o Options) withDefaults() Options {
	if o.Worlds <= 0 {
		o.Worlds = 200
	}
	if o.Bootstrap <= 0 {
		o.Bootstrap = 200
	}
	if o.Points <= 0 {
		o.Points = 241
	}
	return o
}

// Model names, as reported.
const (
	ModelIC         = "ic"
	ModelBackground = "ic+background"
	ModelPerCascade = "ic+lognormal"
	ModelBoth       = "ic+background+lognormal"
)

// Verdicts of a held-out comparison with the best baseline.
const (
	ModelBetter    = "model_better"
	NoDifference   = "no_difference"
	BaselineBetter = "baseline_better"
)

// Interval is an estimate with its 95% interval.
type Interval struct {
	Estimate float64    `json:"estimate"`
	CI95     [2]float64 `json:"ci95"`
}

// ModelFit is one graph model fitted to the training cascades.
type ModelFit struct {
	Name string `json:"name"`
	// Strength is s for ic and ic+background, the median strength e^μ for
	// ic+lognormal.
	Strength Interval `json:"strength"`
	// Background is the expected number of spontaneous adopters per cascade
	// (n·r), ic+background only.
	Background *Interval `json:"background,omitempty"`
	// Rate is the background adoption probability r per person.
	Rate float64 `json:"background_rate,omitempty"`
	// Sigma is the standard deviation of log s, ic+lognormal only.
	Sigma *Interval `json:"sigma,omitempty"`
	// TrainScore is the mean log score on the training cascades.
	TrainScore float64 `json:"train_log_score"`
	// AtGridEdge is true when the estimate lies on the edge of its grid.
	AtGridEdge bool `json:"at_grid_edge,omitempty"`
	// Eval is the held-out evaluation, nil without held-out cascades.
	Eval *ModelEval `json:"evaluation,omitempty"`
}

// Difference is a paired mean difference of log scores with its interval.
type Difference struct {
	Baseline string     `json:"baseline"`
	Mean     float64    `json:"mean"`
	CI95     [2]float64 `json:"ci95"`
}

// ModelEval is a model's held-out score against the best baseline.
type ModelEval struct {
	LogScore   float64    `json:"log_score"`
	Predicted  []float64  `json:"predicted"`
	Difference Difference `json:"difference"`
	Verdict    string     `json:"verdict"`
}

// Baseline is a graph-free model's held-out score.
type Baseline struct {
	LogScore  float64   `json:"log_score"`
	Predicted []float64 `json:"predicted"`
}

// Report is the whole calibration.
type Report struct {
	Buckets []string `json:"buckets"`
	MinSize int      `json:"min_size"`
	// TrainUsed and TrainSkipped count training cascades used and skipped
	// (seed not in the graph, or below the minimum size); SkippedNotInGraph
	// counts the first reason.
	TrainUsed, TrainSkipped, SkippedNotInGraph int
	// TestUsed and TestSkipped count held-out cascades.
	TestUsed, TestSkipped int
	// LambdaMax is the graph's spectral radius; Tipping = 1/LambdaMax.
	LambdaMax float64
	// Models are the graph models, plain IC first.
	Models []ModelFit
	// Branching is the branching baseline fitted to the training sizes,
	// with bootstrap intervals.
	Branching *BranchingFit
	// Climatology is the training bucket frequencies (smoothed).
	Climatology []float64
	// Observed are the held-out bucket frequencies, nil without them.
	Observed []float64
	// Baselines are the held-out scores of "climatology" and "branching".
	Baselines map[string]Baseline
	// Best is the baseline with the higher held-out score.
	Best string
	// Worlds is the number of random worlds used.
	Worlds int
	// Grid is the range of strengths searched.
	Grid [2]float64
}

// MaxMemory bounds, in bytes, what Fit allocates for its tables.
const MaxMemory = 2 << 30

// ErrNoCascade: no cascade at or above the minimum size has its seed in
// the graph.
var ErrNoCascade = errors.New("no usable cascade")

// resolved is a cascade reduced to what the fit needs.
type resolved struct {
	seed   int // index in the distinct seeds
	bucket int
	size   int
}

// Fit fits the graph models to train on g and, when test is not empty,
// evaluates them and the baselines on test. Cascades whose first poster is
// not a node of g (matched by label) are skipped and counted, as are those
// below the minimum size.
func Fit(ctx context.Context, g *graph.CSR, train, test []cascades.Cascade, o Options) (*Report, error) {
	o = o.withDefaults()
	if o.Worlds > math.MaxInt32 {
		return nil, fmt.Errorf("calibrate: bad number of worlds %d", o.Worlds)
	}
	min := o.MinSize
	if min <= 0 {
		min = math.MaxInt
		for _, c := range train {
			if c.Size < min {
				min = c.Size
			}
		}
		if len(train) == 0 {
			return nil, fmt.Errorf("calibrate: no training cascade: %w", ErrNoCascade)
		}
	}
	b, err := NewBuckets(min)
	if err != nil {
		return nil, err
	}
	rep := &Report{MinSize: min, Worlds: o.Worlds}
	for k := range b.Len() {
		rep.Buckets = append(rep.Buckets, b.Label(k))
	}
	seedIndex := map[uint32]int{}
	var seeds []uint32
	resolve := func(cs []cascades.Cascade, test bool) []resolved {
		var out []resolved
		for _, c := range cs {
			if c.Size < min || len(c.Users) == 0 {
				if test {
					rep.TestSkipped++
				} else {
					rep.TrainSkipped++
				}
				continue
			}
			v, ok := g.Labels().ID(c.Users[0])
			if !ok {
				if test {
					rep.TestSkipped++
				} else {
					rep.TrainSkipped++
					rep.SkippedNotInGraph++
				}
				continue
			}
			i, ok := seedIndex[v]
			if !ok {
				i = len(seeds)
				seedIndex[v] = i
				seeds = append(seeds, v)
			}
			out = append(out, resolved{seed: i, bucket: b.Of(c.Size), size: c.Size})
		}
		return out
	}
	tr, te := resolve(train, false), resolve(test, true)
	rep.TrainUsed, rep.TestUsed = len(tr), len(te)
	if len(tr) == 0 {
		return nil, fmt.Errorf("calibrate: no training cascade of size ≥ %d starts at a node of the graph: %w", min, ErrNoCascade)
	}
	lmax, err := graph.SpectralRadius(g, 1e-9, 100000)
	if err != nil {
		return nil, fmt.Errorf("calibrate: spectral radius: %w", err)
	}
	rep.LambdaMax = lmax
	if o.SMax <= 0 {
		o.SMax = 1
		if lmax > 10 {
			o.SMax = 10 / lmax
		}
	}
	if o.SMin <= 0 {
		o.SMin = o.SMax / 2000
	}
	if !(o.SMin > 0 && o.SMin < o.SMax && o.SMax <= 1) || o.Points < 3 {
		return nil, fmt.Errorf("calibrate: bad strength grid [%v, %v] with %d points", o.SMin, o.SMax, o.Points)
	}
	rep.Grid = [2]float64{o.SMin, o.SMax}

	// Baselines, fitted to the training sizes.
	trainSizes := make([]int, len(tr))
	for i, c := range tr {
		trainSizes[i] = c.size
	}
	rep.Climatology = b.Climatology(trainSizes)
	if rep.Branching, err = FitStrengthOnly(trainSizes, min, o.Bootstrap, o.Seed); err != nil {
		return nil, err
	}

	gr := newGrid(o.SMin, o.SMax, o.Points)
	n := float64(g.N())
	// Background levels: expected spontaneous adopters per cascade.
	levels := []float64{0, 0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32}
	rates := make([]float64, len(levels))
	for i, l := range levels {
		rates[i] = math.Min(1, l/n)
	}
	// Memory: the tables (4 bytes per seed, level, edge and strength) and
	// the background searches (16 bytes per settled person, up to 512 per
	// world and level), bounded before anything is allocated.
	need := int64(len(seeds))*int64(len(rates)*b.Len()*o.Points)*4 + int64(o.Worlds)*int64(len(rates))*OpenBucket*16
	if need > MaxMemory {
		return nil, fmt.Errorf("calibrate: %d distinct first posters, %d worlds and %d strengths need about %d MiB, more than the %d MiB allowed: use fewer cascades, worlds or points",
			len(seeds), o.Worlds, o.Points, need>>20, MaxMemory>>20)
	}
	tab, err := buildTables(ctx, g, seeds, b, gr, rates, o.Worlds, o.Seed, o.Workers)
	if err != nil {
		return nil, fmt.Errorf("calibrate: %w", err)
	}
	K, G, L := b.Len(), len(gr.s), len(rates)

	// score(c, tails) is a cascade's log score from the tails of its seed.
	probs := make([]float64, K)
	score := func(c resolved, tail []float64) float64 {
		b.Probs(probs, tail)
		return logOf(probs[c.bucket])
	}
	tail := make([]float64, K)
	// icScores[c][r*G+g]: every cascade's score at every (level, strength).
	icScores := func(cs []resolved) [][]float64 {
		out := make([][]float64, len(cs))
		for i, c := range cs {
			row := make([]float64, L*G)
			for r := range L {
				for gi := range G {
					for k := range K {
						tail[k] = float64(tab.at(c.seed, r, k)[gi])
					}
					row[r*G+gi] = score(c, tail)
				}
			}
			out[i] = row
		}
		return out
	}
	trIC := icScores(tr)
	boot := newBootstrap(len(tr), o.Bootstrap, o.Seed)
	boot.workers = o.Workers

	// Plain IC: level 0 only.
	icCols := make([]int, G)
	for gi := range icCols {
		icCols[gi] = gi
	}
	icFit := fitColumns(trIC, icCols, boot)
	ic := ModelFit{Name: ModelIC, TrainScore: icFit.score}
	ic.Strength = Interval{gr.s[icFit.best], [2]float64{gr.s[icFit.lo], gr.s[icFit.hi]}}
	ic.AtGridEdge = icFit.best == 0 || icFit.best == G-1

	// IC + background: every level and strength.
	allCols := make([]int, L*G)
	for i := range allCols {
		allCols[i] = i
	}
	bgFit := fitColumnsWith(trIC, allCols, boot, func(col int) [2]float64 {
		return [2]float64{gr.s[col%G], levels[col/G]}
	})
	bgBest := bgFit.values(bgFit.best)
	bg := ModelFit{Name: ModelBackground, TrainScore: bgFit.score, Rate: rates[bgFit.best/G]}
	bg.Strength = Interval{bgBest[0], bgFit.ci[0]}
	bg.Background = &Interval{bgBest[1], bgFit.ci[1]}
	bg.AtGridEdge = bgFit.best%G == 0 || bgFit.best%G == G-1 || bgFit.best/G == L-1

	// Per-cascade strength, log-normal: a grid of (μ, σ) mixing the
	// level-0 tables.
	sigmas := []float64{0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3}
	var mus []float64
	for gi := 0; gi < G; gi += 2 {
		mus = append(mus, math.Log(gr.s[gi]))
	}
	mix := newMixer(gr, mus, sigmas)
	lnScoresAt := func(cs []resolved, levels []int) [][]float64 {
		out := make([][]float64, len(cs))
		var distinct []int
		seedTails := map[int][][]float64{}
		for _, c := range cs {
			if _, ok := seedTails[c.seed]; !ok {
				seedTails[c.seed] = nil
				distinct = append(distinct, c.seed)
			}
		}
		mixed := make([][][]float64, len(distinct))
		parallelFor(len(distinct), o.Workers, func(i int) { mixed[i] = mix.tails(tab, distinct[i], K, levels) })
		for i, sd := range distinct {
			seedTails[sd] = mixed[i]
		}
		for i, c := range cs {
			st := seedTails[c.seed]
			row := make([]float64, len(st))
			for j, tl := range st {
				row[j] = score(c, tl)
			}
			out[i] = row
		}
		return out
	}
	lnScores := func(cs []resolved) [][]float64 { return lnScoresAt(cs, []int{0}) }
	trLN := lnScores(tr)
	lnCols := make([]int, len(mus)*len(sigmas))
	for i := range lnCols {
		lnCols[i] = i
	}
	lnFit := fitColumnsWith(trLN, lnCols, boot, func(col int) [2]float64 {
		return [2]float64{math.Exp(mus[col/len(sigmas)]), sigmas[col%len(sigmas)]}
	})
	lnBest := lnFit.values(lnFit.best)
	ln := ModelFit{Name: ModelPerCascade, TrainScore: lnFit.score}
	ln.Strength = Interval{lnBest[0], lnFit.ci[0]}
	ln.Sigma = &Interval{lnBest[1], lnFit.ci[1]}
	ln.AtGridEdge = lnFit.best/len(sigmas) == 0 || lnFit.best/len(sigmas) == len(mus)-1 || lnFit.best%len(sigmas) == len(sigmas)-1

	// Both extensions: a log-normal strength with a background channel, at
	// the background fit's level and its two neighbours (all levels would
	// cost ten times as much; the score is smooth across levels).
	var both []int
	for r := bgFit.best/G - 1; r <= bgFit.best/G+1; r++ {
		if r >= 1 && r < L {
			both = append(both, r)
		}
	}
	C := len(mus) * len(sigmas)
	trBoth := lnScoresAt(tr, both)
	bothCols := make([]int, len(both)*C)
	for i := range bothCols {
		bothCols[i] = i
	}
	bothFit := fitColumnsWith(trBoth, bothCols, boot, func(col int) [2]float64 {
		return [2]float64{math.Exp(mus[col%C/len(sigmas)]), sigmas[col%len(sigmas)]}
	})
	bothLevels := make([]float64, len(bothFit.boots))
	for i, c := range bothFit.boots {
		bothLevels[i] = levels[both[c/C]]
	}
	bb := bothFit.values(bothFit.best)
	bl := both[bothFit.best/C]
	mixed := ModelFit{Name: ModelBoth, TrainScore: bothFit.score, Rate: rates[bl]}
	mixed.Strength = Interval{bb[0], bothFit.ci[0]}
	mixed.Sigma = &Interval{bb[1], bothFit.ci[1]}
	mixed.Background = &Interval{levels[bl], percentiles(bothLevels)}
	col := bothFit.best % C
	mixed.AtGridEdge = col/len(sigmas) == 0 || col/len(sigmas) == len(mus)-1 || col%len(sigmas) == len(sigmas)-1 || bl == L-1

	rep.Models = []ModelFit{ic, bg, ln, mixed}
	if len(te) == 0 {
		return rep, nil
	}

	// Held-out evaluation.
	testSizes := make([]int, len(te))
	for i, c := range te {
		testSizes[i] = c.size
	}
	rep.Observed = b.Frequencies(testSizes)
	branch := rep.Branching.Probs
	clim := rep.Climatology
	base := map[string][]float64{"climatology": make([]float64, len(te)), "branching": make([]float64, len(te))}
	for i, c := range te {
		base["climatology"][i] = logOf(clim[c.bucket])
		base["branching"][i] = logOf(branch[c.bucket])
	}
	rep.Baselines = map[string]Baseline{
		"climatology": {LogScore: mean(base["climatology"]), Predicted: clim},
		"branching":   {LogScore: mean(base["branching"]), Predicted: branch},
	}
	rep.Best = "climatology"
	if rep.Baselines["branching"].LogScore > rep.Baselines["climatology"].LogScore {
		rep.Best = "branching"
	}
	best := base[rep.Best]
	teIC := icScores(te)
	teLN := lnScores(te)
	predicted := func(cs []resolved, tailsOf func(c resolved) []float64) []float64 {
		p := make([]float64, K)
		for _, c := range cs {
			b.Probs(probs, tailsOf(c))
			for k := range p {
				p[k] += probs[k] / float64(len(cs))
			}
		}
		return p
	}
	levelTails := func(r, gi int) func(c resolved) []float64 {
		return func(c resolved) []float64 {
			for k := range K {
				tail[k] = float64(tab.at(c.seed, r, k)[gi])
			}
			return tail
		}
	}
	evalModel := func(m *ModelFit, scores [][]float64, col int, pred []float64) {
		s := make([]float64, len(te))
		for i := range te {
			s[i] = scores[i][col]
		}
		d := make([]float64, len(te))
		for i := range d {
			d[i] = s[i] - best[i]
		}
		dm, lo, hi := meanCI(d)
		v := NoDifference
		switch {
		case lo > 0:
			v = ModelBetter
		case hi < 0:
			v = BaselineBetter
		}
		m.Eval = &ModelEval{LogScore: mean(s), Predicted: pred, Difference: Difference{Baseline: rep.Best, Mean: dm, CI95: [2]float64{lo, hi}}, Verdict: v}
	}
	evalModel(&rep.Models[0], teIC, icFit.best, predicted(te, levelTails(0, icFit.best)))
	evalModel(&rep.Models[1], teIC, bgFit.best, predicted(te, levelTails(bgFit.best/G, bgFit.best%G)))
	lnPred := make([]float64, K)
	for _, c := range te {
		b.Probs(probs, mix.tailsAt(tab, c.seed, 0, K, lnFit.best))
		for k := range lnPred {
			lnPred[k] += probs[k] / float64(len(te))
		}
	}
	evalModel(&rep.Models[2], teLN, lnFit.best, lnPred)
	bothPred := make([]float64, K)
	for _, c := range te {
		b.Probs(probs, mix.tailsAt(tab, c.seed, bl, K, col))
		for k := range bothPred {
			bothPred[k] += probs[k] / float64(len(te))
		}
	}
	evalModel(&rep.Models[3], lnScoresAt(te, both), bothFit.best, bothPred)
	return rep, nil
}

// mean returns the mean of x (NaN when empty).
func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// meanCI returns the mean of x with its normal 95% interval (NaN for fewer
// than two values).
func meanCI(x []float64) (m, lo, hi float64) {
	m = mean(x)
	if len(x) < 2 {
		return m, math.NaN(), math.NaN()
	}
	ss := 0.0
	for _, v := range x {
		ss += (v - m) * (v - m)
	}
	se := math.Sqrt(ss / float64(len(x)-1) / float64(len(x)))
	return m, m - 1.959963984540054*se, m + 1.959963984540054*se
}

// bootstrap holds resampling weights: weights[b][i] is how many times
// cascade i is drawn in replicate b (n draws with replacement), from
// sim.Stream(seed, b).
// Replicates are refitted by workers goroutines (≤ 0: GOMAXPROCS), each
// writing its own results, so the order of work does not matter.
type bootstrap struct {
	weights [][]float64
	workers int
}

func newBootstrap(n, reps int, seed uint64) bootstrap {
	bs := bootstrap{weights: make([][]float64, reps)}
	for r := range reps {
		rnd := rand.New(rand.NewPCG(sim.StreamWords(seed^0xb007, uint64(r))))
		w := make([]float64, n)
		for range n {
			w[rnd.IntN(n)]++
		}
		bs.weights[r] = w
	}
	return bs
}

// colFit is the best column of a score matrix with its bootstrap spread.
type colFit struct {
	best   int
	score  float64
	lo, hi int          // one-parameter fits: percentile columns
	ci     [][2]float64 // per parameter
	boots  []int        // the best column of each bootstrap replicate
	values func(col int) [2]float64
}

// fitColumns finds the column of scores (rows are cascades) with the best
// mean, and the 2.5% and 97.5% percentiles of the best column over the
// bootstrap replicates, for a one-parameter grid in increasing order.
func fitColumns(scores [][]float64, cols []int, bs bootstrap) colFit {
	f := fitColumnsWith(scores, cols, bs, func(col int) [2]float64 { return [2]float64{float64(col), 0} })
	f.lo, f.hi = int(f.ci[0][0]), int(f.ci[0][1])
	return f
}

// fitColumnsWith is fitColumns for a grid whose columns map to two
// parameter values; the interval of each is the percentile interval of the
// bootstrap's best columns.
func fitColumnsWith(scores [][]float64, cols []int, bs bootstrap, values func(col int) [2]float64) colFit {
	bestOf := func(w []float64) (int, float64) { return bestColumn(scores, cols, w) }
	best, score := bestOf(nil)
	f := colFit{best: best, score: score, values: values}
	f.boots = make([]int, len(bs.weights))
	parallelFor(len(bs.weights), bs.workers, func(i int) { f.boots[i], _ = bestOf(bs.weights[i]) })
	var p0, p1 []float64
	for _, c := range f.boots {
		v := values(c)
		p0, p1 = append(p0, v[0]), append(p1, v[1])
	}
	f.ci = [][2]float64{percentiles(p0), percentiles(p1)}
	return f
}

// bestColumn returns the column of scores with the best weighted mean
// (weights w per row, nil for all 1) and that mean; ties go to the first.
func bestColumn(scores [][]float64, cols []int, w []float64) (int, float64) {
	best, bestV := cols[0], math.Inf(-1)
	for _, c := range cols {
		s, tw := 0.0, 0.0
		for i, row := range scores {
			wi := 1.0
			if w != nil {
				wi = w[i]
			}
			if wi != 0 {
				s += wi * row[c]
				tw += wi
			}
		}
		if s/tw > bestV {
			best, bestV = c, s/tw
		}
	}
	return best, bestV
}

// percentiles returns the 2.5% and 97.5% points of x (lower and upper
// order statistics, no interpolation), NaN when x is empty.
func percentiles(x []float64) [2]float64 {
	if len(x) == 0 {
		return [2]float64{math.NaN(), math.NaN()}
	}
	s := slices.Clone(x)
	slices.Sort(s)
	lo := int(math.Floor(0.025 * float64(len(s)-1)))
	hi := int(math.Ceil(0.975 * float64(len(s)-1)))
	return [2]float64{s[lo], s[hi]}
}
