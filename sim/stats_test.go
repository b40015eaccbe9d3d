package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

func TestCascadeThreshold(t *testing.T) {
	for _, tc := range []struct {
		theta float64
		n     int
		want  int
	}{
		// These products land just above a whole number in floating point
		// (4/7·7 and 0.1·30, cited before, come out exact and tested
		// nothing): 0.07·100 = 7.000000000000001, 9/14·42 =
		// 27.000000000000004.
		{0.07, 100, 7},
		{9.0 / 14, 42, 27},
		{4.0 / 7, 7, 4},
		{0.1, 30, 3},
		{0.5, 7, 4},
		{1, 10, 10},
		{1e-9, 10, 1},
		{0.3, 10, 3},
		{0.31, 10, 4},
		// On a billion nodes a tenth of a person above a whole number is
		// not floating error: a relative tolerance of 1e-9 took it for one.
		{0.3000000001, 1_000_000_000, 300_000_001},
		{0.3, 1_000_000_000, 300_000_000},
	} {
		got, err := CascadeThreshold(tc.theta, tc.n)
		if err != nil || got != tc.want {
			t.Errorf("CascadeThreshold(%v, %d): got=%d, %v, want=%d", tc.theta, tc.n, got, err, tc.want)
		}
	}
	for _, theta := range []float64{0, -0.1, 1.01, math.NaN()} {
		if _, err := CascadeThreshold(theta, 10); err == nil {
			t.Errorf("CascadeThreshold(%v, 10): got nil error", theta)
		}
	}
}

func TestWilson(t *testing.T) {
	// Reference values from the closed form (Wilson 1927) evaluated
	// independently in Python with z = NormalDist().inv_cdf(0.975).
	for _, tc := range []struct {
		k, n   uint64
		lo, hi float64
		v      Verdict
	}{
		{k: 7, n: 10, lo: 0.3967781, hi: 0.8922087, v: Uncertain},
		{k: 0, n: 20, lo: 0, hi: 0.1611252, v: NotCrossed},
		{k: 90, n: 100, lo: 0.8256343, hi: 0.9447709, v: Crossed},
	} {
		e := Wilson(tc.k, tc.n)
		if math.Abs(e.Lo-tc.lo) > 1e-6 || math.Abs(e.Hi-tc.hi) > 1e-6 || VerdictOf(e) != tc.v {
			t.Errorf("Wilson(%d, %d): got=[%.7f, %.7f] %v, want=[%.7f, %.7f] %v", tc.k, tc.n, e.Lo, e.Hi, VerdictOf(e), tc.lo, tc.hi, tc.v)
		}
	}
}

func TestHistogramBuckets(t *testing.T) {
	// Every value falls in the bucket that claims it; buckets are contiguous
	// and at most 1/128 of their values wide.
	prevHi := uint64(0)
	for i := range histIndex(1<<32) + 1 {
		lo, hi := HistBucket(i)
		if lo != prevHi || histIndex(lo) != i || histIndex(hi-1) != i {
			t.Fatalf("bucket %d: [%d, %d), previous ended at %d", i, lo, hi, prevHi)
		}
		if lo >= histExact && float64(hi-lo) > float64(lo)/128 {
			t.Fatalf("bucket %d: [%d, %d) wider than 1/128", i, lo, hi)
		}
		prevHi = hi
	}
}

func TestHistogramQuantileMerge(t *testing.T) {
	var a, b Histogram
	for v := uint64(1); v <= 100; v++ {
		a.Add(v)
	}
	b.AddN(10000, 100)
	a.Merge(&b)
	for _, tc := range []struct{ q, want, tol float64 }{
		{0.1, 20, 0}, {0.5, 100, 0}, {0.51, 10000, 10000.0 / 256}, {1, 10000, 10000.0 / 256},
	} {
		if got := a.Quantile(tc.q); math.Abs(got-tc.want) > tc.tol {
			t.Errorf("Quantile(%v): got=%v, want=%v ± %v", tc.q, got, tc.want, tc.tol)
		}
	}
	var c Histogram
	if err := json.Unmarshal([]byte(mustJSON(t, a)), &c); err != nil || mustJSON(t, c) != mustJSON(t, a) || c.Total() != 200 {
		t.Errorf("JSON round trip: got %v %s, want %s", err, mustJSON(t, c), mustJSON(t, a))
	}
	if err := json.Unmarshal([]byte(`{"total":3,"buckets":[[1,2]]}`), &c); err == nil {
		t.Errorf("inconsistent total: got nil error")
	}
}

func TestU128(t *testing.T) {
	var a U128
	for range 4 {
		a.AddSquare(1 << 62) // 4·2^124 = 2^126 overflows 64 bits
	}
	var b U128
	if err := json.Unmarshal([]byte(mustJSON(t, a)), &b); err != nil || b != a {
		t.Errorf("round trip: got=%v %v, want=%v", b, err, a)
	}
	if got, want := a.String(), "85070591730234615865843651857942052864"; got != want {
		t.Errorf("4·(2^62)²: got=%s, want=%s", got, want)
	}
	var s U128
	for _, d := range []int64{-5, 3, -10} {
		s.AddInt64(d)
	}
	if got := s.SignedFloat64(); got != -12 {
		t.Errorf("signed sum: got=%v, want=-12", got)
	}
}

