package sim

import (
	"context"
	"strings"
	"testing"
)

// TestModelEdgeCases runs every model on a small graph with awkward nodes:
// the path 0→1→2→3, node 4 isolated, node 5 without in-neighbours (5→3).
// At strength 0 a run reaches exactly its distinct start points, whatever
// they are (duplicates, isolated nodes, zombies, nodes nobody follows); at
// strength 1 the deterministic models (IC, Watts at φ = 1/2, Complex with
// K = 1) reach the whole path and stop at zombies. Every trial must give the
// same reach, so the checks are exact.
func TestModelEdgeCases(t *testing.T) {
	g := buildGraph(t, 6, [][2]uint32{{0, 1}, {1, 2}, {2, 3}, {5, 3}}, nil, false)
	zombie := func(vs ...int) []bool {
		z := make([]bool, 6)
		for _, v := range vs {
			z[v] = true
		}
		return z
	}
	weak := []Model{
		IC{}, IC{Delay: Delay{Kind: ExponentialDelay, Median: 1}}, LT{},
		Watts{Phi: FixedPhi(0.5)}, Watts{Phi: FixedPhi(0)}, Complex{K: 1}, SIR{InfectiousPeriod: 2},
	}
	strong := []Model{
		IC{Strength: 1}, IC{Strength: 1, Delay: Delay{Kind: LogNormalDelay, Median: 1, Sigma: 1}},
		Watts{Phi: FixedPhi(0.5), Strength: 1}, Complex{K: 1, Strength: 1},
	}
	for _, tc := range []struct {
		name   string
		models []Model
		seeds  []uint32
		zombie []bool
		want   float64
		starts []Start // when set, instead of seeds at time 0
	}{
		{"strength 0, one seed", weak, []uint32{0}, nil, 1, nil},
		{"strength 0, duplicate and isolated starts", weak, []uint32{0, 0, 4, 4}, nil, 2, nil},
		{"strength 0, seed nobody follows", weak, []uint32{5}, nil, 1, nil},
		{"strength 0, zombie seed", weak, []uint32{0}, zombie(0), 1, nil},
		{"strength 1, path", strong, []uint32{0}, nil, 4, nil},
		{"strength 1, duplicate seeds", strong, []uint32{0, 0}, nil, 4, nil},
		{"strength 1, isolated seed", strong, []uint32{4}, nil, 1, nil},
		{"strength 1, zombie seed still shares", strong, []uint32{0}, zombie(0), 4, nil},
		{"strength 1, zombie stops the path", strong, []uint32{0}, zombie(2), 2, nil},
		{"strength 1, seed nobody follows", strong, []uint32{5}, nil, 2, nil},
		// The same node started twice (at 0 and again at 2) adopts once; an
		// exposure that did not convert (Active false) is no adoption.
		{"strength 0, restarted seed", weak, nil, nil, 1, []Start{{Node: 0, Active: true}, {Node: 0, Time: 2, Active: true}}},
		{"strength 0, unconverted exposure", weak, nil, nil, 1, []Start{{Node: 0, Active: true}, {Node: 3, Time: 1}}},
		{"strength 1, restarted seed", strong, nil, nil, 4, []Start{{Node: 1, Active: true}, {Node: 0, Time: 1, Active: true}, {Node: 1, Time: 3, Active: true}}},
		{"strength 1, unconverted exposure", strong, nil, nil, 1, []Start{{Node: 4, Active: true}, {Node: 0, Time: 1}}},
	} {
		for _, m := range tc.models {
			k, err := m.Bind(g, Behaviours{Zombie: tc.zombie})
			if err != nil {
				t.Fatalf("%s %+v: %v", tc.name, m, err)
			}
			var seeder Seeder = at0(tc.seeds...)
			if tc.starts != nil {
				seeder = fixedSeeds{starts: tc.starts}
			}
			res, err := Run(context.Background(), k, seeder, Config{Seed: 2, Trials: 200, Theta: 1})
			if err != nil {
				t.Fatalf("%s %+v: %v", tc.name, m, err)
			}
			if s := res.Summary; s.Reach.Mean != tc.want || s.ReachSD != 0 {
				t.Errorf("%s, %s %+v: got mean reach %v (sd %v), want=%v in every trial", tc.name, m.Name(), m, s.Reach.Mean, s.ReachSD, tc.want)
			}
		}
	}
}

// TestBehaviourErrorsPerModel: every model names itself once and the bad
// value in a behaviour error ("sim: lt: sim: bad ..." repeated the prefix).
func TestBehaviourErrorsPerModel(t *testing.T) {
	g := buildGraph(t, 3, [][2]uint32{{0, 1}, {1, 2}}, nil, false)
	for _, m := range []Model{IC{}, LT{}, Watts{Phi: FixedPhi(0.5)}, Complex{K: 1}, SIR{InfectiousPeriod: 1}} {
		_, err := m.Bind(g, Behaviours{Decay: 2})
		want := "sim: " + m.Name() + ": bad freshness decay: d=2 "
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: got=%v, want an error starting %q", m.Name(), err, want)
		}
	}
}
