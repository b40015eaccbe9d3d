package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

func TestParseSeeds(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Selector
		err  string
	}{
		{"a,b,c", Selector{Kind: SelectLabels, Labels: []string{"a", "b", "c"}}, ""},
		{" 李雷 , 韩梅梅 ", Selector{Kind: SelectLabels, Labels: []string{"李雷", "韩梅梅"}}, ""},
		{`Smith\, J.,x\\y`, Selector{Kind: SelectLabels, Labels: []string{"Smith, J.", `x\y`}}, ""},
		{"labels:random:5", Selector{Kind: SelectLabels, Labels: []string{"random:5"}}, ""},
		{"http://x", Selector{Kind: SelectLabels, Labels: []string{"http://x"}}, ""},
		{"random", Selector{Kind: SelectLabels, Labels: []string{"random"}}, ""},
		{"random:5", Selector{Kind: SelectRandom, K: 5}, ""},
		{"top-degree:3", Selector{Kind: SelectTopDegree, K: 3}, ""},
		{"top-indegree:2", Selector{Kind: SelectTopInDegree, K: 2}, ""},
		{"top-pagerank:4", Selector{Kind: SelectTopPageRank, K: 4}, ""},
		{"band:10:5-50", Selector{Kind: SelectBand, K: 10, Min: 5, Max: 50}, ""},
		{"community:3", Selector{Kind: SelectCommunity, K: 3}, ""},
		{"", Selector{}, "empty seed selector"},
		{"random:0", Selector{}, `K="0"`},
		{"random:x", Selector{}, `K="x"`},
		{"top-degree:-1", Selector{}, `K="-1"`},
		{"band:3:50-5", Selector{}, `band "50-5"`},
		{"band:3", Selector{}, "band:K:MIN-MAX"},
		{"a,,b", Selector{}, "empty label"},
		{`a\b`, Selector{}, "backslash"},
	} {
		got, err := ParseSeeds(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseSeeds(%q): got=%v, want error with %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got.Kind != tc.want.Kind || got.K != tc.want.K || !slices.Equal(got.Labels, tc.want.Labels) ||
			got.Min != tc.want.Min || got.Max != tc.want.Max {
			t.Errorf("ParseSeeds(%q): got=%+v %v, want=%+v", tc.in, got, err, tc.want)
		}
		back, err := ParseSeeds(got.String())
		if err != nil || back.String() != got.String() || !slices.Equal(back.Labels, got.Labels) {
			t.Errorf("ParseSeeds(%q).String() = %q does not parse back: %+v %v", tc.in, got.String(), back, err)
		}
	}
}

