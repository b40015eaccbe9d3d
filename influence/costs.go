package influence

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/graph"
)

// ReadCosts reads a price per node of g from r (named name in errors):
// LABEL,COST lines, comma, tab or spaces between (a label may contain
// spaces: the cost is the last field), blank lines and # comments skipped,
// and a first line whose cost is not a number taken as a header. Nodes not
// listed get +Inf: not for sale. A cost that is not a number, negative or
// infinite, an unknown label, a node priced twice and a file without any
// price are errors naming the file, line and field. Lines are at most 1 MiB.
func ReadCosts(r io.Reader, name string, g *graph.CSR) ([]float64, error) {
	costs := make([]float64, g.N())
	for i := range costs {
		costs[i] = math.Inf(1)
	}
	seen := make(map[uint32]int)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line, listed, first := 0, 0, true
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		var label, cost string
		if i := strings.LastIndexAny(text, ",\t "); i > 0 {
			label, cost = strings.TrimSpace(strings.TrimRight(text[:i], ",\t ")), strings.TrimSpace(text[i+1:])
		}
		if label == "" || cost == "" {
			return nil, fmt.Errorf("%s:%d: want LABEL,COST, got %q", name, line, text)
		}
		x, err := strconv.ParseFloat(cost, 64)
		header := first
		first = false
		if err != nil {
			if header {
				continue // the first line names the columns
			}
			return nil, fmt.Errorf("%s:%d: cost %q is not a number", name, line, cost)
		}
		if !(x >= 0) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%s:%d: cost %v: want a finite number ≥ 0", name, line, x)
		}
		v, ok := g.Labels().ID(label)
		if !ok {
			return nil, fmt.Errorf("%s:%d: node %q is not in the graph", name, line, label)
		}
		if first, dup := seen[v]; dup {
			return nil, fmt.Errorf("%s:%d: node %q priced twice (first on line %d)", name, line, label, first)
		}
		seen[v] = line
		costs[v] = x
		listed++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if listed == 0 {
		return nil, fmt.Errorf("%s: no LABEL,COST lines: costs are missing", name)
	}
	return costs, nil
}
