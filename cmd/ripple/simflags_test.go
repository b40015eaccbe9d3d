package main

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/scenarios"
)

// TestModelFlags checks the flags built through sim's registry: defaults
// that follow the model, the forms the help writes, and errors that say
// which flag to change.
func TestModelFlags(t *testing.T) {
	g, w := smallGraph(t), goldenGraph(t)
	jsonOut := func(t *testing.T, args ...string) map[string]any {
		t.Helper()
		out, _, err := ripple(t, context.Background(), append(args, "--format", "json", "--trials", "50")...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	for _, tc := range []struct {
		args []string
		want float64
	}{
		{[]string{"run", "--graph", g, "--model", "watts"}, 1},
		{[]string{"run", "--graph", g, "--model", "complex"}, 1},
		{[]string{"run", "--graph", g}, 0.065},
		{[]string{"run", "--graph", g, "--model", "watts", "--strength", "0.5"}, 0.5},
	} {
		if s, _ := lookup(jsonOut(t, tc.args...), "model.strength"); s != tc.want {
			t.Errorf("%v: strength got=%v, want=%v", tc.args, s, tc.want)
		}
	}
	// --phi as the help writes it.
	if p, _ := lookup(jsonOut(t, "run", "--graph", g, "--model", "watts", "--phi", "uniform:0.1:0.5"), "model.params.phi"); p != "uniform:0.1:0.5" {
		t.Errorf("--phi uniform:0.1:0.5: got phi=%v", p)
	}
	// A weighted graph without trust weighting says its weights are ignored;
	// with trust it does not.
	warns := func(m map[string]any) string { b, _ := json.Marshal(m["warnings"]); return string(b) }
	if s := warns(jsonOut(t, "run", "--graph", w, "--seeds", "大V")); !strings.Contains(s, "weights are ignored") {
		t.Errorf("uniform on a weighted graph: warnings %s lack the ignored weights", s)
	}
	if s := warns(jsonOut(t, "run", "--graph", w, "--seeds", "大V", "--lang", "zh")); !strings.Contains(s, "忽略了网络中的权重") {
		t.Errorf("uniform on a weighted graph, --lang zh: warnings %s lack the Chinese text", s)
	}
	if s := warns(jsonOut(t, "run", "--graph", w, "--seeds", "大V", "--model", "sir")); !strings.Contains(s, "ignored by sir") {
		t.Errorf("sir on a weighted graph: warnings %s lack the ignored weights", s)
	}
	if s := warns(jsonOut(t, "run", "--graph", w, "--seeds", "大V", "--weighting", "trust")); strings.Contains(s, "weights are ignored") {
		t.Errorf("trust on a weighted graph: warnings %s say weights are ignored", s)
	}
	// The weighted cascade's threshold is its own, not the uniform one
	// (which put the built-in demo at "1.65× critical" with P(cascade) = 0).
	m := jsonOut(t, "run", "--graph", g, "--weighting", "wc", "--seeds", "大V")
	if meth, _ := lookup(m, "model.critical.method"); !strings.Contains(meth.(string), "s/in-degree") {
		t.Errorf("wc: critical method %v, want the weighted cascade's", meth)
	}
	if _, ok := lookup(jsonOut(t, "run", "--graph", g, "--model", "lt"), "model.critical"); ok {
		t.Error("lt states an analytic threshold; it has none")
	}

	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"infectious hours 0", []string{"run", "--graph", g, "--model", "sir", "--infectious-hours", "0"}, []string{"--infectious-hours 0", "> 0"}},
		{"phi one bound", []string{"run", "--graph", g, "--model", "watts", "--phi", "uniform:0.1"}, []string{"--phi", "uniform:A:B"}},
		{"bad weighting", []string{"run", "--graph", g, "--weighting", "trsut"}, []string{"--weighting trsut", "uniform, trust or wc"}},
		{"bad delay", []string{"run", "--graph", g, "--delay", "exp:0"}, []string{"--delay exp:0", "> 0"}},
		{"selector typo", []string{"run", "--graph", g, "--seeds", "top-dgree:1"}, []string{"--seeds top-dgree:1: bad seed selector", "did you mean top-degree"}},
		{"empty plan name", []string{"compare", "--graph", g, "--plan", "=大V", "--plan", "b=random:1"}, []string{"--plan", "empty name"}},
		{"plan own strength", []string{"compare", "--graph", g, "--plan", "a=大V | strength=0.2", "--plan", "b=random:1"}, []string{"own strength 0.2", "--strength 0.2"}},
		{"plan unknown key", []string{"compare", "--graph", g, "--plan", "a=大V | budget=3", "--plan", "b=random:1"}, []string{"--plan", "unknown key"}},
		{"unknown model", []string{"run", "--model", "sis"}, []string{"sis", "ic, lt, watts, complex, sir"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ripple(t, context.Background(), tc.args...)
			var u *usageError
			if !errors.As(err, &u) {
				t.Fatalf("%v: got err=%v, want a usage error", tc.args, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// TestSeedsFullWidth runs seeds typed with a Chinese keyboard's comma.
func TestSeedsFullWidth(t *testing.T) {
	g := smallGraph(t)
	out, _, err := ripple(t, context.Background(), "run", "--graph", g, "--seeds", "大V，小王", "--trials", "50", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	if p := m["plan"].(string); !strings.Contains(p, "大V, 小王") {
		t.Errorf("plan %q: want both 大V and 小王", p)
	}
}

// TestComparePlanChannels gives each plan its own launch channel: the two
// plans then differ, where a shared --broadcast would give both the same.
func TestComparePlanChannels(t *testing.T) {
	g := smallGraph(t)
	out, _, err := ripple(t, context.Background(), "compare", "--graph", g, "--trials", "200", "--format", "json", "--strength", "0.1",
		"--plan", "ad=大V | broadcast f=0.5,q=1,name=ad burst,cost=100", "--plan", "plain=大V", "--plans", plansFile(t, "hot=大V|broadcast f=1,q=1,t=1\n"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Plans []struct {
			Name  string  `json:"name"`
			Plan  string  `json:"plan"`
			Cost  float64 `json:"cost"`
			Reach struct {
				Mean float64 `json:"mean"`
			} `json:"reach"`
		} `json:"plans"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Plans) != 3 || !strings.Contains(rep.Plans[0].Plan, "ad burst") || strings.Contains(rep.Plans[1].Plan, "ad burst") || rep.Plans[0].Cost != 100 {
		t.Fatalf("plans: %+v", rep.Plans)
	}
	// q = 1 on everyone at t = 1: the hot-list plan reaches all 8 people.
	if rep.Plans[2].Reach.Mean != 8 || !(rep.Plans[0].Reach.Mean > rep.Plans[1].Reach.Mean) {
		t.Errorf("reach: got %+v, want hot = 8 and ad > plain", rep.Plans)
	}
}

// TestFlagsAndScenariosAgree builds the same model and plan from flags and
// from a scenario file: both go through sim's registry and plan language,
// so the values are equal.
func TestFlagsAndScenariosAgree(t *testing.T) {
	for _, tc := range []struct {
		flags modelFlags
		yaml  string
	}{
		{modelFlags{model: "ic", weighting: "trust", delay: "exp:3", strength: 0.2}, `{name: ic, strength: 0.2, params: {weighting: trust, delay: "exp:3"}}`},
		{modelFlags{model: "watts", phi: "uniform:0.1:0.3", strength: 1}, `{name: watts, params: {phi: "uniform:0.1:0.3"}}`},
		{modelFlags{model: "complex", k: 3, strength: 0.5}, `{name: complex, strength: 0.5, params: {k: 3}}`},
		{modelFlags{model: "sir", infPeriod: 12, strength: 0.3}, `{name: sir, strength: 0.3, params: {infectious_hours: 12}}`},
	} {
		fromFlags, err := tc.flags.build(tc.flags.strength)
		if err != nil {
			t.Fatal(err)
		}
		s, err := scenarios.Parse(strings.NewReader("model: "+tc.yaml+"\nplans: [{spec: \"a=top-degree:1;random:3@2 | broadcast f=0.1,q=0.2 | cost-per-seed=5\"}]\n"), "t.yaml")
		if err != nil {
			t.Fatal(err)
		}
		points, err := s.Expand()
		if err != nil {
			t.Fatal(err)
		}
		su, err := points[0].Setup()
		if err != nil {
			t.Fatal(err)
		}
		if su.Models[0] != fromFlags {
			t.Errorf("%s: flags give %+v, the scenario %+v", tc.flags.model, fromFlags, su.Models[0])
		}
		pf := planFlags{perSeed: 5, broadcasts: []string{"f=0.1,q=0.2"}}
		p, err := pf.plan("a", "top-degree:1;random:3@2")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(p, su.Plans[0]) {
			t.Errorf("plan: flags give %+v, the scenario %+v", p, su.Plans[0])
		}
	}
}
