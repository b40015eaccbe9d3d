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
