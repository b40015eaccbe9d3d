package scenarios

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// mustParse parses and validates a scenario text.
func mustParse(t *testing.T, text string) *Scenario {
	t.Helper()
	s, err := Parse(strings.NewReader(text), "test.yaml")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	return s
}

// TestExamples parses, validates and runs every example at small scale
// through the library (20 trials a point; in -short mode the first two
// points of each).
func TestExamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("examples", "*.yaml"))
	if err != nil || len(files) < 6 {
		t.Fatalf("examples: got %d files (%v), want the six studies", len(files), err)
	}
	graphs := map[string]*builtGraph{}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(text), "# ") || !strings.Contains(string(text), "Asks:") {
				t.Errorf("%s does not open with a comment saying what it asks", f)
			}
			s, err := Load(f)
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
			if testing.Short() {
				points = points[:min(2, len(points))]
			}
			for _, p := range points {
				p.Scenario.Trials = 20
				key := p.Scenario.Graph.Key()
				bg := graphs[key]
				if bg == nil {
					g, member, err := p.Scenario.Graph.Build(filepath.Dir(f))
					if err != nil {
						t.Fatal(err)
					}
					bg = &builtGraph{g, member}
					graphs[key] = bg
				}
				res, err := RunPoint(context.Background(), p, bg.g, RunOptions{Communities: bg.member})
				if err != nil {
					t.Fatalf("point %s (%s): %v", p.ID, p.Label(), err)
				}
				if len(res.Summaries) != len(s.Plans) {
					t.Fatalf("point %s: %d summaries for %d plans", p.ID, len(res.Summaries), len(s.Plans))
				}
				for i, sum := range res.Summaries {
					if sum.Trials != 20 || !(sum.Reach.Mean >= 1) {
						t.Errorf("point %s plan %d: trials=%d reach=%v, want 20 trials reaching at least the seeds", p.ID, i, sum.Trials, sum.Reach.Mean)
					}
				}
			}
		})
	}
}

type builtGraph struct {
	g      *graph.CSR
	member []int
}

const base = `# a small study
graph:
  generator: gnp
  params: {n: 300, p: 0.02}
model:
  name: ic
  strength: 0.1
plans:
  - name: kol
    seeds: top-degree:1
  - name: kocs
    seeds: random:5
trials: 200
seed: 9
sweep:
  - param: model.strength
    values: [0.05, 0.1, 0.15]
  - param: behaviours.zombies
    values: [0, 0.2]
`

// ids returns each point's settings label with its id and seed.
func ids(t *testing.T, text string) map[string][2]any {
	t.Helper()
	s := mustParse(t, text)
	points, err := s.Expand()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][2]any{}
	for _, p := range points {
		// Key by the settings in a fixed order, so that reordered axes
		// compare.
		parts := make([]string, len(p.Settings))
		for i, st := range p.Settings {
			parts[i] = st.Param + "=" + st.Value
		}
		slices.Sort(parts)
		out[strings.Join(parts, ",")] = [2]any{p.ID, p.Seed}
	}
	return out
}

