package sim

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
)

// TippingOptions say where FindTipping looks for the tipping point.
type TippingOptions struct {
	// Lo and Hi bound the axis searched (strength, seeds, budget, fraction).
	Lo, Hi float64
	// Grid is the number of evenly spaced points of the first pass (0 means 9).
	Grid int
	// Refine is the most refinement rounds around P(cascade) = 1/2 (0
	// means 4, negative means none); each evaluates up to three new points
	// inside the current bracket.
	Refine int
	// Integer rounds every point to a whole number (seeds, people).
	Integer bool
	// Progress, when not nil, is called after each point with the points
	// done and the most that will be evaluated.
	Progress func(done, total int)
}

// SequentialStop returns the stopping rule for the points of a tipping
// sweep: a point stops (at a batch boundary, in trial order, so the same for
// any number of workers) once its 99.9% Wilson interval of P(cascade) lies
// clear of 1/2, after at least 64 trials, and otherwise runs to the cap.
// Points far from the crossing, whose verdict is plain after a few hundred
// trials, then leave the trials to the points near it. The tipping bracket
// compares 95% intervals with 1/2, so a point that stopped early is still
// clear of 1/2 in it. Use it with Config.Batch = SequentialBatch.
func SequentialStop() Precision { return Precision{Decide: 3.29, MinTrials: SequentialBatch} }

// SequentialBatch is the batch size that SequentialStop is meant for: the
// rule is looked at after each batch.
const SequentialBatch = 64

// TipPoint is one evaluated point of a tipping sweep.
type TipPoint struct {
	X       float64 `json:"x"`
	Summary Summary `json:"summary"`
}

// Tipping is the outcome of FindTipping.
type Tipping struct {
	// Points are every evaluated point, by increasing X.
	Points []TipPoint `json:"points"`
	// Found says whether P(cascade) crosses 1/2 inside [Lo, Hi]: whether the
	// non-decreasing least-squares fit to the points' estimates (pool
	// adjacent violators, weighted by trials) starts below 1/2 and reaches
	// it. Then Estimate is where that fit crosses 1/2 (linear interpolation
	// between the two points around the crossing), so that noise making the
	// raw estimates dip back under 1/2 does not move it to a spurious early
	// crossing. [CILo, CIHi] brackets the tipping point between points whose
	// 95% Wilson intervals lie entirely below and entirely above 1/2: the
	// rightmost point certainly below that lies left of the estimate and of
	// every point certainly above, and the leftmost point certainly above that
	// lies right of the estimate and of every point certainly below (an axis
	// end, with OpenLo or OpenHi set, when there is none). The bracket thus
	// always contains the estimate and every place where the evidence
	// contradicts a growing curve. Each end is one-sided 97.5% for a growing
	// curve; it is an approximate 95% interval, not an exact one (the end
	// points are chosen after looking at the data).
	Found          bool    `json:"found"`
	Estimate       float64 `json:"estimate"`
	CILo, CIHi     float64 `json:"-"`
	OpenLo, OpenHi bool    `json:"-"` // no point below (above) the estimate is certain
	// VariancePeak is the X of the evaluated point with the largest variance
	// of reach: where the outcome is least predictable. It is no estimate of
	// the tipping point: when the reach is bimodal (no cascade, or one of
	// size F·n, with probability P) its variance ≈ P(1−P)(F·n)² peaks above
	// the crossing (at P = 3/4 from one random seed on G(n, c/n), where
	// F = P), and it is only as fine as the points evaluated.
	VariancePeak float64 `json:"variance_peak"`
	// MaxCascade and MinCascade are the largest and smallest estimates of
	// P(cascade) among the points.
	MaxCascade float64 `json:"max_p_cascade"`
	MinCascade float64 `json:"min_p_cascade"`
}

