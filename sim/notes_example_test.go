package sim_test

import (
	"fmt"
	"math"

	"github.com/ripple-sim/ripple/sim"
)

// ExampleNotes: a plan that crossed with a branching factor below 1 and a
// first level of 3,000 people against θ·n = 2,500 is carried by its first
// level; one that did not cross although early sharers pass it on to more
// than one person each, at 1.65× the analytic threshold, stalls.
func ExampleNotes() {
	big := sim.Summary{Verdict: sim.Crossed, Branching: 0.8, CascadeAt: 2500, FirstLevel: sim.Estimate{Mean: 3000}}
	fmt.Println(sim.Notes(big, math.NaN(), false))
	stalled := sim.Summary{Verdict: sim.NotCrossed, Branching: 1.27, CascadeAt: 2500, FirstLevel: sim.Estimate{Mean: 44}}
	fmt.Println(sim.Notes(stalled, 1.65, false))
	fmt.Println(sim.Notes(stalled, 1.65, sim.ThresholdModel("watts")))
	// Output:
	// [first_level_carries]
	// [stalls above_analytic]
	// [threshold_model above_analytic]
}
