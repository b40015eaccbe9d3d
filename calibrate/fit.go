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
	// SigmaBound is BoundLower when σ sits on the smallest value of its grid
	// (no spread of strengths between cascades found, or less than the grid
	// resolves: σ is at most that value and its interval means nothing),
	// BoundUpper on the largest, "" inside.
	SigmaBound string `json:"sigma_bound,omitempty"`
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
	// Models are the graph models: ic, ic+background, ic+lognormal and
	// ic+background+lognormal, in this order.
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
	if o.MinSize <= 0 {
		if len(train) == 0 {
			return nil, fmt.Errorf("calibrate: no training cascade: %w", ErrNoCascade)
		}
		o.MinSize = math.MaxInt
		for _, c := range train {
			o.MinSize = min(o.MinSize, c.Size)
		}
	}
	b, err := NewBuckets(o.MinSize)
	if err != nil {
		return nil, err
	}
	f := &fitter{o: o, b: b, rep: &Report{MinSize: o.MinSize, Worlds: o.Worlds}, seedIndex: map[uint32]int{}}
	rep := f.rep
	for k := range b.Len() {
		rep.Buckets = append(rep.Buckets, b.Label(k))
	}
	tr, te := f.resolve(g, train, false), f.resolve(g, test, true)
	rep.TrainUsed, rep.TestUsed = len(tr), len(te)
	if len(tr) == 0 {
		return nil, fmt.Errorf("calibrate: no training cascade of size ≥ %d starts at a node of the graph: %w", o.MinSize, ErrNoCascade)
	}
	if err := f.setGrid(g); err != nil {
		return nil, err
	}
	// Baselines, fitted to the training sizes.
	trainSizes := sizesOf(tr)
	rep.Climatology = b.Climatology(trainSizes)
	if rep.Branching, err = FitStrengthOnly(trainSizes, o.MinSize, o.Bootstrap, o.Seed); err != nil {
		return nil, err
	}
	if err := f.buildTables(ctx, g); err != nil {
		return nil, err
	}
	f.boot = newBootstrap(len(tr), o.Bootstrap, o.Seed)
	f.boot.workers = o.Workers

	// IC at every background level and strength, scored once: plain IC is
	// its level 0.
	icFam := f.icFamily()
	icScores := f.scores(tr, icFam)
	ic, icCol := f.fitIC(icScores)
	bg, bgCol := f.fitBackground(icScores, icFam.cols)
	ln, lnFam, lnCol := f.fitLogNormal(tr, []int{0}, ModelPerCascade)
	// Both extensions: the log-normal at the background fit's level and its
	// two neighbours (all levels would cost ten times as much; the score is
	// smooth across levels).
	var near []int
	for r := bgCol/f.G - 1; r <= bgCol/f.G+1; r++ {
		if r >= 1 && r < f.L {
			near = append(near, r)
		}
	}
	both, bothFam, bothCol := f.fitLogNormal(tr, near, ModelBoth)
	rep.Models = []ModelFit{ic, bg, ln, both}
	if len(te) == 0 {
		return rep, nil
	}
	f.evaluateBaselines(te)
	for i, m := range []struct {
		fam family
		col int
	}{{icFam, icCol}, {icFam, bgCol}, {lnFam, lnCol}, {bothFam, bothCol}} {
		f.evaluate(&rep.Models[i], te, m.fam, m.col)
	}
	return rep, nil
}

// fitter holds what the fits of one Fit share.
type fitter struct {
	o         Options
	b         Buckets
	rep       *Report
	seedIndex map[uint32]int // graph node → index in seeds
	seeds     []uint32       // distinct first posters
	gr        grid
	levels    []float64 // background levels: expected spontaneous adopters
	rates     []float64 // their adoption probability per person
	tab       *tables
	K, G, L   int // buckets, strengths, background levels
	boot      bootstrap
	// Log-normal grid: μ (log strength) every other grid strength, σ.
	mus, sigmas []float64
	mix         *mixer
	// best holds each held-out cascade's score under the best baseline.
	best []float64
}

