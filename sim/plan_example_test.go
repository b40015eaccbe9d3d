package sim_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// Example_models drives each model by hand (the engine does this for many
// trials across workers): bind a plan and a model to a graph, then play
// numbered trials. Each line shows reach/exposures of six trials. The
// printed numbers pin the random streams of the models
// and of the plan: a change to either shows here.
func Example_models() {
	b := graph.NewBuilder(graph.Options{})
	b.AddNodes(200)
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 1200 {
		u, v := rnd.IntN(200), rnd.IntN(200)
		b.AddEdge(uint32(u), uint32(v))
	}
	g, err := b.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	sel, _ := sim.ParseSeeds("random:3")
	plan, err := sim.Plan{
		Groups:   []sim.Group{{Seeds: sel}},
		Channels: []sim.Channel{{Time: 1, Fraction: 0.05, Convert: 0.5}},
	}.Bind(g)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range []sim.Model{
		sim.LT{Strength: 0.9},
		sim.Watts{Phi: sim.FixedPhi(0.15), Strength: 0.8},
		sim.Complex{K: 2, Strength: 0.9},
		sim.SIR{Strength: 0.3, InfectiousPeriod: 2},
	} {
		k, err := m.Bind(g, sim.Behaviours{Decay: 0.95})
		if err != nil {
			fmt.Println(err)
			return
		}
		run := k.NewRunner()
		rec := sim.NewRecorder(g.N(), k.Clock(), sim.RecorderOptions{Exposures: true})
		fmt.Printf("%-8s", m.Name())
		var starts []sim.Start
		for i := range uint64(6) {
			starts, _ = plan.Starts(starts[:0], sim.Stream(7, i), sim.TrialKey(7, i))
			rec.Reset()
			run.Run(&sim.Trial{Index: i, Key: sim.TrialKey(7, i), Starts: starts}, rec)
			fmt.Printf(" %3d/%3d", rec.Reach(), rec.Exposed())
		}
		fmt.Println()
	}
	// Output:
	// lt        33/134  42/142  14/ 75  29/131  33/143  28/126
	// watts    199/199 195/199 197/199 199/199 195/199 198/199
	// complex  183/199 157/197 122/197   7/ 45 129/195 170/198
	// sir      112/194 117/194 124/196 129/196 105/192  99/192
}
