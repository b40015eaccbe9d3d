package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// zhAllowed are the Latin words a Chinese reader may meet in --lang zh
// output: the program and its commands, model and estimate abbreviations,
// statistics notation, flag names and the seed syntax the user typed, file
// formats.
var zhAllowed = []string{
	"ripple", "run", "compare", "tipping", "IC", "LT", "SIR", "Watts", "CI", "P", "n", "s", "t", "f", "q",
	"trials", "threshold", "from", "to", "strength", "seeds", "random", "top", "degree", "band",
	"png", "svg", "pdf", "csv", "json", "tsv", "graphml", "gexf", "rgraph", "UTF", "GB", "Inf", "NaN", "KOL", "KOC",
}

var latinWord = regexp.MustCompile(`[A-Za-z]+`)

// englishWords returns the Latin words of s outside zhAllowed and the given
// extra words (labels and paths of the test).
func englishWords(s string, extra ...string) []string {
	var bad []string
	for _, w := range latinWord.FindAllString(s, -1) {
		if !slices.Contains(zhAllowed, w) && !slices.Contains(extra, w) && !slices.Contains(bad, w) {
			bad = append(bad, w)
		}
	}
	return bad
}

// TestChineseEndToEnd renders every simulation command with --lang zh (text,
// --format csv, and the CSV files of --out) and fails on English words a
// Chinese reader would meet. JSON keys stay English and are not checked.
func TestChineseEndToEnd(t *testing.T) {
	g := smallGraph(t)
	tmp := t.TempDir()
	// The test's own words: node labels, file and folder names.
	extra := []string{"V", "alice", "bob", "carol", "dave", "erin", "frank", "tiny", "txt", "out", "tmp"}
	extra = append(extra, latinWord.FindAllString(tmp+" "+g, -1)...)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"run", []string{"run", "--seeds", "大V"}},
		{"run precision", []string{"run", "--seeds", "random:5", "--threshold", "0.5", "--precision", "0.0001"}},
		{"run launches", []string{"run", "--seeds", "大V;random:2@1", "--broadcast", "f=0.2,q=0.1,t=1", "--cost-per-seed", "10", "--cost-per-follower", "1"}},
		{"compare", []string{"compare", "--plan", "大V=大V", "--plan", "素人=random:2"}},
		{"tipping", []string{"tipping", "--seeds", "大V", "--grid", "4", "--refine", "0"}},
		{"tipping seeds", []string{"tipping", "--axis", "seeds", "--seeds", "random:1", "--from", "1", "--to", "4", "--grid", "4", "--refine", "0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(tmp, strings.ReplaceAll(tc.name, " ", "_"))
			extra := append(extra, latinWord.FindAllString(dir, -1)...)
			common := []string{"--graph", g, "--trials", "100", "--lang", "zh", "--out", dir, "--figure-format", ""}
			out, errOut, err := ripple(t, context.Background(), append(tc.args, common...)...)
			if err != nil {
				t.Fatal(err)
			}
			if bad := englishWords(out+errOut, extra...); len(bad) > 0 {
				t.Errorf("text output has English words %q:\n%s%s", bad, out, errOut)
			}
			csvOut, errOut, err := ripple(t, context.Background(), append(tc.args, "--graph", g, "--trials", "100", "--lang", "zh", "--format", "csv")...)
			if err != nil {
				t.Fatal(err)
			}
			if header, _, _ := strings.Cut(csvOut, "\n"); len(englishWords(header, extra...)) > 0 || len(englishWords(errOut, extra...)) > 0 {
				t.Errorf("--format csv header or warnings have English words %q %q", englishWords(header, extra...), englishWords(errOut, extra...))
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
			if len(files) == 0 {
				t.Fatal("no CSV files written")
			}
			for _, f := range files {
				b, _ := os.ReadFile(f)
				header, _, _ := strings.Cut(string(b), "\n")
				if bad := englishWords(header, extra...); len(bad) > 0 {
					t.Errorf("%s header has English words %q: %s", filepath.Base(f), bad, header)
				}
			}
		})
	}
}
