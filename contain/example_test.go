package contain_test

import (
	"context"
	"fmt"

	"github.com/ripple-sim/ripple/contain"
	"github.com/ripple-sim/ripple/graph"
)

// ExamplePaired compares two clarification plans on a backlash that can
// only spread through the bridge account 1: holding the bridge saves
// everyone but the backlash's seed, the most-followed decoy 10 saves nobody,
// and the paired difference shows it exactly.
func ExamplePaired() {
	b := graph.NewBuilder(graph.Options{})
	b.AddNodes(14)
	b.AddEdge(0, 1)
	for v := uint32(2); v <= 5; v++ {
		b.AddEdge(1, v)
	}
	for v := uint32(11); v <= 13; v++ {
		b.AddEdge(10, v)
	}
	g, err := b.Build()
	if err != nil {
		panic(err)
	}
	p := contain.Problem{Graph: g, Backlash: []uint32{0}, BacklashStart: 1, BacklashStrength: 1, ClarifyStrength: 1, K: 1}
	o := contain.Options{Seed: 1, Trials: 1000}
	ctx := context.Background()
	base, err := contain.Evaluate(ctx, p, "none", nil, o)
	if err != nil {
		panic(err)
	}
	for _, seed := range []uint32{1, 10} {
		e, err := contain.Evaluate(ctx, p, "mine", []uint32{seed}, o)
		if err != nil {
			panic(err)
		}
		d, err := contain.Paired(base, e)
		if err != nil {
			panic(err)
		}
		fmt.Printf("clarify from %d: backlash reach %.0f, saved %.0f (95%% CI %.0f–%.0f)\n", seed, e.Backlash.Mean, d.Mean, d.Lo, d.Hi)
	}
	// Output:
	// clarify from 1: backlash reach 1, saved 5 (95% CI 5–5)
	// clarify from 10: backlash reach 6, saved 0 (95% CI 0–0)
}
