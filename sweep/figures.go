package sweep

import (
	"slices"

	"github.com/ripple-sim/ripple/results"
)

// slice returns the points whose swept parameters other than keep (places
// in h.Params) equal those of the first point: a line (one kept) or a plane
// (two kept) through the grid.
func slice(h *Header, rs []PointResult, keep ...int) []PointResult {
	if len(rs) == 0 {
		return nil
	}
	base := settingsOf(h, rs[0].Info)
	var out []PointResult
	for _, r := range rs {
		v := settingsOf(h, r.Info)
		same := true
		for i := range v {
			if !slices.Contains(keep, i) && v[i] != base[i] {
				same = false
			}
		}
		if same {
			out = append(out, r)
		}
	}
	return out
}

// distinct returns the values of parameter i among rs in order of first
// appearance.
func distinct(h *Header, rs []PointResult, i int) []string {
	var out []string
	for _, r := range rs {
		if v := settingsOf(h, r.Info)[i]; !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// AxisFigures returns, for each swept parameter with at least two values,
// each plan's reach and P(cascade) along it, the other parameters held at
// the first point's values.
func AxisFigures(h *Header, rs []PointResult) []results.SweepAxis {
	var out []results.SweepAxis
	for i, name := range h.Params {
		line := slice(h, rs, i)
		values := distinct(h, line, i)
		if len(values) < 2 || len(values) != len(line) {
			continue
		}
		d := results.SweepAxis{Param: name, Values: values}
		for j, plan := range line[0].Info.Plans {
			s := results.SweepSeries{Plan: plan}
			for _, r := range line {
				m := r.Summaries[j]
				s.Reach, s.ReachLo, s.ReachHi = append(s.Reach, m.Reach.Mean), append(s.ReachLo, m.Reach.Lo), append(s.ReachHi, m.Reach.Hi)
				s.P, s.PLo, s.PHi = append(s.P, m.Cascade.Mean), append(s.PLo, m.Cascade.Lo), append(s.PHi, m.Cascade.Hi)
			}
			d.Plans = append(d.Plans, s)
		}
		out = append(out, d)
	}
	return out
}

// HeatMaps returns, per plan, P(cascade) over the first two swept
// parameters (the others held at the first point's values), or nil when
// the sweep has fewer than two parameters or they do not span a full grid
// (as axes that move together in a zip do not).
func HeatMaps(h *Header, rs []PointResult) []results.HeatMap {
	if len(h.Params) < 2 {
		return nil
	}
	plane := slice(h, rs, 0, 1)
	xs, ys := distinct(h, plane, 0), distinct(h, plane, 1)
	if len(xs) < 2 || len(ys) < 2 || len(xs)*len(ys) != len(plane) {
		return nil
	}
	var out []results.HeatMap
	for j, plan := range plane[0].Info.Plans {
		m := results.HeatMap{Plan: plan, XParam: h.Params[0], YParam: h.Params[1], X: xs, Y: ys, P: make([][]float64, len(ys))}
		for r := range ys {
			m.P[r] = make([]float64, len(xs))
		}
		for _, r := range plane {
			v := settingsOf(h, r.Info)
			m.P[slices.Index(ys, v[1])][slices.Index(xs, v[0])] = r.Summaries[j].Cascade.Mean
		}
		out = append(out, m)
	}
	return out
}