// resolve reduces cascades to their first poster's node and size bucket,
// counting those skipped (too small, or first poster not in g).
func (f *fitter) resolve(g *graph.CSR, cs []cascades.Cascade, test bool) []resolved {
	var out []resolved
	for _, c := range cs {
		v, ok := uint32(0), false
		if c.Size >= f.b.Min && len(c.Users) > 0 {
			v, ok = g.Labels().ID(c.Users[0])
			if !ok && !test {
				f.rep.SkippedNotInGraph++
			}
		}
		if !ok {
			if test {
				f.rep.TestSkipped++
			} else {
				f.rep.TrainSkipped++
			}
			continue
		}
		i, seen := f.seedIndex[v]
		if !seen {
			i = len(f.seeds)
			f.seedIndex[v] = i
			f.seeds = append(f.seeds, v)
		}
		out = append(out, resolved{seed: i, bucket: f.b.Of(c.Size), size: c.Size})
	}
	return out
}

func sizesOf(cs []resolved) []int {
	s := make([]int, len(cs))
	for i, c := range cs {
		s[i] = c.size
	}
	return s
}

// setGrid finds λmax and sets the strength grid.
func (f *fitter) setGrid(g *graph.CSR) error {
	lmax, err := graph.SpectralRadius(g, 1e-9, 100000)
	if err != nil {
		return fmt.Errorf("calibrate: spectral radius: %w", err)
	}
	f.rep.LambdaMax = lmax
	o := &f.o
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
		return fmt.Errorf("calibrate: bad strength grid [%v, %v] with %d points", o.SMin, o.SMax, o.Points)
	}
	f.rep.Grid = [2]float64{o.SMin, o.SMax}
	f.gr = newGrid(o.SMin, o.SMax, o.Points)
	n := float64(g.N())
	f.levels = []float64{0, 0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32}
	f.rates = make([]float64, len(f.levels))
	for i, l := range f.levels {
		f.rates[i] = math.Min(1, l/n)
	}
	f.K, f.G, f.L = f.b.Len(), len(f.gr.s), len(f.rates)
	f.sigmas = []float64{0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3}
	f.mus = f.mus[:0]
	for gi := 0; gi < f.G; gi += 2 {
		f.mus = append(f.mus, math.Log(f.gr.s[gi]))
	}
	f.mix = newMixer(f.gr, f.mus, f.sigmas)
	return nil
}

// buildTables plays the worlds, within the memory bound: the tables (4
// bytes per seed, level, edge and strength) and the background searches
// (16 bytes per settled person, up to 512 per world and level), checked
// before anything is allocated.
func (f *fitter) buildTables(ctx context.Context, g *graph.CSR) error {
	o := f.o
	need := int64(len(f.seeds))*int64(f.L*f.K*o.Points)*4 + int64(o.Worlds)*int64(f.L)*OpenBucket*16
	if need > MaxMemory {
		return fmt.Errorf("calibrate: %d distinct first posters, %d worlds and %d strengths need about %d MiB, more than the %d MiB allowed: use fewer cascades, worlds or points",
			len(f.seeds), o.Worlds, o.Points, need>>20, MaxMemory>>20)
	}
	tab, err := buildTables(ctx, g, f.seeds, f.b, f.gr, f.rates, o.Worlds, o.Seed, o.Workers)
	if err != nil {
		return fmt.Errorf("calibrate: %w", err)
	}
	f.tab = tab
	return nil
}

// family is a model's grid of parameter values, as columns: tails fills
// dst with P(size ≥ edge) for a seed at column col.
type family struct {
	cols  int
	tails func(seed, col int, dst []float64)
}