// FindTipping locates the tipping point along an axis: the x at which
// P(cascade) crosses 1/2. eval runs the simulation at x (with the same master
// seed at every x, the curve is smooth: each x meets the same random worlds).
// It evaluates a coarse grid over [Lo, Hi], then refines: each round
// evaluates the estimate itself and the midpoints between each closed end of
// the bracket and its inner neighbour, where the neighbours are still
// resolved (see probes), and the rounds stop early once they add no new
// point. P(cascade) is assumed to grow with x. When ctx is cancelled it
// returns what it has with ctx's error; any other error of eval ends the
// sweep with a nil result.
func FindTipping(ctx context.Context, eval func(ctx context.Context, x float64) (*Result, error), o TippingOptions) (*Tipping, error) {
	if !(o.Lo < o.Hi) || math.IsInf(o.Lo, 0) || math.IsInf(o.Hi, 0) {
		return nil, fmt.Errorf("sim: tipping: bad range: [%v, %v]", o.Lo, o.Hi)
	}
	grid, refine := o.Grid, o.Refine
	if grid <= 0 {
		grid = 9
	}
	if grid < 2 {
		grid = 2
	}
	if refine < 0 {
		refine = 0
	} else if refine == 0 {
		refine = 4
	}
	t := &Tipping{}
	total := grid + 3*refine
	at := func(x float64) (bool, error) {
		if o.Integer {
			x = math.Round(x)
		}
		if x < o.Lo || x > o.Hi || slices.ContainsFunc(t.Points, func(p TipPoint) bool { return p.X == x }) {
			return false, nil
		}
		r, err := eval(ctx, x)
		if r != nil && !r.Partial {
			t.Points = append(t.Points, TipPoint{X: x, Summary: r.Summary})
			slices.SortFunc(t.Points, func(a, b TipPoint) int { return cmp.Compare(a.X, b.X) })
		}
		if o.Progress != nil {
			o.Progress(len(t.Points), total)
		}
		return true, err
	}
	// fail returns what was found when the sweep was cancelled, and only the
	// error when it failed otherwise (a bad point is not a partial answer).
	fail := func(err error) (*Tipping, error) {
		if ctx.Err() == nil {
			return nil, err
		}
		t.settle()
		return t, err
	}
	for i := range grid {
		if _, err := at(o.Lo + (o.Hi-o.Lo)*float64(i)/float64(grid-1)); err != nil {
			return fail(err)
		}
	}
	for range refine {
		t.settle()
		if !t.Found {
			break
		}
		added := false
		for _, x := range t.probes() {
			ok, err := at(x)
			if err != nil {
				return fail(err)
			}
			added = added || ok
		}
		if !added {
			break
		}
	}
	t.settle()
	return t, nil
}

// settle derives the estimate, its bracket and the variance peak from the
// points evaluated so far.
func (t *Tipping) settle() {
	t.Found = false
	if len(t.Points) == 0 {
		return
	}
	t.MinCascade, t.MaxCascade = math.Inf(1), math.Inf(-1)
	peak := -1.0
	for _, p := range t.Points {
		c := p.Summary.Cascade.Mean
		t.MinCascade, t.MaxCascade = min(t.MinCascade, c), max(t.MaxCascade, c)
		if v := p.Summary.ReachSD; v > peak {
			peak, t.VariancePeak = v, p.X
		}
	}
	ps := t.Points
	fit := isotonic(ps)
	cross := slices.IndexFunc(fit, func(f float64) bool { return f >= 0.5 })
	if cross <= 0 {
		return
	}
	t.Found = true
	a, b := ps[cross-1].X, ps[cross].X
	t.Estimate = a + (b-a)*(0.5-fit[cross-1])/(fit[cross]-fit[cross-1])
	below := func(i int) bool { return ps[i].Summary.Cascade.Hi < 0.5 }
	above := func(i int) bool { return ps[i].Summary.Cascade.Lo > 0.5 }
	firstAbove, lastBelow := len(ps), -1
	for i := range ps {
		if above(i) {
			firstAbove = min(firstAbove, i)
		}
		if below(i) {
			lastBelow = i
		}
	}
	t.CILo, t.OpenLo = ps[0].X, true
	for i := min(cross-1, firstAbove-1); i >= 0; i-- {
		if below(i) {
			t.CILo, t.OpenLo = ps[i].X, false
			break
		}
	}
	t.CIHi, t.OpenHi = ps[len(ps)-1].X, true
	for i := max(cross, lastBelow+1); i < len(ps); i++ {
		if above(i) {
			t.CIHi, t.OpenHi = ps[i].X, false
			break
		}
	}
}