func TestSummaryJSON(t *testing.T) {
	// One trial: intervals are undefined and must come out as null, not
	// break the encoder.
	a := NewAccumulator(AccConfig{Nodes: 3, CascadeAt: 2, Generations: 4, Bins: 4, BinWidth: 1})
	rec := NewRecorder(3, Generations, RecorderOptions{Generations: 4})
	rec.Activate(0, 0, 0)
	a.Add(rec, 0)
	b, err := json.Marshal(a.Summarize())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil || m["reach_sd"] != nil || m["reach"].(map[string]any)["lo"] != nil {
		t.Errorf("got %s (%v), want null reach_sd and reach.lo", b, err)
	}
}

// startAt launches every trial from the given nodes at t = 0.
type startAt []uint32

func (s startAt) Starts(dst []Start, _ *rand.Rand, _ uint64) ([]Start, float64) {
	for _, v := range s {
		dst = append(dst, Start{Node: v, Active: true})
	}
	return dst, 0
}

// TestVerdictNeedsSpreadBeyondFirstLevel: the verdict counts only what the
// audience spreads on its own, past the people the start points reach
// directly.
//
//   - A star whose 1,000 leaves follow no one, launched from its centre at
//     s = 1: every trial reaches the whole graph, far above θ·n = 51, yet
//     nothing can spread past the first level: P(cascade) = 0, not crossed
//     (the old rule, reach ≥ θ·n, said crossed with P = 1).
//   - A follower list of 2,000 where the big account (node 0) has 600
//     direct followers, s = 0.1, and the audience follows 5 people each
//     (audience branching about 0.5, subcritical): first-level spread
//     (about 60 people) alone passes θ·n = 100 in most trials with the
//     old rule, but the audience's own spread stays well below it.
//   - The same list with a supercritical audience (25 follows each,
//     branching about 2.5) crosses.
func TestVerdictNeedsSpreadBeyondFirstLevel(t *testing.T) {
	star := func() *graph.CSR {
		arcs := make([][2]uint32, 1000)
		for i := range arcs {
			arcs[i] = [2]uint32{0, uint32(i + 1)}
		}
		return buildGraph(t, 1001, arcs, nil, false)
	}
	followers := func(follows int) *graph.CSR {
		const n = 2000
		rnd := rand.New(rand.NewPCG(8, uint64(follows)))
		var arcs [][2]uint32
		for v := 1; v <= 600; v++ {
			arcs = append(arcs, [2]uint32{0, uint32(v)})
		}
		for u := 1; u < n; u++ {
			seen := map[uint32]bool{uint32(u): true}
			for len(seen) <= follows {
				if v := uint32(1 + rnd.IntN(n-1)); !seen[v] {
					seen[v] = true
					arcs = append(arcs, [2]uint32{uint32(u), v})
				}
			}
		}
		return buildGraph(t, n, arcs, nil, false)
	}
	for _, tc := range []struct {
		name      string
		g         *graph.CSR
		s, theta  float64
		want      Verdict
		wantLarge float64 // P(reach ≥ θ·n) is at least this: the old rule would have crossed
		branchLo  float64
		branchHi  float64
	}{
		{"star with dead leaves", star(), 1, 0.05, NotCrossed, 1, 0, 0},
		{"big account, subcritical audience", followers(5), 0.1, 0.05, NotCrossed, 0.6, 0.3, 0.7},
		{"big account, supercritical audience", followers(25), 0.1, 0.05, Crossed, 0.9, 1.5, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := IC{Strength: tc.s}.Bind(tc.g, Behaviours{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := Run(context.Background(), k, startAt{0}, Config{Seed: 5, Trials: 2000, Theta: tc.theta})
			if err != nil {
				t.Fatal(err)
			}
			s := res.Summary
			if s.Verdict != tc.want || s.Large.Mean < tc.wantLarge || s.Large.Mean < s.Cascade.Mean ||
				!(s.Branching >= tc.branchLo && s.Branching <= tc.branchHi) {
				t.Errorf("verdict %s, P(cascade) %.3f, P(large) %.3f, branching %.3f: want %s, P(large) ≥ %v, branching in [%v, %v]",
					s.Verdict, s.Cascade.Mean, s.Large.Mean, s.Branching, tc.want, tc.wantLarge, tc.branchLo, tc.branchHi)
			}
		})
	}
}

// TestWilsonEnds: the interval always holds the estimate, and its ends are
// exactly 0 with no success and exactly 1 with no failure (rounding once
// left 1 − 2⁻⁵² as the upper end when every trial cascaded).
func TestWilsonEnds(t *testing.T) {
	for _, n := range []uint64{1, 3, 7, 10, 97, 100, 1000, 4000, 123457} {
		for _, k := range []uint64{0, 1, n / 2, n - 1, n} {
			e := Wilson(k, n)
			if !(e.Lo <= e.Mean && e.Mean <= e.Hi) {
				t.Errorf("Wilson(%d, %d): got=[%v, %v] around %v, want it to hold the estimate", k, n, e.Lo, e.Hi, e.Mean)
			}
			if k == n && e.Hi != 1 || k == 0 && e.Lo != 0 {
				t.Errorf("Wilson(%d, %d): got=[%v, %v], want the end at exactly %v", k, n, e.Lo, e.Hi, map[bool]int{true: 1, false: 0}[k == n])
			}
		}
	}
}

// TestNotes: every combination of verdict, branching factor above or below
// 1, analytic ratio above or below 1 (or none), first level above or below
// θ·n, and model kind gets exactly the notes its numbers call for.
func TestNotes(t *testing.T) {
	nan := math.NaN()
	sum := func(v Verdict, b, first float64) Summary {
		return Summary{Verdict: v, Branching: b, CascadeAt: 100, FirstLevel: Estimate{Mean: first}}
	}
	for _, tc := range []struct {
		name      string
		s         Summary
		ratio     float64
		threshold bool
		want      []Note
	}{
		{"crossed, all agree", sum(Crossed, 1.5, 10), 2, false, nil},
		{"crossed, b<1, big first level", sum(Crossed, 0.8, 100), nan, false, []Note{NoteFirstLevelCarries}},
		{"crossed, b<1, first level below θ·n, tail adds up", sum(Crossed, 0.8, 99), nan, false, []Note{NoteSlowDecay}},
		{"crossed, b<1, tail exactly θ·n", sum(Crossed, 0.5, 100), nan, false, []Note{NoteFirstLevelCarries}},
		{"crossed, b=0.5, tail just θ·n", sum(Crossed, 0.5, 99.99), nan, false, []Note{NoteLateGrowth}},
		{"crossed, b<1, tail short", sum(Crossed, 0.8, 24), nan, false, []Note{NoteLateGrowth}},
		{"crossed, b<1, tail 100", sum(Crossed, 0.8, 25), nan, false, []Note{NoteSlowDecay}},
		{"crossed, b<1, ratio<1", sum(Crossed, 0.8, 10), 0.7, false, []Note{NoteLateGrowth, NoteBelowAnalytic}},
		{"crossed, b>1, ratio<1", sum(Crossed, 1.3, 10), 0.7, false, []Note{NoteBelowAnalytic}},
		{"crossed, b=1 exactly", sum(Crossed, 1, 10), 1, false, nil},
		{"not crossed, all agree", sum(NotCrossed, 0.5, 500), 0.6, false, nil},
		{"not crossed, b>1", sum(NotCrossed, 1.04, 10), 0.9, false, []Note{NoteStalls}},
		{"not crossed, b>1, ratio>1", sum(NotCrossed, 1.04, 10), 1.65, false, []Note{NoteStalls, NoteAboveAnalytic}},
		{"not crossed, b<1, ratio>1", sum(NotCrossed, 0.79, 10), 1.2, false, []Note{NoteAboveAnalytic}},
		{"not crossed, no sharers", sum(NotCrossed, nan, 0), nan, false, nil},
		{"uncertain, b>1, ratio>1", sum(Uncertain, 1.2, 10), 1.1, false, nil},
		{"uncertain, b<1, ratio<1", sum(Uncertain, 0.8, 200), 0.5, false, nil},
		{"threshold, crossed, b<1", sum(Crossed, 0.91, 10), nan, true, []Note{NoteThresholdModel}},
		{"threshold, crossed, b<1, big first level", sum(Crossed, 0.91, 500), nan, true, []Note{NoteThresholdModel}},
		{"threshold, not crossed, b>1", sum(NotCrossed, 1.2, 10), nan, true, []Note{NoteThresholdModel}},
		{"threshold, crossed, b>1", sum(Crossed, 1.2, 10), nan, true, nil},
		{"threshold, not crossed, b<1", sum(NotCrossed, 0.5, 10), nan, true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Notes(tc.s, tc.ratio, tc.threshold)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("Notes: got=%v, want=%v", got, tc.want)
			}
			for _, n := range got {
				if n.Analytic() != (n == NoteBelowAnalytic || n == NoteAboveAnalytic) {
					t.Errorf("%s.Analytic() = %v", n, n.Analytic())
				}
			}
		})
	}
	for _, name := range []string{"watts", "complex", "lt"} {
		if !ThresholdModel(name) {
			t.Errorf("ThresholdModel(%q) = false", name)
		}
	}
	for _, name := range []string{"ic", "sir"} {
		if ThresholdModel(name) {
			t.Errorf("ThresholdModel(%q) = true", name)
		}
	}
}
