package sim

import (
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
	// Refine is the number of refinement rounds around P(cascade) = 1/2
	// (0 means 4); each evaluates up to three new points inside the current
	// bracket.
	Refine int
	// Integer rounds every point to a whole number (seeds, people).
	Integer bool
	// Progress, when not nil, is called after each point with the points
	// done and the most that will be evaluated.
	Progress func(done, total int)
}

// TipPoint is one evaluated point of a tipping sweep.
type TipPoint struct {
	X       float64 `json:"x"`
	Summary Summary `json:"summary"`
}

// Tipping is the outcome of FindTipping.
type Tipping struct {
	// Points are every evaluated point, by increasing X.
	Points []TipPoint `json:"points"`
	// Found says whether P(cascade) crosses 1/2 inside [Lo, Hi]. Then
	// Estimate is where the point estimates cross 1/2 (linear interpolation
	// between the two points around the first crossing), and [CILo, CIHi] is
	// the bracket between the nearest points whose 95% Wilson intervals lie
	// entirely below and entirely above 1/2 (an axis end when none does).
	Found          bool    `json:"found"`
	Estimate       float64 `json:"estimate"`
	CILo, CIHi     float64 `json:"-"`
	OpenLo, OpenHi bool    `json:"-"`             // no point below (above) the estimate is certain
	VariancePeak   float64 `json:"variance_peak"` // X of the largest variance of reach
	MaxCascade     float64 `json:"max_p_cascade"`
	MinCascade     float64 `json:"min_p_cascade"`
}

// FindTipping locates the tipping point along an axis: the x at which
// P(cascade) crosses 1/2. eval runs the simulation at x (with the same master
// seed at every x, the curve is smooth: each x meets the same random worlds).
// It evaluates a coarse grid over [Lo, Hi], then refines inside the bracket
// where the Wilson intervals stop being clear of 1/2. P(cascade) is assumed to
// grow with x. When ctx is cancelled it returns what it has with ctx's error.
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
			slices.SortFunc(t.Points, func(a, b TipPoint) int { return cmpFloat(a.X, b.X) })
		}
		if o.Progress != nil {
			o.Progress(len(t.Points), total)
		}
		return true, err
	}
	for i := range grid {
		if _, err := at(o.Lo + (o.Hi-o.Lo)*float64(i)/float64(grid-1)); err != nil {
			t.settle()
			return t, err
		}
	}
	for range refine {
		t.settle()
		if !t.Found {
			break
		}
		lo, hi := t.CILo, t.CIHi
		added := false
		for k := 1; k <= 3; k++ {
			ok, err := at(lo + (hi-lo)*float64(k)/4)
			if err != nil {
				t.settle()
				return t, err
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
	cross := -1
	for i := 1; i < len(ps); i++ {
		if ps[i-1].Summary.Cascade.Mean < 0.5 && ps[i].Summary.Cascade.Mean >= 0.5 {
			cross = i
			break
		}
	}
	if cross < 0 {
		return
	}
	t.Found = true
	a, b := ps[cross-1], ps[cross]
	pa, pb := a.Summary.Cascade.Mean, b.Summary.Cascade.Mean
	t.Estimate = a.X + (b.X-a.X)*(0.5-pa)/(pb-pa)
	t.CILo, t.OpenLo = ps[0].X, true
	for i := cross - 1; i >= 0; i-- {
		if ps[i].Summary.Cascade.Hi < 0.5 {
			t.CILo, t.OpenLo = ps[i].X, false
			break
		}
	}
	t.CIHi, t.OpenHi = ps[len(ps)-1].X, true
	for i := cross; i < len(ps); i++ {
		if ps[i].Summary.Cascade.Lo > 0.5 {
			t.CIHi, t.OpenHi = ps[i].X, false
			break
		}
	}
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