// probes returns the points a refinement round evaluates: the estimate and,
// for each closed end of the bracket, the midpoint between it and the next
// point inside the bracket. A probe is made only between two points whose
// estimates of P(cascade) differ by more than their Wilson half-widths:
// between closer points the curve is flat at the resolution the trials
// give, and a point there would only repeat its neighbours.
func (t *Tipping) probes() []float64 {
	ps := t.Points
	resolved := func(i, j int) bool {
		a, b := ps[i].Summary.Cascade, ps[j].Summary.Cascade
		return math.Abs(b.Mean-a.Mean) > max(a.HalfWidth(), b.HalfWidth())
	}
	var xs []float64
	if k := slices.IndexFunc(ps, func(p TipPoint) bool { return p.X > t.Estimate }); k > 0 && resolved(k-1, k) {
		xs = append(xs, t.Estimate)
	}
	i := slices.IndexFunc(ps, func(p TipPoint) bool { return p.X == t.CILo })
	if !t.OpenLo && i+1 < len(ps) && resolved(i, i+1) {
		xs = append(xs, (t.CILo+ps[i+1].X)/2)
	}
	j := slices.IndexFunc(ps, func(p TipPoint) bool { return p.X == t.CIHi })
	if !t.OpenHi && j > 0 && resolved(j-1, j) {
		xs = append(xs, (ps[j-1].X+t.CIHi)/2)
	}
	return xs
}

// isotonic returns the non-decreasing fit to the points' P(cascade)
// estimates that is closest in least squares weighted by trials (pool
// adjacent violators).
func isotonic(ps []TipPoint) []float64 {
	type block struct {
		mean, weight float64
		size         int
	}
	bs := make([]block, 0, len(ps))
	for _, p := range ps {
		b := block{p.Summary.Cascade.Mean, float64(max(p.Summary.Trials, 1)), 1}
		for len(bs) > 0 && bs[len(bs)-1].mean > b.mean {
			l := bs[len(bs)-1]
			bs = bs[:len(bs)-1]
			w := l.weight + b.weight
			b = block{(l.mean*l.weight + b.mean*b.weight) / w, w, l.size + b.size}
		}
		bs = append(bs, b)
	}
	fit := make([]float64, 0, len(ps))
	for _, b := range bs {
		for range b.size {
			fit = append(fit, b.mean)
		}
	}
	return fit
}

// TransitionRange returns, from a first (coarse) sweep t, a narrower range
// around the transition for a second sweep: from the last point whose
// P(cascade) interval lies entirely below 1/10 to the first point after it
// whose interval lies entirely above 9/10 (the ends of the points swept when
// there is none). ok is false when t found no crossing or the range would
// not be narrower than t's, so that a second sweep would add nothing.
func TransitionRange(t *Tipping) (lo, hi float64, ok bool) {
	if t == nil || !t.Found || len(t.Points) < 2 {
		return 0, 0, false
	}
	pts := t.Points
	lo, hi = pts[0].X, pts[len(pts)-1].X
	first := 0
	for i, p := range pts {
		if p.X < t.Estimate && p.Summary.Cascade.Hi < 0.1 {
			lo, first = p.X, i
		}
	}
	for _, p := range pts[first:] {
		if p.X > t.Estimate && p.Summary.Cascade.Lo > 0.9 {
			hi = p.X
			break
		}
	}
	if !(lo < hi) || (lo == pts[0].X && hi == pts[len(pts)-1].X) {
		return 0, 0, false
	}
	return lo, hi, true
}
