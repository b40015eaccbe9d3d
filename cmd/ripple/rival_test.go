package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/results"
)

func TestParseRival(t *testing.T) {
	cases := []struct {
		spec     string
		name     string
		seeds    string
		delay    float64
		strength float64
		groups   int
		err      string
	}{
		{spec: "backlash=top-degree:3@1", name: "backlash", seeds: "top-degree:3", delay: 1, strength: 0.05, groups: 1},
		{spec: "负能量=@李雷,@韩梅梅@2:0.2", name: "负能量", seeds: "@李雷,@韩梅梅", delay: 2, strength: 0.2, groups: 1},
		{spec: "r = random:5;band:3:10-40@2 @0", name: "r", seeds: "random:5;band:3:10-40@2", delay: 0, strength: 0.05, groups: 2},
		{spec: "x=a@0:1", name: "x", seeds: "a", strength: 1, groups: 1},
		{spec: "=a@1", err: "no name"},
		{spec: "a@1", err: "no name"},
		{spec: "r=a", err: "no @DELAY"},
		{spec: "r=a@soon", err: `delay "soon" is not a number`},
		{spec: "r=a@-1", err: "before ours"},
		{spec: "r=a@NaN", err: "not a number"},
		{spec: "r=a@1:1.5", err: "strength"},
		{spec: "r=@1", err: "no seeds"},
		{spec: "r=random:0@1", err: "K"},
	}
	for _, tc := range cases {
		t.Run(tc.spec, func(t *testing.T) {
			r, err := parseRival(tc.spec, 0.05)
			if tc.err != "" {
				var u *usageError
				if err == nil || !strings.Contains(err.Error(), tc.err) || !errors.As(err, &u) {
					t.Fatalf("got=%v, want a usage error containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.name != tc.name || r.seeds != tc.seeds || r.delay != tc.delay || r.strength != tc.strength || len(r.groups) != tc.groups {
				t.Errorf("got=%+v, want name=%q seeds=%q delay=%v strength=%v groups=%d", r, tc.name, tc.seeds, tc.delay, tc.strength, tc.groups)
			}
		})
	}
}

// FuzzParseRival: no spec may panic, and an accepted one must have a name,
// seeds, a delay ≥ 0 and a strength in [0, 1].
func FuzzParseRival(f *testing.F) {
	for _, s := range []string{"backlash=top-degree:3@1", "负能量=@李雷@2:0.2", "a=b@", "=@", "a=b@1:", "a=b@1:2:3", "a=;;@1", "a=x@1e308"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := parseRival(s, 0.1)
		if err != nil {
			return
		}
		if r.name == "" || len(r.groups) == 0 || !(r.delay >= 0) || math.IsInf(r.delay, 0) || !(r.strength >= 0 && r.strength <= 1) {
			t.Errorf("parseRival(%q) accepted %+v", s, r)
		}
	})
}

func TestRunWithRival(t *testing.T) {
	g := smallGraph(t)
	args := []string{"run", "--graph", g, "--seeds", "大V", "--rival", "backlash=alice,bob@1:0.4", "--strength", "0.3", "--trials", "3000", "--threshold", "0.5"}
	var outs []string
	for _, w := range []string{"1", "4"} {
		out, _, err := ripple(t, context.Background(), append(args, "--workers", w, "--format", "json")...)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(withoutTiming(t, out))
		outs = append(outs, string(b))
	}
	if outs[0] != outs[1] {
		t.Errorf("workers=1 and workers=4 differ:\n%s\n%s", outs[0], outs[1])
	}
	var rep struct {
		Reach  struct{ Mean float64 }
		Rivals []struct {
			Name  string
			Reach struct{ Mean float64 }
			Start float64
		}
		Share struct {
			Ours      float64
			OursCI95  [2]float64 `json:"ours_ci95"`
			ByContent []struct {
				Name  string
				Share float64
			} `json:"by_content"`
		}
	}
	if err := json.Unmarshal([]byte(outs[0]), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Rivals) != 1 || rep.Rivals[0].Name != "backlash" || rep.Rivals[0].Start != 1 || !(rep.Rivals[0].Reach.Mean > 0) {
		t.Fatalf("rivals: got=%+v, want backlash starting at 1 with some reach", rep.Rivals)
	}
	// Nobody converts, so everyone reached holds exactly one content: the
	// share of ours is its reach over both reaches.
	want := rep.Reach.Mean / (rep.Reach.Mean + rep.Rivals[0].Reach.Mean)
	if math.Abs(rep.Share.Ours-want) > 1e-4 || !(rep.Share.OursCI95[0] < want && want < rep.Share.OursCI95[1]) {
		t.Errorf("share.ours: got=%v (CI %v), want=%v", rep.Share.Ours, rep.Share.OursCI95, want)
	}
	if len(rep.Share.ByContent) != 2 || math.Abs(rep.Share.ByContent[0].Share+rep.Share.ByContent[1].Share-1) > 1e-9 {
		t.Errorf("shares by content: got=%+v, want two summing to 1", rep.Share.ByContent)
	}

	text, _, err := ripple(t, context.Background(), append(args, "--lang", "zh")...)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"对手内容 backlash", "我方先到占比", "先收到我方内容"} {
		if !strings.Contains(text, w) {
			t.Errorf("Chinese summary lacks %q:\n%s", w, text)
		}
	}
	dir := filepath.Join(t.TempDir(), "out")
	if _, _, err := ripple(t, context.Background(), append(args, "--out", dir, "--figure-format", "png")...); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"race.png", "race.csv", "summary.json", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("--out: %v", err)
		}
	}
}

