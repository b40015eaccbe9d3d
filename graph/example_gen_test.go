package graph_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/ripple-sim/ripple/graph"
)

// The generators take their parameters and an injected source: the same
// seed gives the same graph, here pinned by its statistics.
func ExampleGnp() {
	g, err := graph.Gnp(1000, 0.01, false, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		fmt.Println(err)
		return
	}
	s := g.Stats()
	fmt.Printf("n=%d edges=%d <k>=%.3f <k²>=%.3f max=%d\n", s.Nodes, s.Edges/2, s.MeanDegree, s.SecondMoment, s.MaxOut)
	_, err = graph.Gnp(1000, 1.5, false, rand.New(rand.NewPCG(1, 2)))
	fmt.Println(err)
	// Output:
	// n=1000 edges=5036 <k>=10.072 <k²>=111.376 max=20
	// graph: bad probability: p=1.5
}

// Community returns the membership with the graph, so that a plan can seed
// one start point per community; each community's first ids are its leaders.
func ExampleCommunity() {
	p := graph.DefaultCommunity()
	p.N, p.Communities = 5000, 5
	g, comm, err := graph.Community(p, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		fmt.Println(err)
		return
	}
	first := []int{0}
	for v := 1; v < len(comm); v++ {
		if comm[v] != comm[v-1] {
			first = append(first, v)
		}
	}
	s := g.Stats()
	fmt.Printf("n=%d edges=%d <k>=%.2f max=%d\n", s.Nodes, s.Edges/2, s.MeanDegree, s.MaxOut)
	fmt.Println("first ids:", first)
	fmt.Println("degree of the first leaders:", g.Out.Degree(0), g.Out.Degree(uint32(first[4])))
	// Output:
	// n=5000 edges=31701 <k>=12.68 max=354
	// first ids: [0 1797 2903 3736 4417]
	// degree of the first leaders: 349 128
}

// The registry is what `ripple graph generate MODEL [params]` uses.
func ExampleLookupGenerator() {
	gen, err := graph.LookupGenerator("ba")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(gen.Summary, "\n", gen.Help())
	p, err := gen.ParseParams("n=2000,m=2")
	if err != nil {
		fmt.Println(err)
		return
	}
	g, err := gen.Generate(p, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("n=%d edges=%d max degree=%d\n", g.N(), g.M()/2, g.Stats().MaxOut)
	_, err = gen.ParseParams("n=2000,k=2")
	fmt.Println(err)
	// Output:
	// Barabási–Albert preferential attachment: degree tail k^-3 (directed: arcs old→new)
	//   n            1000     vertices
	//   m            3        edges brought by each new vertex
	//   directed     0        1 for a directed graph, 0 for undirected
	// n=2000 edges=3997 max degree=160
	// graph: ba: unknown parameter "k" (known: n, m, directed)
}
