package sim

import "testing"

// TestMaxReachExact: the histogram holds a reach of 1,001 only within its
// bucket, but the largest reach is reported exactly, and merges as a max.
func TestMaxReachExact(t *testing.T) {
	const n = 2000
	cfg := AccConfig{Nodes: n, CascadeAt: 500, Generations: 4, Bins: 4, BinWidth: 1}
	rec := NewRecorder(n, Generations, RecorderOptions{Generations: 4})
	play := func(a *Accumulator, reach int) {
		rec.Reset()
		for v := range reach {
			rec.Activate(uint32(v), 0, 0)
		}
		a.Add(rec, 0)
	}
	a, b := NewAccumulator(cfg), NewAccumulator(cfg)
	play(a, 1001)
	play(a, 7)
	play(b, 999)
	if err := b.Merge(a); err != nil {
		t.Fatal(err)
	}
	if got := b.Summarize().MaxReach; got != 1001 {
		t.Errorf("max reach: got=%v, want=1001", got)
	}
	b.Reset()
	if b.MaxReach != 0 {
		t.Errorf("after Reset: max reach %d, want 0", b.MaxReach)
	}
}
