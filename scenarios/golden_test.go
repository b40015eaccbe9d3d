package scenarios

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the goldens in testdata")

// TestTinyGolden runs testdata/tiny.yaml end to end through the library and
// compares each point's id, seed and per-plan reach and P(cascade) with
// testdata/tiny_golden.json: a change to point ids, seed derivation, plan
// building or the random stream shows here. Refresh with -update.
func TestTinyGolden(t *testing.T) {
	s, err := Load(filepath.Join("testdata", "tiny.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	points, err := s.Expand()
	if err != nil {
		t.Fatal(err)
	}
	g, member, err := s.Graph.Build("testdata")
	if err != nil {
		t.Fatal(err)
	}
	type planOut struct {
		Name     string  `json:"name"`
		Reach    float64 `json:"reach_mean"`
		PCascade float64 `json:"p_cascade"`
		Cost     float64 `json:"mean_cost"`
	}
	type pointOut struct {
		ID    string    `json:"id"`
		Seed  string    `json:"seed"`
		Label string    `json:"label"`
		Plans []planOut `json:"plans"`
	}
	var got []pointOut
	for _, p := range points {
		res, err := RunPoint(context.Background(), p, g, RunOptions{Communities: member})
		if err != nil {
			t.Fatal(err)
		}
		po := pointOut{ID: p.ID, Seed: fmt.Sprint(p.Seed), Label: p.Label()}
		for i, sum := range res.Summaries {
			po.Plans = append(po.Plans, planOut{planName(s.Plans[i]), sum.Reach.Mean, sum.Cascade.Mean, sum.MeanCost})
		}
		got = append(got, po)
	}
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", "tiny_golden.json")
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	if string(b) != string(want) {
		t.Errorf("results differ from %s (refresh with -update if the change is meant):\n%s", path, b)
	}
}
