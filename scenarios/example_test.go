package scenarios_test

import (
	"fmt"
	"strings"

	"github.com/ripple-sim/ripple/scenarios"
)

// A scenario file with a two-axis sweep becomes its run points: the first
// axis varies slowest, and each point carries an id and seed of its own.
func ExampleScenario_Expand() {
	s, err := scenarios.Parse(strings.NewReader(`
graph: {generator: ba, params: {n: 2000, m: 2}, seed: 1}
model: {name: ic}
plans:
  - {name: kol, seeds: "top-degree:1"}
  - {name: kocs, seeds: "band:20:2-4", cost_per_seed: 50}
trials: 500
sweep:
  - {param: model.strength, values: [0.1, 0.2]}
  - {param: behaviours.zombies, from: 0, to: 0.4, steps: 3}
`), "study.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := s.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	points, _ := s.Expand()
	for _, p := range points {
		fmt.Println(p.ID, p.Label())
	}
	// Output:
	// 1a4b108b417e106d model.strength=0.1, behaviours.zombies=0
	// 6d0175c65961e4c0 model.strength=0.1, behaviours.zombies=0.2
	// 0ac92283a712b979 model.strength=0.1, behaviours.zombies=0.4
	// e1360080b4aa1ab1 model.strength=0.2, behaviours.zombies=0
	// 4d9aa23df62c6fc7 model.strength=0.2, behaviours.zombies=0.2
	// adcbdc4725eb88a9 model.strength=0.2, behaviours.zombies=0.4
}

// Validate reports every problem at once, each with its file, line and
// field.
func ExampleScenario_Validate() {
	s, err := scenarios.Parse(strings.NewReader(`model: {name: ic, strength: 2}
plans:
  - {name: kol, seeds: "top-dgree:1"}
threshold: 0
`), "typo.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Validate())
	// Output:
	// typo.yaml:1: model.strength = 2: out of range: want 0 ≤ s ≤ 1 for ic
	// typo.yaml:3: plans.kol.seeds = top-dgree:1: bad value: bad seed selector "top-dgree:1": unknown selector "top-dgree" (did you mean top-degree?); to name a node, write labels:top-dgree:1
	// typo.yaml:4: threshold = 0: out of range: want 0 < θ ≤ 1
}