// planGraph is a small named graph: a KOL followed by five, two KOCs
// followed by two each, three fans followed by a lurker.
func planGraph(t *testing.T) *graph.CSR {
	t.Helper()
	b := graph.NewBuilder(graph.Options{})
	for _, s := range []string{"kol", "koc1", "koc2", "fan1", "fan2", "fan3", "Lurker"} {
		b.AddNode(s)
	}
	for _, a := range [][2]uint32{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {1, 3}, {1, 4}, {2, 3}, {2, 5}, {3, 6}, {4, 6}, {5, 6}} {
		b.AddEdge(a[0], a[1])
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func mustSel(t *testing.T, s string) Selector {
	t.Helper()
	sel, err := ParseSeeds(s)
	if err != nil {
		t.Fatal(err)
	}
	return sel
}

func TestPlanSelectors(t *testing.T) {
	g := planGraph(t)
	// Out-degrees: kol 5, koc1 2, koc2 2, fan1..3 1, Lurker 0. In-degrees:
	// kol 0, koc1 1, koc2 1, fan1 3, fan2 2, fan3 2, Lurker 3.
	for _, tc := range []struct {
		spec string
		want []string
	}{
		{"fan2,kol", []string{"fan2", "kol"}},
		{"top-degree:3", []string{"kol", "koc1", "koc2"}},
		{"top-degree:4", []string{"kol", "koc1", "koc2", "fan1"}},
		{"top-indegree:2", []string{"fan1", "Lurker"}},
		{"top-pagerank:2", []string{"Lurker", "fan3"}},
		{"community:2", []string{"fan1", "kol"}}, // sizes tie: smaller community id first
	} {
		p := Plan{
			Groups:      []Group{{Seeds: mustSel(t, tc.spec)}},
			PageRank:    []float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.3},
			Communities: []int{7, 7, 7, 3, 3, 3, 9},
		}
		b, err := p.Bind(g)
		if err != nil {
			t.Fatalf("%s: %v", tc.spec, err)
		}
		st, _ := b.Starts(nil, rand.New(rand.NewPCG(1, 2)), 1)
		var got []string
		for _, s := range st {
			got = append(got, g.Label(s.Node))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got=%v, want=%v", tc.spec, got, tc.want)
		}
	}
}

func TestPlanBindErrors(t *testing.T) {
	g := planGraph(t)
	grp := func(s string) []Group { return []Group{{Seeds: mustSel(t, s)}} }
	for _, tc := range []struct {
		name string
		p    Plan
		want string
	}{
		{"empty", Plan{Name: "x"}, `plan "x": no seeds`},
		{"unknown labels", Plan{Groups: grp("kol,fann1,KOC2,lurk,zzz,yyy")},
			`5 unknown node labels "fann1" (did you mean "fan1"?); "KOC2" (did you mean "koc2" or "koc1"?); "lurk" (did you mean "Lurker"?); and 2 more`},
		{"duplicate label", Plan{Groups: grp("kol,kol")}, `"kol" listed twice`},
		{"K too large", Plan{Groups: grp("random:8")}, "K=8 is larger than the graph (7 nodes)"},
		{"top K too large", Plan{Groups: grp("top-degree:9")}, "K=9 is larger"},
		{"band too narrow", Plan{Groups: grp("band:3:2-3")}, "only 2 nodes have 2 to 3 followers, fewer than K=3"},
		{"communities", Plan{Groups: grp("community:3"), Communities: []int{1, 1, 1, 2, 2, 2, 2}}, "more communities than the graph has (2)"},
		{"bad time", Plan{Groups: []Group{{Seeds: mustSel(t, "kol"), Time: -1}}}, "bad start time -1"},
		{"bad cost", Plan{Groups: grp("kol"), Cost: CostModel{PerSeed: -5}}, "per seed: -5"},
		{"bad channel", Plan{Channels: []Channel{{Name: "ad", Fraction: 1.5}}}, "channel 1 (ad): bad reach fraction f=1.5"},
		{"bad conversion", Plan{Channels: []Channel{{Fraction: 0.5, Convert: -1}}}, "q=-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.p.Bind(g)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got=%v, want error with %q", err, tc.want)
			}
		})
	}
}

func TestPlanTimesAndCost(t *testing.T) {
	g := planGraph(t)
	p := Plan{
		Name: "launch",
		Groups: []Group{
			{Seeds: mustSel(t, "fan1"), Time: 2},
			{Seeds: mustSel(t, "top-degree:2"), Time: 0, Cost: 7},
			{Seeds: mustSel(t, "random:2"), Time: 1},
		},
		Channels: []Channel{{Name: "hot list", Time: 1, Fraction: 1, Convert: 0, Cost: 1000}},
		Cost:     CostModel{PerSeed: 100, PerFollower: 0.5},
	}
	b, err := p.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	// Fixed: fan1 100+0.5, kol 100+2.5, koc1 100+1, fee 7, random 2×100, ad 1000.
	const fixed = 100.5 + 102.5 + 101 + 7 + 200 + 1000
	if b.Cost() != fixed {
		t.Errorf("fixed cost: got=%v, want=%v", b.Cost(), fixed)
	}
	st, cost := b.Starts(nil, rand.New(rand.NewPCG(1, 2)), 3)
	if len(st) != 1+2+2+7 {
		t.Fatalf("got %d starts, want 12: %v", len(st), st)
	}
	if !slices.IsSortedFunc(st, func(a, b Start) int { return int(a.Time - b.Time) }) {
		t.Errorf("starts not sorted by time: %v", st)
	}
	want := fixed
	for _, s := range st[2:4] { // the random group, right after t=0's two
		want += 0.5 * float64(g.Out.Degree(s.Node))
	}
	if cost != want {
		t.Errorf("trial cost: got=%v, want=%v", cost, want)
	}
	for _, s := range st[4:11] {
		if s.Time != 1 || s.Active {
			t.Errorf("hot-list start %v: want time 1, exposed only (q=0)", s)
		}
	}
	d := b.Describe()
	for _, w := range []string{"launch", "top-degree:2 = kol, koc1, cost 210.5", "hot list", "f=1 q=0", "random:2", "2 drawn per trial"} {
		if !strings.Contains(d, w) {
			t.Errorf("Describe() = %q, want it to contain %q", d, w)
		}
	}
}