// TestStableIDs edits and reorders a file and checks that no point that was
// not edited changes its id or seed.
func TestStableIDs(t *testing.T) {
	orig := ids(t, base)
	if len(orig) != 6 {
		t.Fatalf("got %d points, want 3×2", len(orig))
	}
	same := func(name string, got map[string][2]any, changed ...string) {
		t.Helper()
		for k, v := range orig {
			w, ok := got[k]
			switch {
			case slices.Contains(changed, k):
				if ok && w == v {
					t.Errorf("%s: point %s kept id/seed %v though it was edited", name, k, v)
				}
			case !ok:
				t.Errorf("%s: point %s is gone", name, k)
			case w != v:
				t.Errorf("%s: point %s changed: got=%v, want=%v", name, k, w, v)
			}
		}
	}
	swapAxes := strings.Replace(base, `  - param: model.strength
    values: [0.05, 0.1, 0.15]
  - param: behaviours.zombies
    values: [0, 0.2]
`, `  - param: behaviours.zombies
    values: [0.2, 0]
  - param: model.strength
    values: [0.15, 0.05, 0.1]
`, 1)
	same("axes and values reordered", ids(t, swapAxes))
	swapPlans := strings.Replace(base, `  - name: kol
    seeds: top-degree:1
  - name: kocs
    seeds: random:5
`, `  - name: kocs
    seeds: random:5
  - name: kol
    seeds: top-degree:1
`, 1)
	same("plans reordered", ids(t, swapPlans))
	same("a value added", ids(t, strings.Replace(base, "[0.05, 0.1, 0.15]", "[0.05, 0.1, 0.15, 0.2]", 1)))
	same("a comment and the name edited", ids(t, strings.Replace(base, "# a small study", "# a small study\nname: renamed\nabout: x", 1)))
	same("one value edited", ids(t, strings.Replace(base, "[0.05, 0.1, 0.15]", "[0.05, 0.1, 0.16]", 1)),
		"behaviours.zombies=0,model.strength=0.15", "behaviours.zombies=0.2,model.strength=0.15")
	// Writing a default out changes nothing: strength omitted vs given (ic's
	// default, 0.065), on a sweep that does not set the strength itself;
	// another strength does change every point.
	fixed := strings.Replace(base, "  - param: model.strength\n    values: [0.05, 0.1, 0.15]\n", "", 1)
	a := ids(t, strings.Replace(fixed, "  strength: 0.1\n", "", 1))
	b := ids(t, strings.Replace(fixed, "  strength: 0.1\n", "  strength: 0.065\n", 1))
	other := ids(t, fixed)
	if len(a) != 2 || len(b) != 2 || len(other) != 2 {
		t.Fatalf("got %d, %d and %d points, want 2 (the strength axis removed)", len(a), len(b), len(other))
	}
	for k := range a {
		if a[k] != b[k] {
			t.Errorf("default strength written out changes point %s: got=%v, want=%v", k, b[k], a[k])
		}
		if other[k] == a[k] {
			t.Errorf("strength 0.1 and the default give point %s the same id and seed %v", k, a[k])
		}
	}
	// A new master seed changes every point's seed, not its id.
	reseeded := ids(t, strings.Replace(base, "seed: 9", "seed: 10", 1))
	for k, v := range orig {
		if reseeded[k][0] != v[0] || reseeded[k][1] == v[1] {
			t.Errorf("master seed: point %s got=%v, want the same id and a new seed (was %v)", k, reseeded[k], v)
		}
	}
}

// TestExpandOrderAndZip checks the declared order (first axis slowest) and
// zipped axes moving together.
func TestExpandOrderAndZip(t *testing.T) {
	s := mustParse(t, strings.Replace(base, `  - param: behaviours.zombies
    values: [0, 0.2]
`, `  - zip:
      - {param: behaviours.decay, values: [0.9, 0.8]}
      - {param: plans.kocs.seeds, values: ["random:5", "random:10"]}
  - param: trials
    from: 100
    to: 300
    steps: 3
`, 1))
	points, err := s.Expand()
	if err != nil {
		t.Fatal(err)
	}
	if len(points) != 3*2*3 {
		t.Fatalf("got %d points, want 18", len(points))
	}
	want := []string{
		"model.strength=0.05, behaviours.decay=0.9, plans.kocs.seeds=random:5, trials=100",
		"model.strength=0.05, behaviours.decay=0.9, plans.kocs.seeds=random:5, trials=200",
	}
	for i, w := range want {
		if got := points[i].Label(); got != w {
			t.Errorf("point %d: got=%q, want=%q", i, got, w)
		}
	}
	p := points[3] // strength 0.05, second zip row, trials 100
	if p.Scenario.Behaviours.Decay != 0.8 || p.Scenario.Plans[1].Seeds != "random:10" || p.Scenario.Trials != 100 {
		t.Errorf("point 3: got decay=%v seeds=%q trials=%d, want the second zip row", p.Scenario.Behaviours.Decay, p.Scenario.Plans[1].Seeds, p.Scenario.Trials)
	}
	if s.Trials != 200 || s.Behaviours.Decay != 0 {
		t.Error("expansion changed the base scenario")
	}
}

// TestProblems checks that Validate reports every problem at once, each
// with file, line and field.
func TestProblems(t *testing.T) {
	text := `graph:
  generator: gnp
  params: {n: 300, pp: 0.02}
model:
  name: ic
  strength: 1.5
  params: {weighting: trsut}
behaviours:
  zombies: 0.7x
plans:
  - name: kol
    seeds: top-dgree:1
  - name: kol
    seeds: random:5
    channels:
      - {f: 2, q: 0.5}
threshold: 0
trials: 0
output:
  formats: [png, xlsx]
sweep:
  - param: model.strenght.x
    values: [1]
  - zip:
      - {param: trials, values: [1, 2]}
      - {param: threshold, values: [0.1]}
`
	s, err := Parse(strings.NewReader(text), "bad.yaml")
	if err != nil {
		t.Fatal(err)
	}
	err = s.Validate()
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("got %v, want Problems", err)
	}
	want := []struct {
		line  int
		field string
		is    error
	}{
		{3, "graph.params.pp", ErrUnknownField},
		{6, "model.strength", ErrOutOfRange},
		{7, "model.params.weighting", ErrBadValue},
		{9, "behaviours.zombies", ErrOutOfRange},
		{12, "plans.0.seeds", ErrBadValue},
		{23, "model.strenght.x", ErrUnknownField},
		{13, "plans.1.name", ErrBadValue},
		{16, "plans.1.channels.0.f", ErrOutOfRange},
		{17, "threshold", ErrOutOfRange},
		{18, "trials", ErrOutOfRange},
		{20, "output.formats.1", ErrBadValue},
		{26, "sweep.1.zip.1", ErrBadValue},
	}
	for _, w := range want {
		found := false
		for _, p := range ps {
			if p.Line == w.line && p.Field == w.field && errors.Is(p, w.is) && p.File == "bad.yaml" {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem at line %d field %s (%v); got:\n%v", w.line, w.field, w.is, err)
		}
	}
	if !strings.Contains(err.Error(), "bad.yaml:12: plans.0.seeds = top-dgree:1") || !strings.Contains(err.Error(), "did you mean top-degree") {
		t.Errorf("message lacks file:line: field = value and the suggestion:\n%v", err)
	}
}