// icFamily is IC at every background level and grid strength: column
// r·G + g is level r at strength g.
func (f *fitter) icFamily() family {
	return family{cols: f.L * f.G, tails: func(seed, col int, dst []float64) {
		r, gi := col/f.G, col%f.G
		for k := range dst {
			dst[k] = float64(f.tab.at(seed, r, k)[gi])
		}
	}}
}

// lnFamily is the log-normal strength at the given background levels:
// column i·C + c is levels[i] with (μ, σ) column c of the mixer.
func (f *fitter) lnFamily(levels []int) family {
	C := len(f.mus) * len(f.sigmas)
	return family{cols: len(levels) * C, tails: func(seed, col int, dst []float64) {
		f.mix.tailsAt(dst, f.tab, seed, levels[col/C], col%C)
	}}
}

// scores returns every cascade's log score at every column of fam. Seeds
// are worked on in parallel, each filling the rows of its own cascades.
func (f *fitter) scores(cs []resolved, fam family) [][]float64 {
	bySeed := map[int][]int{}
	var order []int
	for i, c := range cs {
		if _, ok := bySeed[c.seed]; !ok {
			order = append(order, c.seed)
		}
		bySeed[c.seed] = append(bySeed[c.seed], i)
	}
	out := make([][]float64, len(cs))
	for i := range out {
		out[i] = make([]float64, fam.cols)
	}
	parallelFor(len(order), f.o.Workers, func(j int) {
		seed := order[j]
		tail, probs := make([]float64, f.K), make([]float64, f.K)
		for col := range fam.cols {
			fam.tails(seed, col, tail)
			f.b.Probs(probs, tail)
			for _, i := range bySeed[seed] {
				out[i][col] = logOf(probs[cs[i].bucket])
			}
		}
	})
	return out
}

// fitIC fits plain IC, one strength, to the scores of icFamily: its first
// G columns (level 0).
func (f *fitter) fitIC(scores [][]float64) (ModelFit, int) {
	fit := fitColumns(scores, f.G, f.boot)
	m := ModelFit{Name: ModelIC, TrainScore: fit.score}
	m.Strength = Interval{f.gr.s[fit.best], [2]float64{f.gr.s[fit.lo], f.gr.s[fit.hi]}}
	m.AtGridEdge = fit.best == 0 || fit.best == f.G-1
	return m, fit.best
}

// fitBackground fits IC with a background channel to the scores of
// icFamily, whose cols columns are every level and strength.
func (f *fitter) fitBackground(scores [][]float64, cols int) (ModelFit, int) {
	G := f.G
	fit := fitColumnsWith(scores, cols, f.boot, func(col int) [2]float64 {
		return [2]float64{f.gr.s[col%G], f.levels[col/G]}
	})
	v := fit.values(fit.best)
	m := ModelFit{Name: ModelBackground, TrainScore: fit.score, Rate: f.rates[fit.best/G]}
	m.Strength = Interval{v[0], fit.ci[0]}
	m.Background = &Interval{v[1], fit.ci[1]}
	m.AtGridEdge = fit.best%G == 0 || fit.best%G == G-1 || fit.best/G == f.L-1
	return m, fit.best
}

// fitLogNormal fits a log-normal strength per cascade at the given
// background levels ([0]: none).
func (f *fitter) fitLogNormal(tr []resolved, levels []int, name string) (ModelFit, family, int) {
	fam := f.lnFamily(levels)
	S := len(f.sigmas)
	C := len(f.mus) * S
	fit := fitColumnsWith(f.scores(tr, fam), fam.cols, f.boot, func(col int) [2]float64 {
		return [2]float64{math.Exp(f.mus[col%C/S]), f.sigmas[col%S]}
	})
	v := fit.values(fit.best)
	r := levels[fit.best/C]
	m := ModelFit{Name: name, TrainScore: fit.score, Rate: f.rates[r]}
	m.Strength = Interval{v[0], fit.ci[0]}
	m.Sigma = &Interval{v[1], fit.ci[1]}
	if r > 0 {
		lv := make([]float64, len(fit.boots))
		for i, c := range fit.boots {
			lv[i] = f.levels[levels[c/C]]
		}
		m.Background = &Interval{f.levels[r], percentiles(lv)}
	}
	col := fit.best % C
	m.AtGridEdge = col/S == 0 || col/S == len(f.mus)-1 || col%S == S-1 || (r > 0 && r == f.L-1)
	switch col % S {
	case 0:
		m.SigmaBound = BoundLower
	case S - 1:
		m.SigmaBound = BoundUpper
	}
	return m, fam, fit.best
}

