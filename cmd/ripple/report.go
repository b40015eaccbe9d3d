package main

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"

	"github.com/ripple-sim/ripple/graph"
	"github.com/ripple-sim/ripple/results"
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

// ci returns e's interval, with rounding dust (|x| < 1e-12, as a Wilson bound
// at 0 comes out) shown as 0.
func ci(e sim.Estimate) interval { return interval{num(clean(e.Lo)), num(clean(e.Hi))} }

func clean(x float64) float64 {
	if math.Abs(x) < 1e-12 {
		return 0
	}
	return x
}

// graphJSON identifies the graph of a run. Edges counts each undirected edge
// once; Arcs counts the directed arcs stored (twice an undirected edge).
type graphJSON struct {
	Name     string `json:"name"`
	Nodes    int    `json:"nodes"`
	Edges    int    `json:"edges"`
	Arcs     int    `json:"arcs"`
	Directed bool   `json:"directed"`
	Checksum string `json:"checksum"`
}

func describeGraph(s *sourceGraph) graphJSON {
	return graphJSON{Name: s.name, Nodes: s.g.N(), Edges: edges(s.g), Arcs: s.g.M(), Directed: s.g.Directed(), Checksum: s.g.Checksum()}
}

// labels returns the names of vs.
func labels(g interface{ Label(uint32) string }, vs []uint32) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = g.Label(v)
	}
	return out
}

