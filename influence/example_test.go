package influence_test

import (
	"context"
	"fmt"
	"math"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/influence"
	"github.com/ripple-sim/ripple/sim"
)

// Two accounts, a and b, reach the same three people; c reaches two others.
// Top degree would seed a and b; IMM seeds a and c.
func ExampleSampler_IMM() {
	b := graph.NewBuilder(graph.Options{})
	for _, e := range [][2]string{{"a", "x"}, {"a", "y"}, {"a", "z"}, {"b", "x"}, {"b", "y"}, {"b", "z"}, {"c", "u"}, {"c", "w"}} {
		b.AddEdge(b.AddNode(e[0]), b.AddNode(e[1]))
	}
	g, err := b.Build()
	if err != nil {
		panic(err)
	}
	s, err := influence.NewSampler(g, sim.IC{Strength: 0.5}, sim.Behaviours{})
	if err != nil {
		panic(err)
	}
	res, err := s.IMM(context.Background(), 2, influence.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	for _, v := range res.Selection.Seeds {
		fmt.Print(g.Label(v), " ")
	}
	fmt.Printf("reach ≈ %.1f\n", res.Selection.Reach)
	// Output: a c reach ≈ 4.5
}

// One KOL or several KOCs? With the KOL quoted at 10 and each KOC at 3, a
// budget of 10 buys two KOCs, who reach more people than the KOL alone.
func ExampleSampler_IMMBudget() {
	b := graph.NewBuilder(graph.Options{})
	for _, e := range [][2]string{{"kol", "p1"}, {"kol", "p2"}, {"kol", "p3"}, {"koc1", "q1"}, {"koc1", "q2"}, {"koc2", "r1"}, {"koc2", "r2"}} {
		b.AddEdge(b.AddNode(e[0]), b.AddNode(e[1]))
	}
	g, err := b.Build()
	if err != nil {
		panic(err)
	}
	quote := map[string]float64{"kol": 10, "koc1": 3, "koc2": 3}
	costs := make([]float64, g.N())
	for v := range costs {
		costs[v] = math.Inf(1) // not for sale
		if c, ok := quote[g.Label(uint32(v))]; ok {
			costs[v] = c
		}
	}
	s, err := influence.NewSampler(g, sim.IC{Strength: 0.9}, sim.Behaviours{})
	if err != nil {
		panic(err)
	}
	res, err := s.IMMBudget(context.Background(), costs, 10, influence.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	for _, v := range res.Selection.Seeds {
		fmt.Print(g.Label(v), " ")
	}
	fmt.Printf("cost %v, %s\n", res.Selection.Cost, res.Selection.Rule)
	// Output: koc1 koc2 cost 6, ratio greedy
}
