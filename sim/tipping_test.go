package sim

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"
)

// fakeEval returns an eval whose Result at x has n trials of which
// round(n·p(x)) cascaded, and counts the calls.
func fakeEval(n uint64, p func(x float64) float64, calls *[]float64) func(context.Context, float64) (*Result, error) {
	return func(_ context.Context, x float64) (*Result, error) {
		*calls = append(*calls, x)
		k := uint64(math.Round(float64(n) * p(x)))
		s := Summary{Trials: n, Cascade: Wilson(k, n), ReachSD: float64(k * (n - k))}
		return &Result{Summary: s, Trials: int(n)}, nil
	}
}

// checkTipping checks what holds for every sweep: points sorted, each x
// evaluated once, within the range, and the estimate inside the bracket.
func checkTipping(t *testing.T, tip *Tipping, calls []float64, o TippingOptions) {
	t.Helper()
	xs := make([]float64, len(tip.Points))
	for i, p := range tip.Points {
		xs[i] = p.X
	}
	if !slices.IsSorted(xs) || len(slices.Compact(slices.Clone(xs))) != len(xs) || len(calls) != len(xs) {
		t.Errorf("points %v from calls %v: want sorted, distinct, one call each", xs, calls)
	}
	if len(xs) > 0 && (xs[0] < o.Lo || xs[len(xs)-1] > o.Hi) {
		t.Errorf("points %v outside [%v, %v]", xs, o.Lo, o.Hi)
	}
	if tip.Found && !(tip.CILo <= tip.Estimate && tip.Estimate <= tip.CIHi) {
		t.Errorf("estimate %v outside its bracket [%v, %v]", tip.Estimate, tip.CILo, tip.CIHi)
	}
}

func TestFindTippingSynthetic(t *testing.T) {
	logistic := func(mid, scale float64) func(float64) float64 {
		return func(x float64) float64 { return 1 / (1 + math.Exp(-(x-mid)/scale)) }
	}
	// Non-monotone noisy table on x = 0..5: the raw estimates first cross
	// 1/2 between 0 and 1, but 0.30 and 0.45 at x = 2, 3 are certainly
	// below 1/2 with 1000 trials (Wilson upper ends 0.329 and 0.481): the
	// tipping point of a growing curve cannot lie in [0, 1] alone.
	table := []float64{0.10, 0.55, 0.30, 0.45, 0.80, 0.95}
	for _, tc := range []struct {
		name           string
		n              uint64
		p              func(float64) float64
		o              TippingOptions
		found          bool
		est, tol       float64
		ciLo, ciHi     float64 // NaN: not checked
		openLo, openHi bool
		maxCalls       int
	}{
		// Logistic crossing at 3.3 with scale 0.3: refinement brings the
		// points within 0.1 of it, where linear interpolation of the
		// logistic errs by < 0.01 and rounding k to whole trials by
		// < 1/(4000·slope) = 0.0003.
		{name: "logistic", n: 4000, p: logistic(3.3, 0.3), o: TippingOptions{Lo: 0, Hi: 10},
			found: true, est: 3.3, tol: 0.01, ciLo: math.NaN(), ciHi: math.NaN(), maxCalls: 9 + 3*4},
		// Without refinement the grid step is 1.25: estimate within the
		// linear-interpolation error of the logistic over [2.5, 3.75].
		{name: "grid only", n: 4000, p: logistic(3.3, 0.3), o: TippingOptions{Lo: 0, Hi: 10, Refine: -1},
			found: true, est: 3.3, tol: 0.15, ciLo: 2.5, ciHi: 3.75, maxCalls: 9},
		// Thirty rounds allowed: refinement stops by itself once the points
		// around the crossing are closer in P than their Wilson half-widths
		// (0.0155 at 4000 trials: 0.02 apart in x at slope 0.83), long before.
		{name: "stops at the resolution", n: 4000, p: logistic(3.3, 0.3), o: TippingOptions{Lo: 0, Hi: 10, Refine: 30},
			found: true, est: 3.3, tol: 0.01, ciLo: math.NaN(), ciHi: math.NaN(), maxCalls: 30},
		{name: "non-monotone", n: 1000, p: func(x float64) float64 { return table[int(x)] },
			o:     TippingOptions{Lo: 0, Hi: 5, Grid: 6, Refine: -1},
			found: true, est: 3 + 0.05/0.35, tol: 1e-9, ciLo: 0, ciHi: 4, maxCalls: 6},
		{name: "never crosses", n: 1000, p: func(x float64) float64 { return 0.04 * x }, o: TippingOptions{Lo: 0, Hi: 10},
			maxCalls: 9},
		{name: "crossed at Lo", n: 1000, p: func(x float64) float64 { return 0.6 + 0.04*x }, o: TippingOptions{Lo: 0, Hi: 10},
			maxCalls: 9},
		// Seeds: whole numbers only, each once; the crossing at 7.5 seeds
		// lies between 7 and 8, which refinement must evaluate.
		{name: "integer", n: 4000, p: logistic(7.5, 1), o: TippingOptions{Lo: 1, Hi: 40, Integer: true},
			found: true, est: 7.5, tol: 1e-9, ciLo: math.NaN(), ciHi: math.NaN(), maxCalls: 9 + 3*4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls []float64
			tip, err := FindTipping(context.Background(), fakeEval(tc.n, tc.p, &calls), tc.o)
			if err != nil {
				t.Fatal(err)
			}
			checkTipping(t, tip, calls, tc.o)
			if len(calls) > tc.maxCalls {
				t.Errorf("evaluations: got=%d, want ≤ %d", len(calls), tc.maxCalls)
			}
			if tip.Found != tc.found {
				t.Fatalf("found: got=%v, want=%v (points %v)", tip.Found, tc.found, calls)
			}
			if !tc.found {
				return
			}
			if math.Abs(tip.Estimate-tc.est) > tc.tol {
				t.Errorf("estimate: got=%v, want=%v ± %v", tip.Estimate, tc.est, tc.tol)
			}
			if !(tip.CILo <= tc.est && tc.est <= tip.CIHi) || tip.OpenLo != tc.openLo || tip.OpenHi != tc.openHi {
				t.Errorf("bracket: got=[%v, %v] open %v %v, want it closed around %v", tip.CILo, tip.CIHi, tip.OpenLo, tip.OpenHi, tc.est)
			}
			if !math.IsNaN(tc.ciLo) && (tip.CILo != tc.ciLo || tip.CIHi != tc.ciHi) {
				t.Errorf("bracket: got=[%v, %v], want=[%v, %v]", tip.CILo, tip.CIHi, tc.ciLo, tc.ciHi)
			}
		})
	}
}

