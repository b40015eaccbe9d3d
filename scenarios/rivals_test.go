package scenarios

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestRivals: a rival races every plan on the same rival worlds, takes
// people from ours on a graph where it can reach them, and its share and
// reach come back per plan.
func TestRivals(t *testing.T) {
	const race = `graph: {generator: gnp, params: {n: 400, p: 0.015}, seed: 5}
model: {name: ic, strength: 0.3}
plans:
  - {name: a, seeds: "random:3"}
  - {name: b, seeds: "random:3"}
trials: 400
seed: 2
`
	const rival = `rivals:
  - {name: backlash, seeds: "random:3", start: 0, strength: 0.3}
`
	s := mustParse(t, race+rival)
	points, err := s.Expand()
	if err != nil {
		t.Fatal(err)
	}
	g, _, err := s.Graph.Build(".")
	if err != nil {
		t.Fatal(err)
	}
	res, err := RunPoint(context.Background(), points[0], g, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Races) != 2 {
		t.Fatalf("got %d races, want one per plan", len(res.Races))
	}
	a, b := res.Races[0], res.Races[1]
	// Equal plans on the same seed and the same rival worlds: identical races.
	if a.Contents[1].Summary.Reach != b.Contents[1].Summary.Reach || res.Summaries[0].Reach != res.Summaries[1].Reach {
		t.Errorf("equal plans raced differently: %v vs %v", a.Contents[1].Summary.Reach, b.Contents[1].Summary.Reach)
	}
	// Two equal contents launched together split the people they reach.
	if sh := a.FirstShare(0).Mean; !(sh > 0.35 && sh < 0.65) {
		t.Errorf("ours first share = %v, want about 1/2 for two equal contents", sh)
	}
	// Without the rival, ours reaches more on the same worlds.
	alone := mustParse(t, race)
	ap, err := alone.Expand()
	if err != nil {
		t.Fatal(err)
	}
	ap[0].Seed = points[0].Seed
	ar, err := RunPoint(context.Background(), ap[0], g, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !(ar.Summaries[0].Reach.Mean > res.Summaries[0].Reach.Mean*1.1) {
		t.Errorf("ours alone reached %v, racing %v: the rival took nobody", ar.Summaries[0].Reach.Mean, res.Summaries[0].Reach.Mean)
	}
}

// TestRivalProblems: every mistake in rivals is reported at once, with its
// field, before any trial.
func TestRivalProblems(t *testing.T) {
	s, err := Parse(strings.NewReader(`model: {name: lt}
plans:
  - {name: ours, seeds: "random:1"}
rivals:
  - {name: ours, seeds: "random:1", start: -1, convert: 2, strength: 3}
  - {name: x, seeds: "top-dgree:1"}
  - {seeds: "random:1"}
precision: 0.1
`), "r.yaml")
	if err != nil {
		t.Fatal(err)
	}
	err = s.Validate()
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Validate: got=%v, want Problems", err)
	}
	text := err.Error()
	for _, want := range []string{"rivals.ours.start", "rivals.ours.convert", "rivals.ours.strength", "rivals.ours.name",
		"rivals.x.seeds", "rivals.2.name", "competing contents need model ic", "precision"} {
		if !strings.Contains(text, want) {
			t.Errorf("problems lack %q:\n%s", want, text)
		}
	}
}
