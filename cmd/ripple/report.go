package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/sim"
)

// num is a float64 that encodes NaN and ±Inf as JSON null, since JSON has no
// such numbers (a branching factor with no sharers, a cost per person when
// nobody was reached).
type num float64

func (x num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

// interval is a 95% interval [lo, hi].
type interval [2]num

func ci(e sim.Estimate) interval { return interval{num(e.Lo), num(e.Hi)} }

// graphJSON identifies the graph of a run.
type graphJSON struct {
	Name     string `json:"name"`
	Nodes    int    `json:"nodes"`
	Edges    int    `json:"edges"`
	Directed bool   `json:"directed"`
	Checksum string `json:"checksum"`
}

func describeGraph(s *sourceGraph) graphJSON {
	return graphJSON{Name: s.name, Nodes: s.g.N(), Edges: s.g.M(), Directed: s.g.Directed(), Checksum: s.g.Checksum()}
}

type estimateJSON struct {
	Mean num      `json:"mean"`
	CI95 interval `json:"ci95"`
}

type reachJSON struct {
	Mean     num      `json:"mean"`
	CI95     interval `json:"ci95"`
	SD       num      `json:"sd"`
	P10      num      `json:"p10"`
	Median   num      `json:"median"`
	P90      num      `json:"p90"`
	P99      num      `json:"p99"`
	Max      num      `json:"max"`
	Fraction num      `json:"fraction"` // mean reach / n
}

type cascadeJSON struct {
	Estimate  num      `json:"estimate"`
	CI95      interval `json:"ci95"`
	Theta     num      `json:"theta"`
	CascadeAt int      `json:"cascade_at"` // reach (people) from which a trial counts as a cascade
}

// outcomeJSON is one plan's outcome: the fields the pinned interface promises
// (reach, p_cascade, verdict) and the rest of the summary.
type outcomeJSON struct {
	Name       string        `json:"name,omitempty"`
	Seeds      string        `json:"seeds"`
	Plan       string        `json:"plan"`
	Reach      reachJSON     `json:"reach"`
	PCascade   cascadeJSON   `json:"p_cascade"`
	Verdict    sim.Verdict   `json:"verdict"`
	Exposures  *estimateJSON `json:"exposures,omitempty"`
	FirstLevel estimateJSON  `json:"first_level"`
	Branching  num           `json:"branching"`
	Cost       num           `json:"cost"`
	CostPer    num           `json:"cost_per_reached"`
	Trials     uint64        `json:"trials"`
}

func outcome(name, seeds string, plan *sim.BoundPlan, s sim.Summary, theta float64) outcomeJSON {
	o := outcomeJSON{
		Name:  name,
		Seeds: seeds,
		Plan:  plan.String(),
		Reach: reachJSON{
			Mean: num(s.Reach.Mean), CI95: ci(s.Reach), SD: num(s.ReachSD),
			P10: num(s.Quantiles.P10), Median: num(s.Quantiles.P50), P90: num(s.Quantiles.P90), P99: num(s.Quantiles.P99),
			Max: num(s.MaxReach), Fraction: num(s.Reach.Mean / float64(max(s.Nodes, 1))),
		},
		PCascade:   cascadeJSON{Estimate: num(s.Cascade.Mean), CI95: ci(s.Cascade), Theta: num(theta), CascadeAt: s.CascadeAt},
		Verdict:    s.Verdict,
		FirstLevel: estimateJSON{num(s.FirstLevel.Mean), ci(s.FirstLevel)},
		Branching:  num(s.Branching),
		Cost:       num(s.MeanCost),
		CostPer:    num(s.CostPerReached),
		Trials:     s.Trials,
	}
	if s.Exposures != nil {
		o.Exposures = &estimateJSON{num(s.Exposures.Mean), ci(*s.Exposures)}
	}
	return o
}

// modelJSON records the model and behaviours a run used.
type modelJSON struct {
	Name     string  `json:"name"`
	Strength float64 `json:"strength"`
	Detail   string  `json:"detail"`
	Critical *struct {
		Strength num    `json:"strength"`
		Method   string `json:"method"`
	} `json:"critical,omitempty"`
}

func describeModel(f *modelFlags, m sim.Model, g *graph.CSR) modelJSON {
	mj := modelJSON{Name: m.Name(), Strength: f.strength, Detail: fmt.Sprintf("%+v", m)}
	if f.model == "ic" || f.model == "sir" {
		if c, err := sim.CriticalStrength(g); err == nil {
			mj.Critical = &struct {
				Strength num    `json:"strength"`
				Method   string `json:"method"`
			}{num(c.Strength), c.Method}
		}
	}
	return mj
}

// meta is what every JSON output carries to be reproducible.
type meta struct {
	Version   string `json:"version"`
	GoVersion string `json:"go_version"`
	Command   string `json:"command"`
}

func newMeta(e *env) meta {
	return meta{Version: buildVersion(), GoVersion: runtime.Version(), Command: strings.TrimSpace("ripple " + strings.Join(e.args, " "))}
}

// timing is the only part of an output that depends on the wall clock.
type timing struct {
	Seconds      num `json:"seconds"`
	TrialsPerSec num `json:"trials_per_second"`
	Workers      int `json:"workers"`
}

// people formats a count of people for a person: 12,345.
func people(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	if math.Abs(x) < 10 && x != math.Trunc(x) {
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	s := strconv.FormatInt(int64(math.Round(math.Abs(x))), 10)
	var b strings.Builder
	if x < 0 && math.Round(x) != 0 {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// verdictText explains a verdict in a strategist's words.
func verdictText(v sim.Verdict) string {
	switch v {
	case sim.Crossed:
		return "crossed the tipping point: most launches spread on their own"
	case sim.NotCrossed:
		return "did not cross the tipping point: most launches fizzle"
	default:
		return "uncertain: too close to call; run more trials or change the plan"
	}
}

// branchingText says how far from critical a plan runs.
func branchingText(b float64) string {
	switch {
	case math.IsNaN(b):
		return "–"
	case b >= 1.05:
		return fmt.Sprintf("%.2f (supercritical: each early sharer brings in %.2f more)", b, b)
	case b > 0.95:
		return fmt.Sprintf("%.2f (near critical)", b)
	default:
		return fmt.Sprintf("%.2f (subcritical: spread dies out generation by generation)", b)
	}
}

// readLabelFile reads node labels, one per line; blank lines and lines
// starting with # are skipped.
func readLabelFile(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var labels []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" && !strings.HasPrefix(s, "#") {
			labels = append(labels, s)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return labels, nil
}

// writeOutcomeText prints one plan's outcome as aligned lines.
func writeOutcomeText(w io.Writer, o outcomeJSON, s sim.Summary) {
	fmt.Fprintf(w, "  reach               %s people (95%% CI %s–%s), %.1f%% of the graph\n",
		people(s.Reach.Mean), people(s.Reach.Lo), people(s.Reach.Hi), 100*float64(o.Reach.Fraction))
	fmt.Fprintf(w, "                      median %s, 90%% of launches reach ≤ %s, largest %s\n",
		people(s.Quantiles.P50), people(s.Quantiles.P90), people(s.MaxReach))
	fmt.Fprintf(w, "  P(cascade ≥ %s)%s %.3f (95%% CI %.3f–%.3f)\n", people(float64(s.CascadeAt)),
		strings.Repeat(" ", max(1, 7-len(people(float64(s.CascadeAt))))), s.Cascade.Mean, s.Cascade.Lo, s.Cascade.Hi)
	fmt.Fprintf(w, "  verdict             %s — %s\n", s.Verdict, verdictText(s.Verdict))
	if s.Exposures != nil {
		fmt.Fprintf(w, "  exposures           %s people saw it (95%% CI %s–%s)\n", people(s.Exposures.Mean), people(s.Exposures.Lo), people(s.Exposures.Hi))
	}
	fmt.Fprintf(w, "  first-level spread  %s people activated directly by the start points\n", people(s.FirstLevel.Mean))
	fmt.Fprintf(w, "  branching factor    %s\n", branchingText(s.Branching))
	if s.MeanCost > 0 {
		fmt.Fprintf(w, "  cost                %s, %.3g per person reached\n", people(s.MeanCost), s.CostPerReached)
	}
}
