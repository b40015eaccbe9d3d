package influence

import (
	"math"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/graph"
)

func TestReadCosts(t *testing.T) {
	b := graph.NewBuilder(graph.Options{})
	for _, n := range []string{"a", "b b", "c"} {
		b.AddNode(n)
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	costs, err := ReadCosts(strings.NewReader("# quotes\nnode\tprice\na\t3\nb b, 2.5\n"), "q.tsv", g)
	if err != nil {
		t.Fatal(err)
	}
	if costs[0] != 3 || costs[1] != 2.5 || !math.IsInf(costs[2], 1) {
		t.Errorf("costs=%v, want [3 2.5 +Inf]", costs)
	}
	for _, bad := range []string{"a,1\na,2\n", "a,NaN\n", "a,1\nb b,x\n", "a,+Inf\n"} {
		if _, err := ReadCosts(strings.NewReader(bad), "q", g); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// FuzzReadCosts: any input gives costs or an error naming the file, never
// a panic, and costs are ≥ 0 or +Inf.
func FuzzReadCosts(f *testing.F) {
	for _, s := range []string{"a,1\n", "label,cost\na,2\nb,3\n", "# c\n\na 1\n", "a\t1e3\n", "a,-1\n", ",\n", "a,,1\n", "a,1,2\n"} {
		f.Add(s)
	}
	b := graph.NewBuilder(graph.Options{})
	for _, n := range []string{"a", "b", "c"} {
		b.AddNode(n)
	}
	g, err := b.Build()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		costs, err := ReadCosts(strings.NewReader(s), "f", g)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		for _, c := range costs {
			if !(c >= 0) {
				t.Errorf("cost %v", c)
			}
		}
	})
}
