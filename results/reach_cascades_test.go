package results

import "testing"

// TestReachSharesUseExactCascades: a bucket straddling θ·n is counted by its
// lower bound, so only the engine's exact count makes the legend agree with
// the reported P(cascade).
func TestReachSharesUseExactCascades(t *testing.T) {
	r := Reach{Trials: TrialReach{10, 2496, 2600}, Nodes: 50000, Theta: 0.05}
	buckets, total, err := r.validate()
	if err != nil {
		t.Fatal(err)
	}
	if _, c := r.shares(buckets, total); c != 1.0/3 {
		t.Errorf("counted from buckets: got=%v, want=1/3", c)
	}
	r.Cascades, r.KnownCascades = 2, true // say 2496 stood for a bucket holding a 2,503
	if _, c := r.shares(buckets, total); c != 2.0/3 {
		t.Errorf("exact count: got=%v, want=2/3", c)
	}
}

// TestReachBarsSplitExactlyAtTheta: with the exact count, the bars at and
// above θ·n hold exactly the trials the engine counted there, although a
// bucket straddles θ·n; so the bars' share equals the printed P(reach ≥
// θ·n).
func TestReachBarsSplitExactlyAtTheta(t *testing.T) {
	// θ·n = 2,500; the bucket [2496, 2512) holds 30 trials, 12 of them at
	// or above 2,500 (the engine knows: 12 + 40 = 52).
	r := Reach{Trials: hdr{{120, 121, 100}, {2496, 2512, 30}, {3000, 3016, 40}},
		Nodes: 50000, Theta: 0.05, Cascades: 52, KnownCascades: true}
	bins, err := r.Histogram()
	if err != nil {
		t.Fatal(err)
	}
	var above, all uint64
	for _, b := range bins {
		all += b.Count
		if b.Lo >= 2500 {
			above += b.Count
		}
	}
	if above != 52 || all != 170 {
		t.Errorf("bars at or above θ·n hold %d of %d trials, want 52 of 170", above, all)
	}
	// The axis starts at the edge at or below the smallest reach (10^(10/5)
	// = 100 ≤ 120), not at 1.
	if bins[0].Lo != 100 {
		t.Errorf("first bar starts at %v, want 100", bins[0].Lo)
	}
}

// TestFormatPercentAgreesWithText: a share reads the same in a figure as
// in the text summaries' %.3f.
func TestFormatPercentAgreesWithText(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want string
	}{
		{0.1865, "18.6%"}, {0.18650000000000003, "18.7%"}, {0.5, "50%"}, {1, "100%"}, {0, "0%"},
		{0.0005, "0.1%"}, {0.0015, "0.2%"}, {0.123, "12.3%"}, {0.999, "99.9%"}, {0.9996, "100%"},
	} {
		if got := formatPercent(tc.f); got != tc.want {
			t.Errorf("formatPercent(%v): got=%q, want=%q", tc.f, got, tc.want)
		}
	}
}

// TestSpreadEvents: launches after the start are drawn on the spread
// figure, with one legend entry for them, in the figure's language; events
// off the time axis are not.
func TestSpreadEvents(t *testing.T) {
	sp := Spread{Unit: Generations, Time: []float64{0, 1, 2, 3}, Mean: []float64{1, 3, 6, 8},
		P5: []float64{1, 2, 3, 4}, P25: []float64{1, 2, 5, 7}, P50: []float64{1, 3, 6, 8}, P75: []float64{1, 4, 7, 9}, P95: []float64{1, 5, 9, 11}}
	for _, tc := range []struct {
		events []Event
		lang   Lang
		want   string
	}{
		{nil, English, ""},
		{[]Event{{Time: 2, Label: "band:50:10-40"}}, English, "later launches"},
		{[]Event{{Time: 1, Label: "热搜"}, {Time: 2, Label: "x"}}, Chinese, "后续启动"},
		{[]Event{{Time: 9, Label: "too late"}}, English, ""},
	} {
		st, err := NewStyle(tc.lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		sp.Events = tc.events
		f, err := NewSpreadFigure(st, sp, Caption{})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, e := range f.Legend {
			if e.Text == st.t.Launches {
				got = e.Text
			}
		}
		if got != tc.want {
			t.Errorf("events %v (%s): legend entry %q, want %q", tc.events, tc.lang, got, tc.want)
		}
	}
}