// TestFindTippingErrors: a bad range is refused; an eval error ends the sweep
// with no result, while a cancellation returns the points done with ctx's error.
func TestFindTippingErrors(t *testing.T) {
	var calls []float64
	ok := fakeEval(100, func(x float64) float64 { return x / 10 }, &calls)
	for _, o := range []TippingOptions{{Lo: 1, Hi: 1}, {Lo: 2, Hi: 1}, {Lo: 0, Hi: math.Inf(1)}, {Lo: math.NaN(), Hi: 1}} {
		if _, err := FindTipping(context.Background(), ok, o); err == nil {
			t.Errorf("range [%v, %v]: got nil error", o.Lo, o.Hi)
		}
	}
	boom := errors.New("boom")
	fail := func(ctx context.Context, x float64) (*Result, error) {
		if x > 4 {
			return nil, boom
		}
		return ok(ctx, x)
	}
	calls = nil
	tip, err := FindTipping(context.Background(), fail, TippingOptions{Lo: 0, Hi: 8})
	if !errors.Is(err, boom) || tip != nil {
		t.Errorf("got %v and %v, want boom and no result", err, tip)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stop := func(ctx context.Context, x float64) (*Result, error) {
		if x > 4 {
			cancel()
			return nil, ctx.Err()
		}
		return ok(ctx, x)
	}
	tip, err = FindTipping(ctx, stop, TippingOptions{Lo: 0, Hi: 8})
	if !errors.Is(err, context.Canceled) || tip == nil || len(tip.Points) != 5 {
		t.Errorf("got %v and %v, want context.Canceled after 5 points (0..4)", err, tip)
	}
}

// TestFindTippingGnp runs FindTipping on IC over directed G(n, 4/n) from
// one random seed. Theory (see TestICTheoryGnp): P(cascade) = S with
// S = 1 − exp(−c·p·S), so P(cascade) = 1/2 at c·p = 2 ln 2, p* = ln 2 / 2 =
// 0.3466. Near p*, dP/dp = c·S·e^{−cpS}/(1 − cp·e^{−cpS}) = 3.26; with 2000
// trials per point the SE of P is 0.011, i.e. 0.0034 in p; the finite-size
// shift at n = 5000 is O(n^−1/2) ≈ 0.014 in S, 0.0043 in p. Tolerance: 4
// SE plus 0.01 = 0.024. The same holds with sequential stopping
// (SequentialStop), which must also spend fewer trials in all, stop the
// points whose verdict is plain (P(cascade) below 0.2 or above 0.8) before
// the cap, and run the points near 1/2 longer than that.
func TestFindTippingGnp(t *testing.T) {
	if testing.Short() {
		t.Skip("runs about 30 000 IC trials")
	}
	const n, c = 5000, 4.0
	g := directedGnp(t, n, c/n, 11)
	total := map[string]uint64{}
	for _, tc := range []struct {
		name      string
		prec      Precision
		batch     int
		sequenced bool
	}{{name: "fixed"}, {name: "sequential", prec: SequentialStop(), batch: SequentialBatch, sequenced: true}} {
		t.Run(tc.name, func(t *testing.T) {
			var calls []float64
			eval := func(ctx context.Context, x float64) (*Result, error) {
				calls = append(calls, x)
				k, err := IC{Strength: x}.Bind(g, Behaviours{})
				if err != nil {
					return nil, err
				}
				return Run(ctx, k, randomRoot{n: n}, Config{Seed: 5, Trials: 2000, Theta: 0.1, Precision: tc.prec, Batch: tc.batch})
			}
			o := TippingOptions{Lo: 0.1, Hi: 0.7, Grid: 7}
			tip, err := FindTipping(context.Background(), eval, o)
			if err != nil {
				t.Fatal(err)
			}
			checkTipping(t, tip, calls, o)
			want := math.Ln2 / 2
			if !tip.Found || math.Abs(tip.Estimate-want) > 0.024 {
				t.Errorf("estimate: got=%v (found %v), want=%.4f ± 0.024", tip.Estimate, tip.Found, want)
			}
			if tip.OpenLo || tip.OpenHi || !(tip.CILo < want && want < tip.CIHi) || tip.CIHi-tip.CILo > 0.1 {
				t.Errorf("bracket: got=[%v, %v] open %v %v, want closed, narrower than the grid step 0.1, around %.4f",
					tip.CILo, tip.CIHi, tip.OpenLo, tip.OpenHi, want)
			}
			for _, p := range tip.Points {
				total[tc.name] += p.Summary.Trials
				plain := p.Summary.Cascade.Mean < 0.2 || p.Summary.Cascade.Mean > 0.8
				switch {
				case tc.sequenced && plain && p.Summary.Trials >= 2000:
					t.Errorf("x=%v P=%.3f: got=%d trials, want fewer than 2000 (the verdict is plain)", p.X, p.Summary.Cascade.Mean, p.Summary.Trials)
				case tc.sequenced && math.Abs(p.Summary.Cascade.Mean-0.5) < 0.05 && p.Summary.Trials < 1000:
					t.Errorf("x=%v P=%.3f: got=%d trials, want at least 1000 near 1/2", p.X, p.Summary.Cascade.Mean, p.Summary.Trials)
				}
			}
			t.Logf("estimate %.4f in [%.4f, %.4f] after %d points, %d trials", tip.Estimate, tip.CILo, tip.CIHi, len(calls), total[tc.name])
		})
	}
	if !(total["sequential"] < total["fixed"]/2) {
		t.Errorf("trials: got=%d sequential, want fewer than half of %d fixed", total["sequential"], total["fixed"])
	}
}

// TestTransitionRange: the second pass of a default sweep spans from the
// last point clearly below P(cascade) = 1/10 to the first clearly above
// 9/10, and there is none without a crossing or when it would not narrow.
func TestTransitionRange(t *testing.T) {
	pt := func(x, lo, hi float64) TipPoint {
		return TipPoint{X: x, Summary: Summary{Cascade: Estimate{Mean: (lo + hi) / 2, Lo: lo, Hi: hi}}}
	}
	steep := []TipPoint{pt(0, 0, 0.05), pt(0.1, 0, 0.05), pt(0.2, 0.2, 0.5), pt(0.3, 0.95, 1), pt(0.4, 0.95, 1)}
	for _, tc := range []struct {
		name   string
		tip    *Tipping
		lo, hi float64
		ok     bool
	}{
		{"narrows", &Tipping{Points: steep, Found: true, Estimate: 0.25}, 0.1, 0.3, true},
		{"not found", &Tipping{Points: steep, Found: false}, 0, 0, false},
		{"nil", nil, 0, 0, false},
		{"already narrow", &Tipping{Points: []TipPoint{pt(0, 0, 0.05), pt(1, 0.95, 1)}, Found: true, Estimate: 0.5}, 0, 0, false},
		{"no clear low end", &Tipping{Points: []TipPoint{pt(0, 0.05, 0.3), pt(0.5, 0.3, 0.6), pt(1, 0.95, 1), pt(2, 0.95, 1)}, Found: true, Estimate: 0.5}, 0, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi, ok := TransitionRange(tc.tip)
			if ok != tc.ok || (ok && (lo != tc.lo || hi != tc.hi)) {
				t.Errorf("TransitionRange = %v, %v, %v; want %v, %v, %v", lo, hi, ok, tc.lo, tc.hi, tc.ok)
			}
		})
	}
}
