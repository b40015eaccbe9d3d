package sweep

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/ripple-sim/ripple/results"
	"github.com/ripple-sim/ripple/sim"
)

// words are the words of the sweep's tables in one language.
type words struct {
	point, id, plan, statistic, value, lo, hi, trials string
	stats                                             map[string]string
	verdicts                                          map[sim.Verdict]string
	reach, pCascade, pLarge, verdict, costPerReached  string
}

func wordsFor(l results.Lang) words {
	if l == results.Chinese {
		return words{
			point: "运行点", id: "编号", plan: "方案", statistic: "统计量", value: "数值", lo: "95%下限", hi: "95%上限", trials: "试验次数",
			stats: map[string]string{
				"reach": "覆盖人数", "p_cascade": "引爆概率", "p_large": "覆盖≥θ·n的概率", "first_level": "一级传播人数",
				"exposures": "曝光人数", "branching": "分支系数", "mean_cost": "平均成本", "cost_per_reached": "每覆盖一人成本", "trials": "试验次数",
			},
			verdicts: map[sim.Verdict]string{sim.Crossed: "越过引爆点", sim.NotCrossed: "未越过引爆点", sim.Uncertain: "难以判断"},
			reach:    "平均覆盖人数", pCascade: "引爆概率", pLarge: "覆盖≥θ·n的概率", verdict: "结论", costPerReached: "每覆盖一人成本",
		}
	}
	return words{
		point: "point", id: "id", plan: "plan", statistic: "statistic", value: "value", lo: "ci95_lo", hi: "ci95_hi", trials: "trials",
		stats: map[string]string{
			"reach": "reach", "p_cascade": "p_cascade", "p_large": "p_large", "first_level": "first_level",
			"exposures": "exposures", "branching": "branching", "mean_cost": "mean_cost", "cost_per_reached": "cost_per_reached", "trials": "trials",
		},
		verdicts: map[sim.Verdict]string{sim.Crossed: "crossed", sim.NotCrossed: "not_crossed", sim.Uncertain: "uncertain"},
		reach:    "reach_mean", pCascade: "p_cascade", pLarge: "p_large", verdict: "verdict", costPerReached: "cost_per_reached",
	}
}

// num formats a number for a CSV cell: shortest round-trip form, empty for
// NaN or ±Inf.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// settingsOf returns the point's value of each swept parameter, in the
// header's order.
func settingsOf(h *Header, p PointInfo) []string {
	out := make([]string, len(h.Params))
	for i, name := range h.Params {
		for _, s := range p.Settings {
			if s.Param == name {
				out[i] = s.Value
			}
		}
	}
	return out
}

// WriteResultsCSV writes the tidy table: one row per point × plan ×
// statistic, with every swept parameter as a column, the value and its 95%
// interval (empty where a statistic has none). Headers and statistic names
// are in l's language; the table is UTF-8 with a BOM and formula injection
// is neutralised (results.WriteCSV).
func WriteResultsCSV(w io.Writer, h *Header, rs []PointResult, l results.Lang) error {
	t := wordsFor(l)
	head := append([]string{t.point, t.id}, h.Params...)
	head = append(head, t.plan, t.statistic, t.value, t.lo, t.hi)
	var rows [][]string
	for _, r := range rs {
		base := append([]string{strconv.Itoa(r.Info.Index + 1), r.Info.ID}, settingsOf(h, r.Info)...)
		for j, s := range r.Summaries {
			add := func(stat string, v, lo, hi float64) {
				row := append(append([]string{}, base...), r.Info.Plans[j], t.stats[stat], num(v), num(lo), num(hi))
				rows = append(rows, row)
			}
			add("trials", float64(s.Trials), math.NaN(), math.NaN())
			add("reach", s.Reach.Mean, s.Reach.Lo, s.Reach.Hi)
			add("p_cascade", s.Cascade.Mean, s.Cascade.Lo, s.Cascade.Hi)
			add("p_large", s.Large.Mean, s.Large.Lo, s.Large.Hi)
			add("first_level", s.FirstLevel.Mean, s.FirstLevel.Lo, s.FirstLevel.Hi)
			if s.Exposures != nil {
				add("exposures", s.Exposures.Mean, s.Exposures.Lo, s.Exposures.Hi)
			}
			add("branching", s.Branching, math.NaN(), math.NaN())
			add("mean_cost", s.MeanCost, math.NaN(), math.NaN())
			add("cost_per_reached", s.CostPerReached, math.NaN(), math.NaN())
		}
	}
	return results.WriteCSV(w, head, rows)
}