// TestRandomSeedsUniform checks random:K and band selectors: each trial's K
// seeds are distinct and every node is drawn equally often. Over T trials a
// node is drawn Binomial(T, p = K/N) times; X = Σ (O−E)²/(T·p·(1−p)) has
// mean N (the counts are negatively correlated, so X behaves like χ² with
// N−1 degrees of freedom times N/(N−1)); we fail above N + 6·√(2N), a false
// alarm rate below 1e-6. Both membership tests of Floyd's algorithm (scan
// for K ≤ 64, bitmap above) are covered.
func TestRandomSeedsUniform(t *testing.T) {
	for _, tc := range []struct {
		n, k, trials int
		band         bool
	}{{20, 5, 20000, false}, {300, 100, 3000, false}, {50, 10, 10000, true}} {
		deg := make([]int, tc.n)
		arcs := [][2]uint32{}
		cand := map[uint32]bool{}
		for v := range tc.n {
			// Node v has v%4 followers; the band 1-2 keeps half of them.
			for j := range v % 4 {
				arcs = append(arcs, [2]uint32{uint32(v), uint32((v + j + 1) % tc.n)})
			}
			deg[v] = v % 4
			if !tc.band || deg[v] == 1 || deg[v] == 2 {
				cand[uint32(v)] = true
			}
		}
		g := buildGraph(t, tc.n, arcs, nil, false)
		sel := Selector{Kind: SelectRandom, K: tc.k}
		if tc.band {
			sel = Selector{Kind: SelectBand, K: tc.k, Min: 1, Max: 2}
		}
		b, err := Plan{Groups: []Group{{Seeds: sel}}}.Bind(g)
		if err != nil {
			t.Fatal(err)
		}
		counts := make([]float64, tc.n)
		rnd := rand.New(rand.NewPCG(3, 4))
		var dst []Start
		for i := range tc.trials {
			dst, _ = b.Starts(dst[:0], rnd, uint64(i))
			seen := map[uint32]bool{}
			for _, s := range dst {
				if seen[s.Node] || !cand[s.Node] {
					t.Fatalf("%v trial %d: got %v, want distinct candidates", sel, i, dst)
				}
				seen[s.Node] = true
				counts[s.Node]++
			}
			if len(dst) != tc.k {
				t.Fatalf("%v: got %d seeds, want %d", sel, len(dst), tc.k)
			}
		}
		nc := float64(len(cand))
		p := float64(tc.k) / nc
		e := float64(tc.trials) * p
		x := 0.0
		for v, c := range counts {
			if cand[uint32(v)] {
				x += (c - e) * (c - e) / (e * (1 - p))
			}
		}
		if lim := nc + 6*math.Sqrt(2*nc); x > lim {
			t.Errorf("%v: uniformity statistic got=%.1f, want ≤ %.1f (mean %v)", sel, x, lim, nc)
		}
	}
}

// TestBroadcast checks a channel's audience: over n users with reach
// fraction f, the exposures of a trial are Binomial(n, f) (mean n·f,
// variance n·f·(1−f)) and a fraction q of them convert. 2000 trials: the
// mean within 5 standard errors, the sample variance within 20% (its
// relative sd is √(2/T) ≈ 3%), conversions within 5 se; the audience is
// sorted and distinct, spread evenly over ids (first vs second half within
// 5 se), and the same key gives the same audience.
func TestBroadcast(t *testing.T) {
	const n, f, q, trials = 10000, 0.03, 0.2, 2000
	g := buildGraph(t, n, nil, nil, false)
	b, err := Plan{Channels: []Channel{{Fraction: f, Convert: q}}}.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	var dst []Start
	sum, sq, conv, low := 0.0, 0.0, 0.0, 0.0
	for i := range trials {
		dst, _ = b.Starts(dst[:0], nil, TrialKey(1, uint64(i)))
		c := float64(len(dst))
		sum += c
		sq += c * c
		for j, s := range dst {
			if j > 0 && s.Node <= dst[j-1].Node {
				t.Fatalf("trial %d: audience not sorted and distinct", i)
			}
			if s.Active {
				conv++
			}
			if s.Node < n/2 {
				low++
			}
		}
	}
	mean := sum / trials
	variance := sq/trials - mean*mean
	checkMean(t, "exposures per trial", mean, n*f, math.Sqrt(n*f*(1-f)), trials)
	if r := variance / (n * f * (1 - f)); math.Abs(r-1) > 0.2 {
		t.Errorf("variance of exposures: got=%.1f, want=%.1f ± 20%%", variance, n*f*(1-f))
	}
	checkProb(t, "conversion", conv/sum, q, int(sum))
	checkProb(t, "audience in the first half of ids", low/sum, 0.5, int(sum))
	a, _ := b.Starts(nil, nil, TrialKey(1, 5))
	c, _ := b.Starts(nil, nil, TrialKey(1, 5))
	if !slices.Equal(a, c) {
		t.Errorf("same key, different audiences")
	}
}

