package sim

import (
	"encoding/json"
	"math"
)

// JSON has no NaN: the estimates of a Summary that are undefined (an
// interval from one trial, a cost per person when nobody was reached) are
// written as null. Summaries are outputs; they are not read back (the
// Accumulator is what shards exchange).

// nf returns nil for a NaN or infinite x, else &x.
func nf(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// MarshalJSON writes undefined values as null.
func (e Estimate) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Mean *float64 `json:"mean"`
		Lo   *float64 `json:"lo"`
		Hi   *float64 `json:"hi"`
		SE   *float64 `json:"se"`
	}{nf(e.Mean), nf(e.Lo), nf(e.Hi), nf(e.SE)})
}

// MarshalJSON writes undefined values as null.
func (q Quantiles) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		P10 *float64 `json:"p10"`
		P50 *float64 `json:"p50"`
		P90 *float64 `json:"p90"`
		P99 *float64 `json:"p99"`
	}{nf(q.P10), nf(q.P50), nf(q.P90), nf(q.P99)})
}

// MarshalJSON writes undefined values as null.
func (c CurvePoint) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Time *float64 `json:"time"`
		New  *float64 `json:"new"`
		Mean *float64 `json:"mean"`
		P05  *float64 `json:"p05"`
		P25  *float64 `json:"p25"`
		P50  *float64 `json:"p50"`
		P75  *float64 `json:"p75"`
		P95  *float64 `json:"p95"`
	}{nf(c.Time), nf(c.New), nf(c.Mean), nf(c.P05), nf(c.P25), nf(c.P50), nf(c.P75), nf(c.P95)})
}

// MarshalJSON writes undefined values as null.
func (s Summary) MarshalJSON() ([]byte, error) {
	type plain Summary
	gens := make([]*float64, len(s.Generations))
	for i, x := range s.Generations {
		gens[i] = nf(x)
	}
	return json.Marshal(struct {
		plain
		ReachSD        *float64   `json:"reach_sd"`
		MaxReach       *float64   `json:"max_reach"`
		Branching      *float64   `json:"branching"`
		Generations    []*float64 `json:"generations"`
		MeanCost       *float64   `json:"mean_cost"`
		CostPerReached *float64   `json:"cost_per_reached"`
	}{plain(s), nf(s.ReachSD), nf(s.MaxReach), nf(s.Branching), gens, nf(s.MeanCost), nf(s.CostPerReached)})
}