// TestStrictParse checks that unknown and misspelt keys are errors with
// their line and path, all at once.
func TestStrictParse(t *testing.T) {
	_, err := Parse(strings.NewReader("model:\n  name: ic\n  strenght: 0.1\nplans:\n  - name: a\n    seed: random:1\ntrails: 5\n"), "typo.yaml")
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 3 {
		t.Fatalf("got %v, want three problems", err)
	}
	for i, w := range []struct {
		line        int
		field, hint string
	}{{3, "model.strenght", "strength"}, {6, "plans.a.seed", "seeds"}, {7, "trails", "trials"}} {
		if ps[i].Line != w.line || ps[i].Field != w.field || !errors.Is(ps[i], ErrUnknownField) || !strings.Contains(ps[i].Error(), "did you mean "+w.hint) {
			t.Errorf("problem %d: got %v (line %d field %s), want line %d field %s suggesting %s", i, ps[i], ps[i].Line, ps[i].Field, w.line, w.field, w.hint)
		}
	}
	for _, tc := range []struct{ text, want string }{
		{"trials: many\n", "test.yaml:1"},
		{"model: [ic\n", "test.yaml:"},
		{"", "empty"},
		{strings.Repeat("#", MaxFileSize+1), "larger than"},
	} {
		if _, err := Parse(strings.NewReader(tc.text), "test.yaml"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%.20q): got %v, want an error saying %q", tc.text, err, tc.want)
		}
	}
}