// TestStartsDoNotAllocate: once dst has grown, a trial's starts cost no
// allocation, for every kind of group and for channels.
func TestStartsDoNotAllocate(t *testing.T) {
	g := gnpForTest(t, 2000, 5.0/2000, true, 3)
	b, err := Plan{
		Groups: []Group{
			{Seeds: mustSel(t, "random:5")}, {Seeds: mustSel(t, "random:200"), Time: 1},
			{Seeds: mustSel(t, "band:10:3-6")}, {Seeds: mustSel(t, "top-degree:10")},
		},
		Channels: []Channel{{Fraction: 0.05, Convert: 0.1}},
		Cost:     CostModel{PerSeed: 1, PerFollower: 1},
	}.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(1, 1))
	dst := make([]Start, 0, 1024)
	i := uint64(0)
	allocs := testing.AllocsPerRun(100, func() {
		dst, _ = b.Starts(dst[:0], rnd, i)
		i++
	})
	if allocs != 0 {
		t.Errorf("got=%v allocations per trial, want=0", allocs)
	}
}

// TestPlanComputedRanks binds top-pagerank:K and community:K without
// supplied ranks or communities, on two 5-cliques joined by the arc 4→5
// plus a sink that every clique node points to. PageRank ranks sources (it
// runs on the reversed graph): node 4, whose content also reaches the second
// clique, comes first and the sink, which passes nothing on, last; Louvain
// finds the two cliques.
func TestPlanComputedRanks(t *testing.T) {
	var arcs [][2]uint32
	for c := range uint32(2) {
		for u := range uint32(5) {
			for v := range uint32(5) {
				if u != v {
					arcs = append(arcs, [2]uint32{5*c + u, 5*c + v})
				}
			}
		}
	}
	arcs = append(arcs, [2]uint32{4, 5})
	for u := range uint32(10) {
		arcs = append(arcs, [2]uint32{u, 10})
	}
	g := buildGraph(t, 11, arcs, nil, false)
	b, err := Plan{Groups: []Group{{Seeds: mustSel(t, "top-pagerank:1")}, {Seeds: mustSel(t, "community:2")}}}.Bind(g)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := b.Starts(nil, nil, 0)
	if len(st) != 3 || st[0].Node != 4 {
		t.Fatalf("got=%v, want the bridge 4 first, then one node per clique", st)
	}
	if a, c := st[1].Node/5, st[2].Node/5; a == c || a > 1 || c > 1 {
		t.Errorf("community:2 got=%v, want one top node from each of two communities", st[1:])
	}
}

// FuzzParseSeeds: any selector that parses prints back to a spec that parses
// to the same selector.
func FuzzParseSeeds(f *testing.F) {
	for _, s := range []string{"a,b", `x\,y`, "random:3", "band:2:1-9", "labels:top-degree:1", "community:4", `\\`, "a:b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		sel, err := ParseSeeds(spec)
		if err != nil {
			return
		}
		back, err := ParseSeeds(sel.String())
		if err != nil || back.String() != sel.String() || back.Kind != sel.Kind || !slices.Equal(back.Labels, sel.Labels) {
			t.Errorf("ParseSeeds(%q) = %+v prints as %q, which parses to %+v, %v", spec, sel, sel.String(), back, err)
		}
	})
}

func TestUnknownIDLabels(t *testing.T) {
	g := pathGraph(t, 4)
	_, err := Plan{Groups: []Group{{Seeds: mustSel(t, "2,9")}}}.Bind(g)
	if want := `1 unknown node label "9" (nodes are named by id, 0 to 3)`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got=%v, want error with %q", err, want)
	}
}

func TestPlanMinStarts(t *testing.T) {
	g := planGraph(t)
	for _, tc := range []struct {
		spec string
		want int
	}{
		{"kol", 1},
		{"kol;kol", 1},                   // the same person twice
		{"top-degree:2;top-degree:1", 2}, // overlapping fixed groups
		{"random:3;kol", 3},              // the random draw may include kol
		{"kol,fan1,fan2;random:2", 3},
	} {
		var groups []Group
		for _, s := range strings.Split(tc.spec, ";") {
			groups = append(groups, Group{Seeds: mustSel(t, s)})
		}
		b, err := Plan{Groups: groups}.Bind(g)
		if err != nil {
			t.Fatal(err)
		}
		if got := b.MinStarts(); got != tc.want {
			t.Errorf("%s: got=%d, want=%d", tc.spec, got, tc.want)
		}
	}
}