// evaluateBaselines scores the baselines on the held-out cascades and
// picks the best.
func (f *fitter) evaluateBaselines(te []resolved) {
	rep := f.rep
	rep.Observed = f.b.Frequencies(sizesOf(te))
	preds := map[string][]float64{"climatology": rep.Climatology, "branching": rep.Branching.Probs}
	base := map[string][]float64{}
	rep.Baselines = map[string]Baseline{}
	for _, name := range []string{"climatology", "branching"} {
		s := make([]float64, len(te))
		for i, c := range te {
			s[i] = logOf(preds[name][c.bucket])
		}
		base[name] = s
		rep.Baselines[name] = Baseline{LogScore: mean(s), Predicted: preds[name]}
	}
	rep.Best = "climatology"
	if rep.Baselines["branching"].LogScore > rep.Baselines["climatology"].LogScore {
		rep.Best = "branching"
	}
	f.best = base[rep.Best]
}

// evaluate scores model m (column col of fam) on the held-out cascades:
// its mean log score, mean predicted bucket probabilities, and the paired
// difference to the best baseline with its verdict.
func (f *fitter) evaluate(m *ModelFit, te []resolved, fam family, col int) {
	s := make([]float64, len(te))
	d := make([]float64, len(te))
	pred := make([]float64, f.K)
	tail, probs := make([]float64, f.K), make([]float64, f.K)
	for i, c := range te {
		fam.tails(c.seed, col, tail)
		f.b.Probs(probs, tail)
		for k := range pred {
			pred[k] += probs[k] / float64(len(te))
		}
		s[i] = logOf(probs[c.bucket])
		d[i] = s[i] - f.best[i]
	}
	dm, lo, hi := meanCI(d)
	v := NoDifference
	switch {
	case lo > 0:
		v = ModelBetter
	case hi < 0:
		v = BaselineBetter
	}
	m.Eval = &ModelEval{LogScore: mean(s), Predicted: pred, Difference: Difference{Baseline: f.rep.Best, Mean: dm, CI95: [2]float64{lo, hi}}, Verdict: v}
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

// fitColumns finds the column among the first n of scores (rows are
// cascades) with the best mean, and the 2.5% and 97.5% percentiles of the best column over the
// bootstrap replicates, for a one-parameter grid in increasing order.
func fitColumns(scores [][]float64, n int, bs bootstrap) colFit {
	f := fitColumnsWith(scores, n, bs, func(col int) [2]float64 { return [2]float64{float64(col), 0} })
	f.lo, f.hi = int(f.ci[0][0]), int(f.ci[0][1])
	return f
}

// fitColumnsWith is fitColumns for a grid whose columns map to two
// parameter values; the interval of each is the percentile interval of the
// bootstrap's best columns.
func fitColumnsWith(scores [][]float64, n int, bs bootstrap, values func(col int) [2]float64) colFit {
	bestOf := func(w []float64) (int, float64) { return bestColumn(scores, n, w) }
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

// bestColumn returns the column among the first n of scores with the best
// weighted mean (weights w per row, nil for all 1) and that mean; ties go
// to the first.
func bestColumn(scores [][]float64, n int, w []float64) (int, float64) {
	best, bestV := 0, math.Inf(-1)
	for c := range n {
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
