package calibrate_test

import (
	"fmt"
	"math"
	"strings"

	"github.com/ripple-sim/ripple/calibrate"
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