// WriteSummaryCSV writes the wide table for Excel: one row per point ×
// plan with its settings, trials, mean reach and P(cascade) with their
// intervals, the verdict, P(reach ≥ θ·n) and the cost per person reached.
func WriteSummaryCSV(w io.Writer, h *Header, rs []PointResult, l results.Lang) error {
	t := wordsFor(l)
	head := append([]string{t.point, t.id}, h.Params...)
	head = append(head, t.plan, t.trials, t.reach, t.reach+" "+t.lo, t.reach+" "+t.hi,
		t.pCascade, t.pCascade+" "+t.lo, t.pCascade+" "+t.hi, t.verdict, t.pLarge, t.costPerReached)
	var rows [][]string
	for _, r := range rs {
		for j, s := range r.Summaries {
			row := append([]string{strconv.Itoa(r.Info.Index + 1), r.Info.ID}, settingsOf(h, r.Info)...)
			row = append(row, r.Info.Plans[j], strconv.FormatUint(s.Trials, 10),
				num(s.Reach.Mean), num(s.Reach.Lo), num(s.Reach.Hi),
				num(s.Cascade.Mean), num(s.Cascade.Lo), num(s.Cascade.Hi),
				t.verdicts[s.Verdict], num(s.Large.Mean), num(s.CostPerReached))
			rows = append(rows, row)
		}
	}
	return results.WriteCSV(w, head, rows)
}

// jsonPoint is a point in results.json.
type jsonPoint struct {
	ID       string         `json:"id"`
	Index    int            `json:"index"`
	Seed     uint64         `json:"seed"`
	Label    string         `json:"label"`
	Settings map[string]any `json:"settings"`
	Plans    []jsonPlan     `json:"plans"`
	// Diffs are the paired differences of mean reach, plan a minus plan b.
	Diffs []jsonDiff `json:"diffs,omitempty"`
}

type jsonPlan struct {
	Name    string      `json:"name"`
	Summary sim.Summary `json:"summary"`
}

type jsonDiff struct {
	A    string       `json:"a"`
	B    string       `json:"b"`
	Diff sim.Estimate `json:"diff"`
}

// WriteResultsJSON writes every point's settings and per-plan summaries
// (the run command's summary schema) with the paired reach differences.
// Nothing in it depends on the clock, the worker count or the shards.
func WriteResultsJSON(w io.Writer, h *Header, rs []PointResult) error {
	out := struct {
		Tool     string      `json:"tool"`
		Version  string      `json:"version"`
		Scenario string      `json:"scenario_sha256"`
		Seed     uint64      `json:"seed"`
		Params   []string    `json:"params"`
		Points   []jsonPoint `json:"points"`
	}{h.Tool, h.Version, h.Scenario, h.Seed, h.Params, nil}
	for _, r := range rs {
		jp := jsonPoint{ID: r.Info.ID, Index: r.Info.Index, Seed: r.Info.Seed, Label: r.Info.Label, Settings: map[string]any{}}
		for _, s := range r.Info.Settings {
			var v any = s.Value
			if f, err := strconv.ParseFloat(s.Value, 64); err == nil {
				v = f
			}
			jp.Settings[s.Param] = v
		}
		for j, s := range r.Summaries {
			jp.Plans = append(jp.Plans, jsonPlan{Name: r.Info.Plans[j], Summary: s})
		}
		n := r.Summaries[0].Trials
		for _, p := range r.Pairs {
			pr := sim.PairedResult{Pairs: []sim.PairSums{{A: 0, B: 1, Sum: p.Sum, Sq: p.Sq}}}
			pr.Trials = int(n)
			pr.Plans = make([]sim.Result, 2)
			d, err := pr.Diff(0, 1)
			if err != nil {
				return fmt.Errorf("sweep: results.json: %w", err)
			}
			jp.Diffs = append(jp.Diffs, jsonDiff{A: r.Info.Plans[p.A], B: r.Info.Plans[p.B], Diff: d})
		}
		out.Points = append(out.Points, jp)
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return fmt.Errorf("sweep: results.json: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
