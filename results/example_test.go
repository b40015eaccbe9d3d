package results_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/ripple-sim/ripple/results"
)

// exampleCaption is the caption of every example figure.
var exampleCaption = results.Caption{
	Graph:  "community-50k (50,000 people)",
	Model:  "IC, s = 0.08",
	Trials: 2000,
	Seed:   42,
}

// exampleReach returns a bimodal reach sample like a near-critical IC run on
// 50,000 people: 60% of trials fizzle after a few people, 40% reach about 40%.
func exampleReach() results.Reach {
	rnd := rand.New(rand.NewPCG(1, 2))
	v := make(results.TrialReach, 2000)
	for i := range v {
		if rnd.Float64() < 0.6 {
			v[i] = math.Floor(1 + rnd.ExpFloat64()*8)
		} else {
			v[i] = math.Round(20000 + 2500*rnd.NormFloat64())
		}
	}
	return results.Reach{Trials: v, Nodes: 50000, Theta: 0.05}
}

// saveExample builds a figure with build in both languages and saves it to each path.
func saveExample(lang results.Lang, dpi int, build func(*results.Style) (*results.Figure, error), paths ...string) {
	s, err := results.NewStyle(lang, nil)
	if err != nil {
		log.Fatal(err)
	}
	f, err := build(s)
	if err != nil {
		log.Fatal(err)
	}
	f.DPI = dpi
	for _, p := range paths {
		if err := f.Save(p); err != nil {
			log.Fatal(err)
		}
	}
}

// goldenDPI keeps the golden PNGs small (768 × 432 pixels).
const goldenDPI = 96

func ExampleNewReachFigure() {
	saveExample(results.English, goldenDPI, func(s *results.Style) (*results.Figure, error) {
		return results.NewReachFigure(s, exampleReach(), exampleCaption)
	}, "testdata/reach.png")
	// Output:
}

// exampleSpread returns cumulative reach over 16 generations of a plan with 50
// start points whose spread dips for two generations, then takes off, with bands
// that widen as the cascade grows.
func exampleSpread() results.Spread {
	newPerGen := []float64{50, 35, 30, 38, 60, 110, 220, 420, 760, 1250, 1800, 2200, 2100, 1500, 800, 350}
	s := results.Spread{Unit: results.Generations}
	total := 0.0
	for g, v := range newPerGen {
		total += v
		s.Time = append(s.Time, float64(g))
		s.Mean = append(s.Mean, total)
		s.P50 = append(s.P50, total*1.1)
		s.P25 = append(s.P25, total*0.65)
		s.P75 = append(s.P75, total*1.25)
		s.P5 = append(s.P5, math.Min(total, 50+total*0.1))
		s.P95 = append(s.P95, total*1.4)
	}
	if g, ok := results.SelfSustaining(newPerGen); ok {
		s.SelfSustaining, s.Sustained = float64(g), true
	}
	return s
}

// exampleTipping returns a sigmoid P(cascade) over strength with Wilson-like
// bands for 400 trials per point and a tipping point near 0.08.
func exampleTipping() results.Tipping {
	d := results.Tipping{Axis: results.Strength, Point: 0.081, PointLo: 0.077, PointHi: 0.085, HasPoint: true, Analytic: 0.074, HasAnalytic: true}
	for i := range 13 {
		s := 0.05 + 0.005*float64(i)
		p := 1 / (1 + math.Exp(-(s-0.081)/0.006))
		se := 1.96 * math.Sqrt(p*(1-p)/400)
		reach := 30 + p*22000*math.Min(1, (s-0.04)/0.06)
		d.X = append(d.X, s)
		d.P = append(d.P, p)
		d.PLo = append(d.PLo, math.Max(0, p-se-0.005))
		d.PHi = append(d.PHi, math.Min(1, p+se+0.005))
		d.Reach = append(d.Reach, reach)
		d.ReachLo = append(d.ReachLo, reach*0.92)
		d.ReachHi = append(d.ReachHi, reach*1.08)
	}
	return d
}

// examplePlans compares one KOL with 50 KOCs and a mixed plan, with P(cascade)
// from 1,000 trials each.
func examplePlans() results.Plans {
	return results.Plans{Currency: "¥", Plans: []results.Plan{
		{Name: "1 KOL", Reach: 3100, ReachLo: 2890, ReachHi: 3310, Cost: 50000, PCascade: 0.21, PCascadeLo: 0.17, PCascadeHi: 0.25, HasPCascade: true},
		{Name: "50 KOC", Reach: 4340, ReachLo: 4200, ReachHi: 4480, Cost: 20000, PCascade: 0.5, PCascadeLo: 0.46, PCascadeHi: 0.54, HasPCascade: true},
		{Name: "KOL + 20 KOC", Reach: 5020, ReachLo: 4800, ReachHi: 5240, Cost: 58000, PCascade: 0.64, PCascadeLo: 0.6, PCascadeHi: 0.68, HasPCascade: true},
	}}
}

