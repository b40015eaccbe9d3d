package results

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func budgetData() BudgetCurves {
	nan := math.NaN()
	return BudgetCurves{Axis: Budget, X: []float64{1000, 2000, 3000},
		Curves: []BudgetCurve{
			{Name: "recommended", Reach: []float64{30, 50, 70}, ReachLo: []float64{28, 48, 67}, ReachHi: []float64{32, 52, 73}},
			{Name: "koc band", Reach: []float64{nan, 20, 30}, ReachLo: []float64{nan, 18, 27}, ReachHi: []float64{nan, 22, 33}},
		}}
}

// TestBudgetFigure renders the figure in both languages and every format,
// and checks the CSV: one row per plan and point, empty where a plan has no
// seeds.
func TestBudgetFigure(t *testing.T) {
	for _, lang := range []Lang{English, Chinese} {
		st, err := NewStyle(lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		fig, err := NewBudgetFigure(st, budgetData(), Caption{Graph: "g", Model: "IC", Trials: 100, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []Format{"png", "svg", "pdf"} {
			var b bytes.Buffer
			if err := fig.Render(&b, f); err != nil || b.Len() == 0 {
				t.Errorf("%s %s: %d bytes, err %v", lang, f, b.Len(), err)
			}
		}
	}
	var b bytes.Buffer
	if err := budgetData().WriteCSV(&b, English); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(b.String(), "\uFEFF")), "\r\n")
	if len(lines) != 7 || lines[0] != "budget,plan,reach_mean,reach_ci95_lo,reach_ci95_hi" || lines[4] != "1000,koc band,,," {
		t.Errorf("CSV:\n%s", b.String())
	}
}

func TestBudgetFigureRejectsBadData(t *testing.T) {
	st, err := NewStyle(English, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, mutate := range map[string]func(*BudgetCurves){
		"axis":       func(d *BudgetCurves) { d.Axis = Strength },
		"no curves":  func(d *BudgetCurves) { d.Curves = nil },
		"short":      func(d *BudgetCurves) { d.Curves[0].Reach = d.Curves[0].Reach[:2] },
		"unordered":  func(d *BudgetCurves) { d.Curves[0].ReachLo[1] = 60 },
		"decreasing": func(d *BudgetCurves) { d.X[2] = 1500 },
	} {
		d := budgetData()
		mutate(&d)
		if _, err := NewBudgetFigure(st, d, Caption{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
