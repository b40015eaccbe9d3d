package results

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func testRace() Race {
	return Race{Time: []float64{0, 1, 2, 3}, Contents: []RaceCurve{
		{Name: "ours", Mean: []float64{1, 3, 6, 7}, P25: []float64{1, 2, 4, 5}, P75: []float64{1, 4, 8, 9}},
		{Name: "负能量", Mean: []float64{0, 2, 5, 9}, P25: []float64{0, 1, 3, 6}, P75: []float64{0, 3, 7, 12}},
	}}
}

func testShares() Shares {
	return Shares{Plans: []SharePlan{
		{Name: "none", Backlash: 1, BacklashLo: 1, BackHi: 1, Reach: 900, ReachLo: 850, ReachHi: 950},
		{Name: "ris", Ours: 0.52, OursLo: 0.5, OursHi: 0.54, Backlash: 0.48, BacklashLo: 0.46, BackHi: 0.5, Reach: 300, ReachLo: 280, ReachHi: 320},
	}}
}

// TestCompeteFigures renders both figures in every format and language and
// checks the data files: a row per content and time point, a row per plan.
func TestCompeteFigures(t *testing.T) {
	for _, lang := range []Lang{English, Chinese} {
		st, err := NewStyle(lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		race, err := NewRaceFigure(st, testRace(), Caption{Graph: "g", Model: "IC", Trials: 10, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		shares, err := NewSharesFigure(st, testShares(), Caption{Graph: "g", Model: "IC", Trials: 10, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []Format{PNG, SVG} {
			for _, fig := range []*Figure{race, shares} {
				var b bytes.Buffer
				if err := fig.Render(&b, f); err != nil || b.Len() < 1000 {
					t.Errorf("%s %s %q: %d bytes, err=%v", lang, f, fig.Title, b.Len(), err)
				}
			}
		}
	}
	var b bytes.Buffer
	if err := testRace().WriteCSV(&b, Chinese); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(b.String(), "\n"); lines != 1+2*4 || !strings.Contains(b.String(), "负能量,3,9,6,12") {
		t.Errorf("race CSV: %d lines, want 9 with 负能量,3,9,6,12:\n%s", lines, b.String())
	}
	b.Reset()
	if err := testShares().WriteCSV(&b, English); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "ris,0.52,0.5,0.54,0.48,0.46,0.5,300,280,320") || !strings.Contains(b.String(), "backlash_reach,backlash_reach_lo,backlash_reach_hi") {
		t.Errorf("shares CSV lacks the ris row or the reach columns:\n%s", b.String())
	}
	b.Reset()
	if err := testShares().WriteCSV(&b, Chinese); err != nil {
		t.Fatal(err)
	}
	if head, _, _ := strings.Cut(b.String(), "\n"); strings.ContainsAny(head, "_abcdefghijklmnopqrstuvwxyz") || !strings.Contains(head, "负能量触达人数下限") {
		t.Errorf("Chinese shares CSV header: got=%q, want Chinese words only", head)
	}
}

func TestCompeteFiguresRejectBadData(t *testing.T) {
	st, err := NewStyle(English, nil)
	if err != nil {
		t.Fatal(err)
	}
	short := testRace()
	short.Contents[1].P75 = short.Contents[1].P75[:2]
	if _, err := NewRaceFigure(st, short, Caption{}); err == nil || !strings.Contains(err.Error(), "负能量 p75 has 2 points") {
		t.Errorf("short series: got=%v", err)
	}
	if _, err := NewRaceFigure(st, Race{Time: []float64{0, 1}}, Caption{}); err == nil {
		t.Error("a race without contents was accepted")
	}
	bad := testShares()
	bad.Plans[1].Ours = 1.5
	if _, err := NewSharesFigure(st, bad, Caption{}); err == nil || !strings.Contains(err.Error(), "outside [0, 1]") {
		t.Errorf("share 1.5: got=%v", err)
	}
	for _, reach := range [][3]float64{{-1, -2, 0}, {5, 6, 7}, {5, 4, math.Inf(1)}, {math.NaN(), 0, 1}} {
		bad := testShares()
		bad.Plans[1].Reach, bad.Plans[1].ReachLo, bad.Plans[1].ReachHi = reach[0], reach[1], reach[2]
		if _, err := NewSharesFigure(st, bad, Caption{}); err == nil || !strings.Contains(err.Error(), "reach") {
			t.Errorf("reach %v: got=%v, want an error naming the reach", reach, err)
		}
	}
	if _, err := NewSharesFigure(st, Shares{}, Caption{}); err == nil {
		t.Error("no plans was accepted")
	}
}

// TestRaceLegendFormats checks every legend label of the race figure in both
// languages: each names its content and holds no broken format verb ("%!").
func TestRaceLegendFormats(t *testing.T) {
	for _, lang := range []Lang{English, Chinese} {
		st, err := NewStyle(lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		f, err := NewRaceFigure(st, testRace(), Caption{Graph: "g", Model: "IC", Trials: 10, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Legend) != 2 {
			t.Fatalf("%s: got=%d legend entries, want=2", lang, len(f.Legend))
		}
		for i, e := range f.Legend {
			if strings.Contains(e.Text, "%!") || !strings.HasPrefix(e.Text, testRace().Contents[i].Name) || !strings.Contains(e.Text, "50%") {
				t.Errorf("%s legend %d: got=%q, want the content's name and 50%% without a broken verb", lang, i, e.Text)
			}
		}
	}
}
