package calibrate_test

import (
	"fmt"
	"math"
	"strings"

	"github.com/ripple-sim/ripple/calibrate"
	"github.com/ripple-sim/ripple/cascades"
	"github.com/ripple-sim/ripple/graph"
)

// Android's cascades were recorded from size 6: its first bucket is 6–7.
func ExampleNewBuckets() {
	b, err := calibrate.NewBuckets(6)
	if err != nil {
		panic(err)
	}
	var labels []string
	for k := range b.Len() {
		labels = append(labels, b.Label(k))
	}
	fmt.Println(strings.Join(labels, " "))
	fmt.Println(b.Of(6), b.Of(15), b.Of(16), b.Of(5000))
	// Output:
	// 6–7 8–15 16–31 32–63 64–127 128–255 256–511 512+
	// 0 1 2 7
}

// A subcritical process with superspreading (K < 1): most cascades stop
// at once, a few grow large. By hand: P(1) = P(no offspring) =
// (K/(K+R))^K = 0.6202, and P(2) = P(one offspring)·P(none) =
// K·R/(K+R)·0.6202·0.6202 = 0.1183.
func ExampleBranching_LogSize() {
	b := calibrate.Branching{R: 0.8, K: 0.5}
	for _, n := range []int{1, 2, 10, 100} {
		fmt.Printf("P(size=%d) = %.4f\n", n, math.Exp(b.LogSize(n)))
	}
	// Output:
	// P(size=1) = 0.6202
	// P(size=2) = 0.1183
	// P(size=10) = 0.0076
	// P(size=100) = 0.0001
}

// Strength only: R and the dispersion from sizes alone, with intervals.
func ExampleFitStrengthOnly() {
	sizes := []int{1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 6, 9, 15, 40}
	f, err := calibrate.FitStrengthOnly(sizes, 1, 100, 1)
	if err != nil {
		panic(err)
	}
	fmt.Printf("R = %.2f (%.2f–%.2f), %d cascades\n", f.R.Estimate, f.R.CI95[0], f.R.CI95[1], f.Used)
	// Output:
	// R = 0.83 (0.52–0.91), 16 cascades
}

// Cascades whose times run along the graph's arcs (a→b→c, each an hour
// apart) against the same people in reversed order: only the first follows
// the graph. The third cascade names people the graph does not have.
func ExampleDelayStructure() {
	b := graph.NewBuilder(graph.Options{})
	for _, e := range [][2]string{{"a", "b"}, {"b", "c"}} {
		b.AddEdge(b.AddNode(e[0]), b.AddNode(e[1]))
	}
	g, err := b.Build()
	if err != nil {
		panic(err)
	}
	forward := cascades.Cascade{Users: []string{"a", "b", "c"}, Times: []float64{0, 3600, 7200}, Size: 3}
	backward := cascades.Cascade{Users: []string{"c", "b", "a"}, Times: []float64{0, 3600, 7200}, Size: 3}
	var along, against []cascades.Cascade
	for range 10 {
		along = append(along, forward)
		against = append(against, backward)
	}
	for _, cs := range [][]cascades.Cascade{along, against} {
		d := calibrate.DelayStructure(g, cs)
		fmt.Printf("explained %.2f, reversed %.2f, follows the graph: %v\n", d.Explained, d.Reversed, d.FollowsGraph())
	}
	stranger := cascades.Cascade{Users: []string{"a", "x", "y"}, Times: []float64{0, 1, 2}, Size: 3}
	c := calibrate.CoverageOf(g, []cascades.Cascade{forward, stranger})
	firsts, adopters := c.Mismatch()
	fmt.Printf("first posters missing %d of %d (%v), adopters missing %d of %d (%v)\n",
		c.FirstMissing, c.FirstPosters, firsts, c.AdoptersMissing, c.Adopters, adopters)
	// Output:
	// explained 1.00, reversed 0.00, follows the graph: true
	// explained 0.00, reversed 1.00, follows the graph: false
	// first posters missing 0 of 2 (false), adopters missing 2 of 4 (true)
}
