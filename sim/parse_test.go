package sim

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestParseGroup(t *testing.T) {
	tests := []struct {
		in     string
		labels []string
		kind   string
		time   float64
	}{
		{"top-degree:3", nil, "top-degree:3", 0},
		{"random:50@2.5", nil, "random:50", 2.5},
		{"@李雷", []string{"@李雷"}, "", 0},
		{"@李雷,@韩梅梅@4", []string{"@李雷", "@韩梅梅"}, "", 4},
		{"a@b", []string{"a@b"}, "", 0},
		// Full-width punctuation as a Chinese keyboard types it.
		{"大V，小王", []string{"大V", "小王"}, "", 0},
		{"大V，小王@2", []string{"大V", "小王"}, "", 2},
		{`甲\，乙,丙`, []string{"甲，乙", "丙"}, "", 0},
		{"top-degree：2", nil, "top-degree:2", 0},
		{"labels:top-dgree:1", []string{"top-dgree:1"}, "", 0},
	}
	for _, tc := range tests {
		g, err := ParseGroup(tc.in)
		if err != nil {
			t.Errorf("ParseGroup(%q): %v", tc.in, err)
			continue
		}
		if g.Time != tc.time || (tc.labels != nil && !slices.Equal(g.Seeds.Labels, tc.labels)) || (tc.kind != "" && g.Seeds.String() != tc.kind) {
			t.Errorf("ParseGroup(%q): got=%+v, want labels=%v kind=%q time=%v", tc.in, g, tc.labels, tc.kind, tc.time)
		}
		// What parses prints back to something that parses the same.
		back, err := ParseSeeds(g.Seeds.String())
		if err != nil || back.String() != g.Seeds.String() || !slices.Equal(back.Labels, g.Seeds.Labels) {
			t.Errorf("ParseSeeds(%q.String()=%q): got=%+v, %v", tc.in, g.Seeds.String(), back, err)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"random:5@-1", "start time"},
		{"top-dgree:1", "did you mean top-degree"},
		{"Top-Degree:1", "did you mean top-degree"},
		{"radnom:5", "did you mean random"},
		{"大V，，小王", "empty label"},
	} {
		if _, err := ParseGroup(tc.in); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseGroup(%q): got err=%v, want one saying %q", tc.in, err, tc.want)
		}
	}
	// Labels with a colon that are not near a selector stay labels.
	for _, in := range []string{"c:1", "http://x", "user:42"} {
		if g, err := ParseGroup(in); err != nil || g.Seeds.Kind != SelectLabels {
			t.Errorf("ParseGroup(%q): got=%+v, %v, want one label", in, g, err)
		}
	}
}

func TestParsePhiSpec(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want PhiDist
	}{
		{"0.18", FixedPhi(0.18)},
		{"uniform:0.1:0.5", PhiDist{Kind: PhiUniform, A: 0.1, B: 0.5}}, // as the help writes it
		{"uniform:0.1,0.5", PhiDist{Kind: PhiUniform, A: 0.1, B: 0.5}},
		{"normal:0.2:0.05", PhiDist{Kind: PhiNormal, A: 0.2, B: 0.05}},
	} {
		got, err := ParsePhiSpec(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParsePhiSpec(%q): got=%+v, %v, want=%+v", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"uniform:0.1", "uniform:0.1:0.5:0.7", "beta:1:2", "x"} {
		if _, err := ParsePhiSpec(in); err == nil || !strings.Contains(err.Error(), "uniform:A:B") {
			t.Errorf("ParsePhiSpec(%q): got err=%v, want one showing the forms", in, err)
		}
	}
}