func TestRivalBadInput(t *testing.T) {
	g := smallGraph(t)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"same name as ours", []string{"--rival", "ours=alice@1"}, `two contents named "ours"`},
		{"two rivals one name", []string{"--rival", "r=alice@1", "--rival", "r=bob@1"}, `two contents named "r"`},
		{"overlap", []string{"--rival", "r=alice,大V@1"}, `"大V" seeds both "ours" and "r"`},
		{"no seeds", []string{"--rival", "r=@1"}, "no seeds"},
		{"start before zero", []string{"--rival", "r=alice@-2"}, "before ours"},
		{"unknown label", []string{"--rival", "r=nobody@1"}, "nobody"},
		{"model", []string{"--rival", "r=alice@1", "--model", "lt"}, "--model ic"},
		{"timed", []string{"--rival", "r=alice@1", "--delay", "exp:2"}, "--delay generation"},
		{"precision", []string{"--rival", "r=alice@1", "--precision", "0.01"}, "--precision"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantUsageError(t, append([]string{"run", "--graph", g, "--seeds", "大V", "--trials", "10"}, tc.args...), tc.want)
		})
	}
}

// TestRivalTexts renders ripple run with a rival in both languages with a
// folder: the summary and race.csv hold no broken format verb ("%!"), the
// rival's line states its delay and strength (not the one as the other),
// Chinese output holds no "ours", and the race caption states every
// content's strength.
func TestRivalTexts(t *testing.T) {
	g := smallGraph(t)
	for _, tc := range []struct {
		lang          string
		l             results.Lang
		line, caption string
	}{
		{"en", results.English, "alice, bob, 2 generations after ours, strength 0.4", "IC, ours s = 0.3, backlash s = 0.4"},
		{"zh", results.Chinese, "alice, bob，比我方晚 2 代启动，传播动力 0.4", "IC，我方内容 s = 0.3，backlash s = 0.4"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			out, _, err := ripple(t, context.Background(), "run", "--graph", g, "--seeds", "大V", "--rival", "backlash=alice,bob@2:0.4",
				"--strength", "0.3", "--trials", "200", "--lang", tc.lang, "--out", dir, "--quiet")
			if err != nil {
				t.Fatal(err)
			}
			csv, err := os.ReadFile(filepath.Join(dir, "race.csv"))
			if err != nil {
				t.Fatal(err)
			}
			for name, s := range map[string]string{"summary": out, "race.csv": string(csv)} {
				if strings.Contains(s, "%!") {
					t.Errorf("%s holds a broken format verb:\n%s", name, s)
				}
				if tc.lang == "zh" && strings.Contains(s, "ours") {
					t.Errorf("%s says \"ours\" under --lang zh:\n%s", name, s)
				}
			}
			if !strings.Contains(out, tc.line) {
				t.Errorf("summary lacks the rival line %q:\n%s", tc.line, out)
			}
			var rep competeReport
			rep.Model.Strength = 0.3
			rep.Rivals = []rivalJSON{{outcomeJSON: outcomeJSON{Name: "backlash"}, Strength: 0.4}}
			model := fmt.Sprintf(textsFor(tc.l).CaptionModel, "IC", "0.3")
			if got := rivalTextsFor(tc.l).captionModel(model, &rep); got != tc.caption {
				t.Errorf("caption model: got=%q, want=%q", got, tc.caption)
			}
		})
	}
}
