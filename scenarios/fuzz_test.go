package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds the scenario parser arbitrary files (seeded with the
// examples and broken variants): Parse, Validate and Expand may reject
// them but never panic, and a file that validates expands into points with
// ids and valid setups.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("examples", "*.yaml"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{base, "", "plans: [{spec: \"a=random:1\"}]\n", "sweep:\n  - zip: [{param: trials, values: [1]}]\n",
		"graph: {generator: gnp, params: {n: 1e300}}\nplans: [{name: a, seeds: random:1}]\n", "a: &x [*x]\n", "plans: [{name: a}]\nsweep: [{param: plans.a, values: [{}]}]\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := Parse(strings.NewReader(text), "fuzz.yaml")
		if err != nil {
			if strings.Count(err.Error(), "fuzz.yaml") == 0 {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		if err := s.Validate(); err != nil {
			return
		}
		points, err := s.Expand()
		if err != nil {
			t.Fatalf("validated but does not expand: %v", err)
		}
		for _, p := range points {
			if len(p.ID) != 16 {
				t.Errorf("point id %q", p.ID)
			}
			if _, err := p.Setup(); err != nil {
				t.Errorf("validated point %s does not set up: %v", p.Label(), err)
			}
		}
	})
}