func TestParseDelay(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Delay
		err  string
	}{
		{"generation", Delay{}, ""},
		{"", Delay{}, ""},
		{"exp:2", Delay{Kind: ExponentialDelay, Median: 2}, ""},
		{"lognormal:3:0.5", Delay{Kind: LogNormalDelay, Median: 3, Sigma: 0.5}, ""},
		{"exp:0", Delay{}, "> 0"},
		{"lognormal:3", Delay{}, "want generation"},
		{"lognormal:3:-1", Delay{}, "sigma"},
		{"exp:NaN", Delay{}, "median"},
	} {
		got, err := ParseDelay(tc.in)
		if tc.err == "" && (err != nil || got != tc.want) || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("ParseDelay(%q): got=%+v, %v, want=%+v err~%q", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestParseChannel(t *testing.T) {
	c, err := ParseChannel("f=0.01，q=0.1, t=2,cost=5000,name=热搜")
	if want := (Channel{Name: "热搜", Time: 2, Fraction: 0.01, Convert: 0.1, Cost: 5000}); err != nil || c != want {
		t.Errorf("got=%+v, %v, want=%+v", c, err, want)
	}
	for _, tc := range []struct{ in, want string }{
		{"f=0.1", "f and q are required"},
		{"f=0.1,q=0.2,f=0.3", "given twice"},
		{"f=0.1,q=x", `q="x"`},
		{"f=0.1,q=0.2,z=1", "unknown key"},
		{"f=0.1,q=0.2,name=", "empty name"},
		{"f0.1", "key=value"},
	} {
		if _, err := ParseChannel(tc.in); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseChannel(%q): got err=%v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestParsePlan(t *testing.T) {
	base := Plan{Cost: CostModel{PerSeed: 10}, Channels: []Channel{{Name: "tv", Fraction: 0.5, Convert: 0.01}}}
	p, err := ParsePlan("ad = top-degree:1;band:5:1-3@2 | broadcast f=0.02,q=0.05,name=ad | cost-per-follower=1.5 | strength=0.08", base)
	if err != nil {
		t.Fatal(err)
	}
	if p.Plan.Name != "ad" || len(p.Plan.Groups) != 2 || p.Plan.Groups[1].Time != 2 || p.Plan.Groups[1].Seeds.String() != "band:5:1-3" {
		t.Errorf("groups: got=%+v", p.Plan)
	}
	if len(p.Plan.Channels) != 2 || p.Plan.Channels[0].Name != "tv" || p.Plan.Channels[1].Name != "ad" || p.Plan.Channels[1].Fraction != 0.02 {
		t.Errorf("channels: got=%+v, want the shared tv then the plan's ad", p.Plan.Channels)
	}
	if p.Plan.Cost != (CostModel{PerSeed: 10, PerFollower: 1.5}) || !p.HasStrength || p.Strength != 0.08 {
		t.Errorf("prices/strength: got=%+v %v %v", p.Plan.Cost, p.HasStrength, p.Strength)
	}
	if len(base.Channels) != 1 {
		t.Errorf("ParsePlan changed the base plan's channels: %+v", base.Channels)
	}
	// A channel-only plan.
	if p, err := ParsePlan("hot=|broadcast:f=0.1,q=0.2", Plan{}); err != nil || len(p.Plan.Groups) != 0 || len(p.Plan.Channels) != 1 {
		t.Errorf("channel-only plan: got=%+v, %v", p, err)
	}
	for _, tc := range []struct{ in, want string }{
		{"=top-degree:1", "empty name"},
		{" : sim", "want NAME=SEEDS"},
		{"kol", "want NAME=SEEDS"},
		{"kol=", "no seeds"},
		{"kol=top-dgree:1", "did you mean top-degree"},
		{"kol=top-degree:1 | strength=2", "0 ≤ s ≤ 1"},
		{"kol=top-degree:1 | cost-per-seed=-1", "bad cost"},
		{"kol=top-degree:1 | colour=red", "unknown key"},
		{"kol=top-degree:1 | strength=0.1 | strength=0.2", "twice"},
		{"kol=top-degree:1 | broadcast f=2", "f and q"},
	} {
		if _, err := ParsePlan(tc.in, Plan{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParsePlan(%q): got err=%v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestRegistry(t *testing.T) {
	if got := ModelNames(); !slices.Equal(got, []string{"ic", "lt", "watts", "complex", "sir"}) {
		t.Errorf("ModelNames: got=%v", got)
	}
	for _, spec := range Models() {
		m, err := spec.Build(spec.DefaultStrength, nil)
		if err != nil {
			t.Errorf("%s at its defaults: %v", spec.Name, err)
			continue
		}
		if m.Name() != spec.Name {
			t.Errorf("%s builds %s", spec.Name, m.Name())
		}
		if spec.Summary == "" || !(spec.DefaultStrength > 0 && spec.DefaultStrength <= 1) {
			t.Errorf("%s: summary %q, default strength %v", spec.Name, spec.Summary, spec.DefaultStrength)
		}
		for _, p := range spec.Params {
			if p.Help == "" || p.Default == "" {
				t.Errorf("%s.%s lacks help or default", spec.Name, p.Name)
			}
		}
	}
	// Watts 2002 is deterministic at s = 1; complex contagion too.
	for name, want := range map[string]float64{"ic": DemoStrength, "watts": 1, "complex": 1} {
		if spec, _ := LookupModel(name); spec.DefaultStrength != want {
			t.Errorf("%s default strength: got=%v, want=%v", name, spec.DefaultStrength, want)
		}
	}
	ic, _ := LookupModel("ic")
	m, err := ic.Build(0.1, map[string]string{"weighting": "wc", "delay": "exp:2"})
	if want := (IC{Strength: 0.1, Weighting: WeightedCascade, Delay: Delay{Kind: ExponentialDelay, Median: 2}}); err != nil || m != want {
		t.Errorf("ic: got=%+v, %v, want=%+v", m, err, want)
	}
	if TimeScale(m) != 2 {
		t.Errorf("TimeScale(ic exp:2): got=%v, want=2", TimeScale(m))
	}
	sir, _ := LookupModel("sir")
	if v := sir.Values(map[string]string{"infectious_hours": "12"}); v["infectious_hours"] != 12.0 {
		t.Errorf("sir values: got=%#v", v)
	}
	cx, _ := LookupModel("complex")
	if v := cx.Values(nil); v["k"] != 2 {
		t.Errorf("complex values: got=%#v, want k=2 (int)", v)
	}
	for _, tc := range []struct {
		model  string
		params map[string]string
		param  string
		want   string
	}{
		{"sir", map[string]string{"infectious_hours": "0"}, "infectious_hours", "> 0"},
		{"complex", map[string]string{"k": "1.5"}, "k", "whole number"},
		{"ic", map[string]string{"weighting": "trsut"}, "weighting", "uniform, trust or wc"},
		{"watts", map[string]string{"phi": "uniform:0.5"}, "phi", "uniform:A:B"},
	} {
		spec, _ := LookupModel(tc.model)
		_, err := spec.Build(0.1, tc.params)
		pe, ok := err.(*ParamError)
		if !ok || pe.Param != tc.param || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %v: got err=%v, want a ParamError on %s saying %q", tc.model, tc.params, err, tc.param, tc.want)
		}
	}
	if _, err := ic.Build(0.1, map[string]string{"phi": "0.2"}); err == nil || !strings.Contains(err.Error(), "weighting, delay") {
		t.Errorf("unknown parameter: got err=%v, want one listing ic's parameters", err)
	}
	if _, err := LookupModel("sis"); err == nil || !strings.Contains(err.Error(), "ic, lt, watts, complex, sir") {
		t.Errorf("unknown model: got err=%v", err)
	}
}

func TestBudget(t *testing.T) {
	// A star: the hub has 4 followers, the leaves none (directed).
	g := buildGraph(t, 5, [][2]uint32{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {1, 2}}, nil, false)
	sel, _ := ParseSeeds("top-degree:1")
	b, err := NewBudget(g, Plan{Groups: []Group{{Seeds: sel}}, Cost: CostModel{PerSeed: 10, PerFollower: 2}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Top-degree order: hub (4 followers), node 1 (1), then 2, 3, 4 (0).
	for k, want := range map[int]float64{1: 18, 2: 30, 3: 40, 5: 60} {
		if c, err := b.Cost(k); err != nil || c != want {
			t.Errorf("Cost(%d): got=%v, %v, want=%v", k, c, err, want)
		}
	}
	for budget, want := range map[float64]int{18: 1, 29.9: 1, 30: 2, 1000: 5} {
		if k, err := b.SeedsFor(budget); err != nil || k != want {
			t.Errorf("SeedsFor(%v): got=%v, %v, want=%v", budget, k, err, want)
		}
	}
	if _, err := b.SeedsFor(17); err == nil {
		t.Error("SeedsFor below one seed's price: got no error")
	}
	// Random seeds: the mean price over draws is PerSeed + 2·(mean followers)
	// = 10 + 2·5/5 = 12 exactly when all 5 nodes are drawn.
	rsel, _ := ParseSeeds("random:1")
	rb, _ := NewBudget(g, Plan{Groups: []Group{{Seeds: rsel}}, Cost: CostModel{PerSeed: 10, PerFollower: 2}}, 1)
	if c, _ := rb.Cost(5); math.Abs(c-60) > 1e-9 {
		t.Errorf("random Cost(5): got=%v, want=60", c)
	}
	// One seed: 256 draws of a node, followers 4,1,0,0,0 with mean 1, sd 1.55;
	// the mean price 10 + 2·mean is within 2·4·1.55/16 ≈ 0.8 of 12.
	if c, _ := rb.Cost(1); math.Abs(c-12) > 0.8 {
		t.Errorf("random Cost(1): got=%v, want 12 ± 0.8", c)
	}
	for _, p := range []Plan{
		{Groups: []Group{{Seeds: sel}}},
		{Groups: []Group{{Seeds: Selector{Kind: SelectLabels, Labels: []string{"0"}}}}, Cost: CostModel{PerSeed: 1}},
		{Groups: []Group{{Seeds: sel}, {Seeds: sel}}, Cost: CostModel{PerSeed: 1}},
	} {
		if _, err := NewBudget(g, p, 1); err == nil {
			t.Errorf("NewBudget(%+v): got no error", p)
		}
	}
}

func TestRange(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct {
		r    Range
		in   []float64
		out  []float64
		text string
	}{
		{Range{Min: 0, Max: 1}, []float64{0, 0.5, 1}, []float64{-1e-9, 1.000001, math.NaN()}, "0 ≤ x ≤ 1"},
		{Range{Min: 0, Max: 1, MaxOpen: true}, []float64{0, 0.999}, []float64{1}, "0 ≤ x < 1"},
		{Range{Min: 0, Max: inf, MinOpen: true, MaxOpen: true}, []float64{1e-300, 24}, []float64{0, -1, inf}, "x > 0"},
		{Range{Min: 1, Max: inf}, []float64{1, 7}, []float64{0.5}, "x ≥ 1"},
	} {
		for _, x := range tc.in {
			if !tc.r.Contains(x) {
				t.Errorf("%v does not contain %v", tc.r, x)
			}
		}
		for _, x := range tc.out {
			if tc.r.Contains(x) {
				t.Errorf("%v contains %v", tc.r, x)
			}
		}
		if tc.r.String() != tc.text {
			t.Errorf("String: got=%q, want=%q", tc.r.String(), tc.text)
		}
	}
	sir, _ := LookupModel("sir")
	if sir.Strength.Contains(1) || !sir.Strength.Contains(0.99) {
		t.Errorf("sir strength range %v: want 0 ≤ T < 1", sir.Strength)
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"top-degree", "top-degree", 0},
		{"top-dgree", "top-degree", 1},
		{"kitten", "sitting", 3},
		{"方案", "方向", 1}, // runes, not bytes
		{"flaw", "lawn", 2},
	} {
		if got := EditDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("EditDistance(%q, %q): got=%d, want=%d", tc.a, tc.b, got, tc.want)
		}
	}
}
