package scenarios

import (
	"context"
	"testing"

	"github.com/ripple-sim/ripple/sim"
)

// TestDefaultDemo checks what the built-in scenario's documentation claims:
// at its strength one KOL crosses θ in about one launch in five and fifty
// KOCs in about one in two, so the demo sits where the choice of plan matters.
func TestDefaultDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds the 50,000-person graph and runs 2×2,000 trials")
	}
	d := Default()
	g, member, err := d.BuildGraph()
	if err != nil {
		t.Fatal(err)
	}
	if g.N() != d.Graph.N || len(member) != g.N() {
		t.Fatalf("graph: got n=%d members=%d, want %d", g.N(), len(member), d.Graph.N)
	}
	g2, _, _ := d.BuildGraph()
	if g.Checksum() != g2.Checksum() {
		t.Error("the built-in graph differs between two builds")
	}
	kernel, err := sim.IC{Strength: d.Strength}.Bind(g, sim.Behaviours{})
	if err != nil {
		t.Fatal(err)
	}
	var seeders []sim.Seeder
	for _, p := range d.Plans {
		sel, err := sim.ParseSeeds(p.Seeds)
		if err != nil {
			t.Fatalf("plan %s: %v", p.Name, err)
		}
		bp, err := sim.Plan{Name: p.Name, Groups: []sim.Group{{Seeds: sel}}, Communities: member}.Bind(g)
		if err != nil {
			t.Fatal(err)
		}
		seeders = append(seeders, bp)
	}
	res, err := sim.RunPaired(context.Background(), kernel, seeders, sim.Config{Seed: 1, Trials: 2000, Theta: d.Theta})
	if err != nil {
		t.Fatal(err)
	}
	// With 2,000 trials the Wilson half-width is under 0.022; the bands below
	// are "about one in five" and "about one in two" with room for that.
	want := [][2]float64{{0.1, 0.3}, {0.4, 0.6}}
	for i, r := range res.Plans {
		if p := r.Summary.Cascade.Mean; p < want[i][0] || p > want[i][1] {
			t.Errorf("%s: P(cascade)=%.3f, want in %v", d.Plans[i].Name, p, want[i])
		}
	}
}
