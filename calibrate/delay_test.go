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
	want := Delay{Adopters: 4, Explained: 3.0 / 4, Reversed: 1.0 / 5, MedianHours: 2}
	if got != want {
		t.Errorf("got=%+v, want=%+v", got, want)
	}
	if d := DelayStructure(g, cs[2:]); d.Adopters != 0 || !math.IsNaN(d.Explained) || !math.IsNaN(d.MedianHours) {
		t.Errorf("untimed only: got=%+v, want no adopters and NaN shares", d)
	}
}
