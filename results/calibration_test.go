package results_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/results"
)

// exampleCalibration is a calibration with two baselines and two models.
func exampleCalibration() results.Calibration {
	return results.Calibration{
		Buckets:   []string{"2–3", "4–7", "8–15", "16–31", "32–63", "64+"},
		Observed:  []float64{0.02, 0.2, 0.38, 0.2, 0.14, 0.06},
		LambdaMax: 113,
		Series: []results.CalibrationSeries{
			{Name: "climatology", Predicted: []float64{0.03, 0.24, 0.3, 0.2, 0.13, 0.1}, LogScore: -1.65, Baseline: true},
			{Name: "branching", Predicted: []float64{0.31, 0.19, 0.15, 0.13, 0.1, 0.12}, LogScore: -2.01, Baseline: true},
			{Name: "ic", Predicted: []float64{0.3, 0.19, 0.15, 0.12, 0.1, 0.14}, LogScore: -2.25, Strength: 0.009, StrengthLo: 0.0087, StrengthHi: 0.0096},
			{Name: "ic+background", Predicted: []float64{0.07, 0.27, 0.25, 0.17, 0.13, 0.11}, LogScore: -1.81, Strength: 0.0087, StrengthLo: 0.008, StrengthHi: 0.0088},
		},
	}
}

func ExampleNewCalibrationFigure() {
	saveExample(results.Chinese, goldenDPI, func(s *results.Style) (*results.Figure, error) {
		return results.NewCalibrationFigure(s, exampleCalibration(), exampleCaption)
	}, "testdata/calibration_zh.png")
	// Output:
}

func TestCalibrationFigure(t *testing.T) {
	checkGolden(t, ExampleNewCalibrationFigure, "calibration_zh.png")
}

func TestCalibrationValidate(t *testing.T) {
	st, err := results.NewStyle(results.English, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(*results.Calibration)
		want   string
	}{
		{"observed", func(c *results.Calibration) { c.Observed = c.Observed[1:] }, "6 buckets, 5 observed"},
		{"series", func(c *results.Calibration) { c.Series[2].Predicted = nil }, "ic has 0 predictions"},
		{"none", func(c *results.Calibration) { c.Series = nil }, "0 series"},
		{"lambda", func(c *results.Calibration) { c.LambdaMax = 0 }, "bad λmax"},
		{"no model", func(c *results.Calibration) { c.Series = c.Series[:2] }, "no graph model"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := exampleCalibration()
			tt.change(&d)
			_, err := results.NewCalibrationFigure(st, d, exampleCaption)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got=%v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestCalibrationCSV(t *testing.T) {
	var b bytes.Buffer
	if err := exampleCalibration().WriteCSV(&b, results.Chinese); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimPrefix(b.String(), "\uFEFF"), "\r\n")
	if lines[0] != "规模区间,观测占比,climatology,branching,ic,ic+background" || lines[1] != "2–3,0.02,0.03,0.31,0.3,0.07" {
		t.Errorf("got=%q", lines[:2])
	}
}