func ExampleNewSpreadFigure() {
	saveExample(results.English, goldenDPI, func(s *results.Style) (*results.Figure, error) {
		return results.NewSpreadFigure(s, exampleSpread(), exampleCaption)
	}, "testdata/spread.png")
	// Output:
}

func ExampleNewTippingFigure() {
	saveExample(results.English, goldenDPI, func(s *results.Style) (*results.Figure, error) {
		return results.NewTippingFigure(s, exampleTipping(), exampleCaption)
	}, "testdata/tipping.png")
	// Output:
}

func ExampleNewPlanFigure() {
	saveExample(results.Chinese, goldenDPI, func(s *results.Style) (*results.Figure, error) {
		d := examplePlans()
		d.Plans[0].Name = "1 位大V（KOL）"
		d.Plans[1].Name = "50 位素人（KOC）"
		d.Plans[2].Name = "大V + 20 位素人"
		return results.NewPlanFigure(s, d, exampleCaption)
	}, "testdata/plans_zh.png")
	// Output:
}

// Example_resultsFolder writes what a run leaves behind: a figure in three
// formats, the CSV behind it and a manifest listing every file with its digest.
func Example_resultsFolder() {
	dir, err := os.MkdirTemp("", "ripple-results")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	s, err := results.NewStyle(results.Chinese, nil)
	if err != nil {
		log.Fatal(err)
	}
	reach := exampleReach()
	fig, err := results.NewReachFigure(s, reach, exampleCaption)
	if err != nil {
		log.Fatal(err)
	}
	version, goVersion := results.BuildVersion()
	out, err := results.CreateOutDir(filepath.Join(dir, "图表"))
	if err != nil {
		log.Fatal(err)
	}
	defer out.Close()
	out.Manifest = results.Manifest{
		Schema: results.ManifestSchema, Tool: "ripple", Version: version, GoVersion: goVersion,
		Command: []string{"ripple", "run", "--seed", "42", "--lang", "zh"}, Seed: 42,
		Graph:      results.ManifestGraph{Source: "generated: community-50k", Checksum: "…", Nodes: 50000, Arcs: 800000},
		Parameters: map[string]any{"model": "ic", "strength": 0.08, "trials": 2000, "theta": 0.05},
		Lang:       s.Lang(), Font: "embedded",
	}
	for _, name := range []string{"reach.png", "reach.svg", "reach.pdf"} {
		format, err := results.FormatOf(name)
		if err != nil {
			log.Fatal(err)
		}
		if err := out.Write(name, "figure", func(w io.Writer) error { return fig.Render(w, format) }); err != nil {
			log.Fatal(err)
		}
	}
	if err := out.Write("reach.csv", "data", func(w io.Writer) error { return reach.WriteCSV(w, s.Lang()) }); err != nil {
		log.Fatal(err)
	}
	// Nothing is in the folder until Commit swaps the whole result in.
	if err := out.Commit(); err != nil {
		log.Fatal(err)
	}
	entries, err := os.ReadDir(out.Dir())
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range entries {
		fmt.Println(e.Name())
	}
	// Output:
	// manifest.json
	// reach.csv
	// reach.pdf
	// reach.png
	// reach.svg
}

// ExampleReadReportFolder shows a folder from an interrupted run refused:
// a page from it would look complete.
func ExampleReadReportFolder() {
	dir, err := os.MkdirTemp("", "report")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	m := results.Manifest{Schema: results.ManifestSchema, Tool: "ripple", Command: []string{"ripple", "run"}, Partial: true}
	f, err := os.Create(filepath.Join(dir, "manifest.json"))
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := m.WriteJSON(f); err != nil {
		fmt.Println(err)
	}
	f.Close()
	_, err = results.ReadReportFolder(dir)
	fmt.Println(errors.Is(err, results.ErrReportFolder), strings.Contains(err.Error(), "interrupted"))
	// Output: true true
}

// ExampleInlineSVG shows that a figure is inlined from its <svg> element on,
// unchanged, and that one holding a script is refused.
func ExampleInlineSVG() {
	svg, err := results.InlineSVG("fig.svg", []byte("<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 1 1\"></svg>\n"))
	fmt.Println(svg, err)
	_, err = results.InlineSVG("bad.svg", []byte(`<svg><script>alert(1)</script></svg>`))
	fmt.Println(err)
	// Output:
	// <svg viewBox="0 0 1 1"></svg> <nil>
	// report: bad.svg: holds "<script", which a ripple figure never does: refused
}