// TestSetupAndCommonRandomNumbers checks that a point becomes the sim
// values it says, that a plan's own strength gets its own model, and that
// plans of one point meet the same random worlds: two plans with the same
// seeds give the same numbers, even when one runs apart for its strength.
func TestSetupAndCommonRandomNumbers(t *testing.T) {
	s := mustParse(t, `graph: {generator: gnp, params: {n: 400, p: 0.01}, seed: 3}
model: {name: ic, strength: 0.2}
plans:
  - {name: a, seeds: "random:3", cost_per_seed: 5}
  - {name: b, seeds: "random:3"}
  - {name: c, seeds: "random:3", strength: 0.2}
  - {name: d, seeds: "random:3", strength: 0.3}
trials: 300
seed: 4
threshold: 0.1
`)
	points, err := s.Expand()
	if err != nil {
		t.Fatal(err)
	}
	p := points[0]
	su, err := p.Setup()
	if err != nil {
		t.Fatal(err)
	}
	if su.Config.Seed != p.Seed || su.Config.Trials != 300 || su.Config.Theta != 0.1 || su.Plans[0].Cost.PerSeed != 5 {
		t.Errorf("setup: got %+v", su.Config)
	}
	if !slices.Equal(su.Strengths, []float64{0.2, 0.2, 0.2, 0.3}) {
		t.Errorf("strengths: got=%v", su.Strengths)
	}
	g, _, err := s.Graph.Build(".")
	if err != nil {
		t.Fatal(err)
	}
	res, err := RunPoint(context.Background(), p, g, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Summaries
	if r[0].Reach != r[1].Reach || r[1].Reach != r[2].Reach {
		t.Errorf("same plans differ: %v %v %v", r[0].Reach, r[1].Reach, r[2].Reach)
	}
	if len(res.Paired) != 2 {
		t.Errorf("got %d paired runs, want 2 (strength 0.2, strength 0.3)", len(res.Paired))
	}
	// A larger strength on the same worlds reaches more on average.
	if !(r[3].Reach.Mean > r[0].Reach.Mean) {
		t.Errorf("strength 0.3 reached %v, 0.2 reached %v", r[3].Reach.Mean, r[0].Reach.Mean)
	}
}

// TestSweepGraphAndModel sweeps whole blocks — the graph and the model —
// and checks that a point runs the same on any number of workers.
func TestSweepGraphAndModel(t *testing.T) {
	s := mustParse(t, `graph: {generator: gnp, params: {n: 300, p: 0.02}}
model: {name: ic, strength: 0.3}
plans: [{name: a, seeds: "random:2"}]
trials: 300
sweep:
  - param: graph
    values:
      - {generator: gnp, params: {n: 300, p: 0.02}}
      - {generator: ba, params: {n: 300, m: 2}, seed: 4}
  - zip:
      - {param: model.name, values: [ic, complex]}
      - {param: model.params, values: [{weighting: wc}, {k: 1}]}
`)
	points, err := s.Expand()
	if err != nil {
		t.Fatal(err)
	}
	if len(points) != 4 || points[2].Scenario.Graph.Generator != "ba" || points[3].Scenario.Model.Name != "complex" {
		t.Fatalf("points: %d, third graph %q, fourth model %q", len(points), points[2].Scenario.Graph.Generator, points[3].Scenario.Model.Name)
	}
	su, err := points[3].Setup()
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := su.Models[0].(sim.Complex); !ok || m.K != 1 || m.Strength != 0.3 {
		t.Errorf("fourth point's model: got %+v", su.Models[0])
	}
	g, _, err := points[2].Scenario.Graph.Build(".")
	if err != nil {
		t.Fatal(err)
	}
	var runs []*PointResult
	for _, w := range []int{1, 3} {
		p := *points[2]
		sc := *p.Scenario
		p.Scenario = &sc
		res, err := RunPoint(context.Background(), &p, g, RunOptions{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, res)
	}
	if !reflect.DeepEqual(runs[0].Summaries, runs[1].Summaries) {
		t.Errorf("workers 1 and 3 differ:\n%+v\n%+v", runs[0].Summaries, runs[1].Summaries)
	}
	// A bad combination is reported at the value that made it.
	bad, err := Parse(strings.NewReader(`plans: [{name: a, seeds: "random:2"}]
sweep:
  - {param: model.name, values: [ic, watts]}
  - {param: model.params, values: [{weighting: wc}]}
`), "combo.yaml")
	if err != nil {
		t.Fatal(err)
	}
	err = bad.Validate()
	if err == nil || !strings.Contains(err.Error(), "combo.yaml:4: model.params.weighting") || !strings.Contains(err.Error(), "its parameters: phi") {
		t.Errorf("got %v, want watts's unknown weighting at line 4", err)
	}
}

// TestZombieFileRelative reads a zombie label file next to the scenario
// file, wherever the scenario is loaded from.
func TestZombieFileRelative(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("zombies.txt", "1\n2\n3\n")
	write("s.yaml", `graph: {generator: gnp, params: {n: 50, p: 0.1}}
behaviours: {zombies: "@zombies.txt"}
plans: [{name: a, seeds: "0"}]
trials: 10
`)
	s, err := Load(filepath.Join(dir, "s.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	points, err := s.Expand()
	if err != nil {
		t.Fatal(err)
	}
	g, _, err := s.Graph.Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	var read string
	_, err = RunPoint(context.Background(), points[0], g, RunOptions{ReadLabels: func(p string) ([]string, error) {
		read = p
		b, err := os.ReadFile(p)
		return strings.Fields(string(b)), err
	}})
	if err != nil || read != filepath.Join(dir, "zombies.txt") {
		t.Errorf("got err=%v, read %q, want %s", err, read, filepath.Join(dir, "zombies.txt"))
	}
}

// TestPreflight finds what only the graph can tell, for every point, before
// any trial.
func TestPreflight(t *testing.T) {
	s := mustParse(t, `graph: {generator: gnp, params: {n: 50, p: 0.1}}
plans:
  - {name: a, seeds: "random:5"}
  - {name: b, seeds: "0,nobody"}
trials: 10
sweep:
  - {param: plans.a.seeds, values: ["random:5", "random:60"]}
`)
	points, err := s.Expand()
	if err != nil {
		t.Fatal(err)
	}
	err = Preflight(points, func(g Graph) (*graph.CSR, []int, error) { return g.Build(".") }, nil)
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 3 {
		t.Fatalf("got %v, want 3 problems (b in both points, a's 60 seeds in one)", err)
	}
	if !strings.Contains(err.Error(), "plans.b") || !strings.Contains(err.Error(), "nobody") || !strings.Contains(err.Error(), "plans.a = plans.a.seeds=random:60") {
		t.Errorf("problems do not name the plans, points and causes:\n%v", err)
	}
}