// edges returns the number of edges as a person counts them: arcs of a
// directed graph, pairs of an undirected one.
func edges(g *graph.CSR) int {
	if g.Directed() {
		return g.M()
	}
	return g.M() / 2
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

// cascadeJSON is P(cascade): the share of trials whose spread beyond the
// first level (people reached at generation 2 or later, through someone who
// is neither a start point nor reached directly by one) is at least
// CascadeAt = ⌈θ·n⌉ people. Large is the share of trials whose reach, start
// points and first-level spread included, is at least CascadeAt: big
// launches, self-sustaining or not.
type cascadeJSON struct {
	Estimate  num          `json:"estimate"`
	CI95      interval     `json:"ci95"`
	Theta     num          `json:"theta"`
	CascadeAt int          `json:"cascade_at"` // ⌈θ·n⌉ people beyond the first level
	Large     estimateJSON `json:"p_large"`
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
	// Notes (sim.Notes) reconcile the verdict with the branching factor
	// and the analytic ratio where they point different ways.
	Notes []sim.Note `json:"notes,omitempty"`
}

// outcome describes one plan's summary. starts is the number of start points
// the plan launches from (its minimum reach), which floors the reach interval:
// a t interval from few, skewed trials can reach below what is certain.
func outcome(name, seeds string, plan *sim.BoundPlan, s sim.Summary, theta float64, starts int) outcomeJSON {
	if s.Reach.Lo < float64(starts) {
		s.Reach.Lo = min(float64(starts), s.Reach.Mean)
	}
	o := outcomeJSON{
		Name:  name,
		Seeds: seeds,
		Plan:  plan.Launches(),
		Reach: reachJSON{
			Mean: num(s.Reach.Mean), CI95: ci(s.Reach), SD: num(s.ReachSD),
			P10: num(s.Quantiles.P10), Median: num(s.Quantiles.P50), P90: num(s.Quantiles.P90), P99: num(s.Quantiles.P99),
			Max: num(s.MaxReach), Fraction: num(s.Reach.Mean / float64(max(s.Nodes, 1))),
		},
		PCascade: cascadeJSON{Estimate: num(s.Cascade.Mean), CI95: ci(s.Cascade), Theta: num(theta), CascadeAt: s.CascadeAt,
			Large: estimateJSON{num(s.Large.Mean), ci(s.Large)}},
		Verdict:    s.Verdict,
		FirstLevel: estimateJSON{num(s.FirstLevel.Mean), ci(s.FirstLevel)},
		Branching:  num(s.Branching),
		Cost:       num(s.MeanCost),
		CostPer:    num(s.CostPerReached),
		Notes:      sim.Notes(s, math.NaN(), false),
	}
	if s.Exposures != nil {
		o.Exposures = &estimateJSON{num(s.Exposures.Mean), ci(*s.Exposures)}
	}
	return o
}

// criticalJSON is the analytic critical strength and how it was estimated.
type criticalJSON struct {
	Strength num    `json:"strength"`
	Method   string `json:"method"`
}

// modelJSON records the model and behaviours a run used.
type modelJSON struct {
	Name     string         `json:"name"`
	Strength float64        `json:"strength"`
	Params   map[string]any `json:"params"`
	Critical *criticalJSON  `json:"critical,omitempty"`
	// NoGiant is true when the analytic estimate is that no strength gives
	// a large outbreak (the graph has no giant component to spread
	// through: a tree, a star, a tiny graph); Critical is then omitted.
	NoGiant bool `json:"no_giant_component,omitempty"`
}

func describeModel(f *modelFlags, m sim.Model, g *graph.CSR) modelJSON {
	mj := modelJSON{Name: m.Name(), Strength: f.strength, Params: f.params()}
	if c, ok := sim.CriticalOf(m, g); ok { // the model's own, for its weighting
		if math.IsInf(c.Strength, 1) {
			mj.NoGiant = true
		} else {
			mj.Critical = &criticalJSON{num(c.Strength), c.Method}
		}
	}
	return mj
}

// ratioOf returns the strength over the analytic critical strength of m, or
// NaN when there is none or behaviours (zombies, decay) lower the effective
// strength, so that the ratio means nothing.
func ratioOf(m modelJSON, behaviours bool) float64 {
	if m.Critical == nil || behaviours {
		return math.NaN()
	}
	return m.Strength / float64(m.Critical.Strength)
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

// timing is the only part of an output that depends on the wall clock (and
// on the machine: the number of workers).
type timing struct {
	Seconds      num `json:"seconds"`
	TrialsPerSec num `json:"trials_per_second"`
	Workers      int `json:"workers"`
}

// newTiming records how long a run took on how many workers.
func newTiming(secs float64, trials, workers int) *timing {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &timing{Seconds: num(secs), TrialsPerSec: num(float64(trials) / secs), Workers: workers}
}

// people formats a count of people for a person: 12,345, or one decimal
// below ten (a mean of 2.4 people).
func people(x float64) string {
	if math.Abs(x) < 10 && x != math.Trunc(x) {
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return results.FormatCount(x)
}

// percent formats a fraction as a percentage with two significant digits,
// so that 95 people of 50,000 read 0.19%, not 0.0%.
func percent(f float64) string {
	switch {
	case f == 0:
		return "0%"
	case f >= 0.1:
		return strconv.FormatFloat(100*f, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(100*f, 'g', 2, 64) + "%"
}

// verdictText explains a verdict in a strategist's words.
func (t *texts) verdictText(v sim.Verdict) string {
	switch v {
	case sim.Crossed:
		return t.Crossed
	case sim.NotCrossed:
		return t.NotCrossed
	default:
		return t.Uncertain
	}
}

// verdictWord is the verdict's short name in the summary's language.
func (t *texts) verdictWord(v sim.Verdict) string {
	switch v {
	case sim.Crossed:
		return t.CrossedWord
	case sim.NotCrossed:
		return t.NotCrossedWord
	default:
		return t.UncertainWord
	}
}

// agreement returns the notes on the analytic ratio (strength over the
// analytic critical strength, NaN when there is none) for run, which prints
// them under the analytic threshold; writeOutcomeText prints the notes on
// the branching factor under it. Both come from sim.Notes. It returns ""
// when the ratio agrees with the verdict.
func (t *texts) agreement(v sim.Verdict, b, ratio float64) string {
	return strings.Join(t.notes(sim.Summary{Verdict: v, Branching: b}, ratio, false, true), "; ")
}

// notes words the notes of sim.Notes for s, ratio and threshold (see there):
// those on the analytic ratio when analytic is true, those on the branching
// factor otherwise.
func (t *texts) notes(s sim.Summary, ratio float64, threshold, analytic bool) []string {
	var out []string
	for _, n := range sim.Notes(s, ratio, threshold) {
		if n.Analytic() != analytic {
			continue
		}
		out = append(out, t.note(n, s, ratio))
	}
	return out
}

// note words one note with the numbers it rests on.
func (t *texts) note(n sim.Note, s sim.Summary, ratio float64) string {
	switch n {
	case sim.NoteFirstLevelCarries, sim.NoteLateGrowth:
		return fmt.Sprintf(t.Notes[n], t.persons(s.FirstLevel.Mean), t.persons(float64(s.CascadeAt)))
	case sim.NoteSlowDecay:
		return fmt.Sprintf(t.Notes[n], t.persons(s.FirstLevel.Mean), t.persons(float64(s.CascadeAt)), fmt.Sprintf("%.2f", s.Branching))
	case sim.NoteBelowAnalytic, sim.NoteAboveAnalytic:
		return fmt.Sprintf(t.Notes[n], ratio)
	}
	return t.Notes[n]
}

// planNotes words the notes of one plan of compare or plan (o.Notes, from
// sim.Notes) with the numbers they rest on; ratio is the strength over the
// analytic critical strength (used only by the analytic notes, which
// sim.Notes gives only when there is a ratio).
func (t *texts) planNotes(o outcomeJSON, ratio float64) []string {
	s := sim.Summary{FirstLevel: sim.Estimate{Mean: float64(o.FirstLevel.Mean)}, CascadeAt: o.PCascade.CascadeAt, Branching: float64(o.Branching)}
	var out []string
	for _, n := range o.Notes {
		out = append(out, t.note(n, s, ratio))
	}
	return out
}

// branchingText says how far from critical a plan runs. Below 1, "dies
// out" is said only beside a verdict that agrees (not crossed); a threshold
// model's factor gets no reading of growth.
func (t *texts) branchingText(b float64, v sim.Verdict, threshold bool) string {
	switch {
	case math.IsNaN(b):
		return "–"
	case threshold:
		return fmt.Sprintf(t.ThresholdGloss, b)
	case b >= 1.05:
		return fmt.Sprintf(t.Super, b, b)
	case b > 0.95:
		return fmt.Sprintf(t.Near, b)
	case v == sim.NotCrossed:
		return fmt.Sprintf(t.Sub, b)
	default:
		return fmt.Sprintf(t.Below, b)
	}
}

// line is one meaningful line of a text file, with its 1-based number.
type line struct {
	n    int
	text string
}

// writeOutcomeText prints one plan's outcome as aligned lines; threshold
// says the model is a threshold model (sim.ThresholdModel), whose
// branching factor is no test of growth.
func (t *texts) writeOutcomeText(w io.Writer, o outcomeJSON, s sim.Summary, threshold bool) {
	t.line(w, t.Reach, t.ReachLine, t.persons(s.Reach.Mean), people(float64(o.Reach.CI95[0])), people(s.Reach.Hi), percent(float64(o.Reach.Fraction)))
	t.line(w, "", t.ReachLine2, people(s.Quantiles.P50), people(s.Quantiles.P90), people(s.MaxReach))
	t.line(w, fmt.Sprintf(t.PLarge, people(float64(s.CascadeAt))), t.ProbLine, s.Large.Mean, clean(s.Large.Lo), clean(s.Large.Hi))
	t.line(w, t.PCascade, t.ProbLine+t.CascadeRule, s.Cascade.Mean, clean(s.Cascade.Lo), clean(s.Cascade.Hi), t.persons(float64(s.CascadeAt)))
	t.line(w, t.Verdict, "%s — %s", t.verdictWord(s.Verdict), t.verdictText(s.Verdict))
	if s.Exposures != nil {
		t.line(w, t.Exposures, t.ExposuresLine, t.persons(s.Exposures.Mean), people(s.Exposures.Lo), people(s.Exposures.Hi))
	}
	t.line(w, t.FirstLevel, t.FirstLine, t.persons(s.FirstLevel.Mean))
	t.line(w, t.Branching, "%s", t.branchingText(s.Branching, s.Verdict, threshold))
	for _, n := range t.notes(s, math.NaN(), threshold, false) {
		t.line(w, t.Note, "%s", n)
	}
	if s.MeanCost > 0 {
		t.line(w, t.Cost, t.CostLine, people(s.MeanCost), s.CostPerReached)
	}
}
