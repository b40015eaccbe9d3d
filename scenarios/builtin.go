package scenarios

import (
	"math/rand/v2"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// NamedSeeds is a seeding plan as the CLI writes it: a name and a seed
// selector (see sim.ParseSeeds).
type NamedSeeds struct {
	Name  string
	Seeds string
}

// BuiltIn is the scenario ripple runs when given no graph: a community graph
// with leaders (社群 and 社群领袖) and the question strategists ask first —
// one KOL or fifty KOCs?
type BuiltIn struct {
	// Graph and GraphSeed generate the graph; the seed is part of the
	// product, so every user sees the same graph.
	Graph     graph.CommunityParams
	GraphSeed uint64
	// Strength puts the demo just above the graph's tipping point, where the
	// choice of plan matters most: on this graph one KOL crosses θ = 5% in
	// about one launch in five, fifty KOCs in about one in two.
	Strength float64
	// Theta is the cascade threshold as a fraction of the people.
	Theta float64
	// Plans are the KOL and the KOCs: the account with most followers, and
	// fifty random accounts with 10 to 40 followers.
	Plans []NamedSeeds
}

// Default returns the built-in scenario.
func Default() BuiltIn {
	return BuiltIn{
		Graph:     graph.DefaultCommunity(),
		GraphSeed: 2026,
		Strength:  sim.DemoStrength,
		Theta:     0.05,
		Plans:     []NamedSeeds{{"kol", "top-degree:1"}, {"koc", "band:50:10-40"}},
	}
}

// BuildGraph generates the built-in graph and each person's community.
func (b BuiltIn) BuildGraph() (*graph.CSR, []int, error) {
	return graph.Community(b.Graph, rand.New(rand.NewPCG(b.GraphSeed, 0)))
}
