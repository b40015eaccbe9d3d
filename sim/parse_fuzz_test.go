package sim

import (
	"math"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

// FuzzParsers feeds the little languages of flags and scenario files —
// seed groups with start times, broadcast channels, delays, thresholds,
// plan descriptions — arbitrary text: none may panic, what they accept must
// be in range or fail at Bind with an error, and a seed selector prints back
// to one that parses the same.
func FuzzParsers(f *testing.F) {
	for _, s := range []string{"top-degree:1", "random:50@2.5", "@李雷,@韩梅梅@4", "band:5:10-40@", "f=0.01,q=0.05,t=1,name=热搜",
		"f=1,q=", "exp:2", "lognormal:3:0.5", "lognormal:3", "a@b@c", "", "大V，小王", `a\，b`, "top-dgree:1", "uniform:0.1:0.5",
		"normal:0.2,0.1", "kol=top-degree:1 | broadcast f=0.1,q=0.2 | strength=0.1", "=x", "a=|broadcast:f=1,q=1", "labels:top-degree:1"} {
		f.Add(s)
	}
	b := graph.NewBuilder(graph.Options{})
	b.AddNodes(3)
	b.AddEdge(0, 1)
	g, err := b.Build()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if gr, err := ParseGroup(s); err == nil {
			if !(gr.Time >= 0) || math.IsInf(gr.Time, 0) {
				t.Errorf("ParseGroup(%q) accepted start time %v", s, gr.Time)
			}
			back, err := ParseSeeds(gr.Seeds.String())
			if err != nil || back.String() != gr.Seeds.String() {
				t.Errorf("ParseSeeds(%q) does not read back %q: %+v, %v", gr.Seeds.String(), s, back, err)
			}
			Plan{Groups: []Group{gr}}.Bind(g)
		}
		if c, err := ParseChannel(s); err == nil {
			if math.IsNaN(c.Fraction) || math.IsNaN(c.Convert) {
				t.Errorf("ParseChannel(%q) accepted %+v", s, c)
			}
			Plan{Channels: []Channel{c}}.Bind(g)
		}
		if d, err := ParseDelay(s); err == nil && (d.Kind != UnitDelay && !(d.Median > 0) || !(d.Sigma >= 0)) {
			t.Errorf("ParseDelay(%q) accepted %+v", s, d)
		}
		if _, err := ParsePhiSpec(s); err == nil {
			Watts{Phi: mustPhi(t, s), Strength: 1}.Bind(g, Behaviours{})
		}
		if p, err := ParsePlan(s, Plan{}); err == nil {
			if p.Plan.Name == "" || p.HasStrength && !(p.Strength >= 0 && p.Strength <= 1) {
				t.Errorf("ParsePlan(%q) accepted %+v", s, p)
			}
			p.Plan.Bind(g)
		}
	})
}

func mustPhi(t *testing.T, s string) PhiDist {
	t.Helper()
	d, err := ParsePhiSpec(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
