package calibrate

import (
	"math"
	"testing"

	"github.com/ripple-sim/ripple/cascades"
	"github.com/ripple-sim/ripple/graph"
)

// TestDelayByHand: on a→b, a→c, b→d, the cascade a, b, c, d (an hour
// apart) has every adopter explained (waits 1, 2 and 2 hours from the first
// exposure) and nobody with a later in-neighbour; the cascade d, b, plus a
// user not in the graph, adds b unexplained (its in-neighbour a is not in
// it) and d with a later in-neighbour.
func TestDelayByHand(t *testing.T) {
	b := graph.NewBuilder(graph.Options{})
	for _, e := range [][2]string{{"a", "b"}, {"a", "c"}, {"b", "d"}} {
		b.AddEdge(b.AddNode(e[0]), b.AddNode(e[1]))
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	cs := []cascades.Cascade{
		{Users: []string{"a", "b", "c", "d"}, Times: []float64{0, 3600, 7200, 10800}, Size: 4},
		{Users: []string{"d", "b", "zz"}, Times: []float64{0, 3600, 4000}, Size: 3},
		{Users: nil, Times: nil, Size: 7}, // untimed: skipped
	}
	got := DelayStructure(g, cs)
	// Reversed: a, b, c of the first and d, b of the second (zz is the
	// second's last adopter, the seed of reversed time) are checked; only d
	// has an in-neighbour adopting later.
	//
	// Lift 3/4 − 1/5 = 0.55; clustered by cascade, the first cascade (3 of
	// 3 explained, 0 of 3 reversed) contributes (3 − ¾·3)/4 − (0 − ⅕·3)/5
	// = 0.3075 and the second (0 of 1, 1 of 2) −0.3075, so the variance is
	// 2/(2−1)·2·0.3075².
	h := 1.959963984540054 * math.Sqrt(4*0.3075*0.3075)
	want := Delay{Adopters: 4, Explained: 3.0 / 4, Reversed: 1.0 / 5, MedianHours: 2, Lift: 0.55, LiftCI95: [2]float64{0.55 - h, 0.55 + h}}
	const tol = 1e-12 // a few roundings of numbers near 1
	if got.Adopters != want.Adopters || got.Explained != want.Explained || got.Reversed != want.Reversed || got.MedianHours != want.MedianHours ||
		math.Abs(got.Lift-want.Lift) > tol || math.Abs(got.LiftCI95[0]-want.LiftCI95[0]) > tol || math.Abs(got.LiftCI95[1]-want.LiftCI95[1]) > tol {
		t.Errorf("got=%+v, want=%+v", got, want)
	}
	if got.FollowsGraph() {
		t.Errorf("FollowsGraph: got=true with the lift's interval %v, want=false (its lower end is below %v)", got.LiftCI95, LiftMargin)
	}
	cov := CoverageOf(g, cs)
	if wantCov := (Coverage{FirstPosters: 2, FirstMissing: 0, Adopters: 5, AdoptersMissing: 1}); cov != wantCov {
		t.Errorf("CoverageOf: got=%+v, want=%+v", cov, wantCov)
	}
	if f, a := cov.Mismatch(); f || !a {
		t.Errorf("Mismatch: got=%v,%v, want=false,true (1 of 5 adopters missing is above %v)", f, a, MissingLimit)
	}
	if d := DelayStructure(g, cs[2:]); d.Adopters != 0 || !math.IsNaN(d.Explained) || !math.IsNaN(d.MedianHours) {
		t.Errorf("untimed only: got=%+v, want no adopters and NaN shares", d)
	}
}

// TestFollowsGraph: many cascades, each with a clear lift or none, give
// intervals on either side of LiftMargin.
func TestFollowsGraph(t *testing.T) {
	cases := []struct {
		name   string
		early  int // explained adopters of 100 per cascade (reversed: 30 of 100)
		follow bool
	}{
		{"time follows the graph", 60, true},
		{"no lift", 30, false},
		{"lift within the margin", 31, false},
		{"lift just beyond the margin", 33, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var per []clusterCounts
			for i := range 200 {
				e := c.early
				if i%2 == 0 { // clusters vary, so the interval has a width
					e++
				} else {
					e--
				}
				per = append(per, clusterCounts{early: e, adopters: 100, late: 30, revTotal: 100})
			}
			var d Delay
			d.Lift, d.LiftCI95 = liftInterval(per, float64(c.early)/100, 0.3)
			if got := d.FollowsGraph(); got != c.follow {
				t.Errorf("got=%v, want=%v (lift %v, interval %v)", got, c.follow, d.Lift, d.LiftCI95)
			}
		})
	}
	if l, ci := liftInterval(nil, math.NaN(), math.NaN()); !math.IsNaN(l) || !math.IsNaN(ci[0]) {
		t.Errorf("no clusters: got=%v %v, want NaN", l, ci)
	}
}
