package layering

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/ripple-sim/ripple/"

// allowed lists, for each top-level package directory, the directories of
// ours it may import. Anything of ours not listed is a layering violation.
var allowed = map[string][]string{
	"graph":     {},
	"cascades":  {},
	"sim":       {"graph"},
	"calibrate": {"cascades", "sim", "graph"},
	"scenarios": {"sim", "graph"},
	"sweep":     {"sim", "graph", "scenarios", "results"},
	"results":   {"sim", "graph"},
	"influence": {"graph", "sim"},
	"contain":   {"sim", "graph"},
	"cmd":       {"graph", "sim", "scenarios", "results", "sweep", "cascades", "calibrate", "contain", "influence", "internal"},
	"internal":  {"graph", "sim", "scenarios", "results", "sweep", "cascades", "calibrate", "contain", "influence", "internal"},
}

// banned imports, with the reason shown when one is found.
var banned = map[string]string{
	"math/rand": "use math/rand/v2 with an injected source",
}

func TestLayering(t *testing.T) {
	problems, err := check(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestLayeringCatches proves the check can fail: testdata/bad holds a graph
// file that imports sim and math/rand.
func TestLayeringCatches(t *testing.T) {
	problems, err := check(filepath.Join("testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 2 {
		t.Errorf("got=%d problems %q, want=2 (a layering violation and a banned import)", len(problems), problems)
	}
}

// check walks the tree under root and returns every import that breaks the
// layering or is banned.
func check(root string) ([]string, error) {
	var problems []string
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "testdata" || (strings.HasPrefix(name, ".") && path != root) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if why, ok := banned[p]; ok {
				problems = append(problems, fmt.Sprintf("%s imports %s: %s", rel, p, why))
			}
			if !strings.HasPrefix(p, module) {
				continue
			}
			dep := strings.Split(strings.TrimPrefix(p, module), "/")[0]
			if dep == top {
				continue
			}
			ok := false
			for _, a := range allowed[top] {
				ok = ok || a == dep
			}
			if !ok {
				problems = append(problems, fmt.Sprintf("%s imports %s: %s may import only %v", rel, p, top, allowed[top]))
			}
		}
		return nil
	})
	if err == nil && checked == 0 {
		err = fmt.Errorf("no Go files under %s: the walk is broken", root)
	}
	return problems, err
}
