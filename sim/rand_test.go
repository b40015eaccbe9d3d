package sim

import (
	"fmt"
	"testing"
)

// TestStreamsPinned pins the derivation of random numbers: a change here
// changes every result ripple has ever printed, so it must be deliberate.
func TestStreamsPinned(t *testing.T) {
	c := NewCoins(TrialKey(42, 7), 3, PurposeShare)
	got := fmt.Sprintf("%016x %016x %016x", c.Uint64(), c.Uint64(), Stream(42, 7).Uint64())
	const want = "205d22a1e65c6eb6 3ef1c44d081f5fdd 635e20dd3d9a320a"
	if got != want {
		t.Errorf("got=%q, want=%q", got, want)
	}
}

func TestThreshold(t *testing.T) {
	for _, tc := range []struct {
		p    float64
		want uint64
	}{{0, 0}, {-1, 0}, {1, ^uint64(0)}, {0.5, 1 << 63}, {0.25, 1 << 62}} {
		if got := Threshold(tc.p); got != tc.want {
			t.Errorf("Threshold(%v): got=%#x, want=%#x", tc.p, got, tc.want)
		}
	}
}

func TestCoinsUniform(t *testing.T) {
	// 1e5 coins at p=0.3 over many keys: the count is Binomial(1e5, 0.3),
	// sd = sqrt(1e5*0.3*0.7) ≈ 145; allow 5 sd.
	const n, p = 100000, 0.3
	thr, hits := Threshold(p), 0
	for i := range n {
		c := NewCoins(TrialKey(1, uint64(i/10)), uint32(i%10), PurposeShare)
		if c.Uint64() < thr {
			hits++
		}
	}
	if d := float64(hits) - n*p; d*d > 25*n*p*(1-p) {
		t.Errorf("hits: got=%d, want %v ± 5sd", hits, n*p)
	}
}
