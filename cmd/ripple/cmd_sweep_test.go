package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/sweep"
)

const sweepFile = "../../sweep/testdata/small.yaml"

// sameFiles fails unless every result file of b equals a's (manifest.json
// records the command, so it differs).
func sameFiles(t *testing.T, a, b string, names ...string) {
	t.Helper()
	for _, n := range names {
		x, err := os.ReadFile(filepath.Join(a, n))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, n))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s: %s differs from %s's", b, n, a)
		}
	}
}

var sweepFiles = []string{"results.csv", "summary.csv", "results.json", "shard.json"}

// TestSweepShardsMerge: three shards and one merged give the unsharded
// sweep's files byte for byte; a shard of another scenario is refused by
// name and the merge writes nothing.
func TestSweepShardsMerge(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	all := filepath.Join(dir, "all")
	out, _, err := ripple(t, ctx, "sweep", sweepFile, "--block", "64", "--out", all)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "3 points") {
		t.Errorf("got=%q, want the number of points", out)
	}
	// The name comes from sweep.StoreDir, so that a renamed checkpoint
	// folder cannot make this check pass vacuously.
	if _, err := os.Stat(sweep.StoreDir(all)); !os.IsNotExist(err) {
		t.Errorf("checkpoints left after a finished sweep: %v", err)
	}
	var parts []string
	for _, p := range []string{"1/3", "2/3", "3/3"} {
		d := filepath.Join(dir, "p"+p[:1])
		if _, _, err := ripple(t, ctx, "sweep", sweepFile, "--block", "64", "--shard", p, "--workers", "1", "--out", d); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, d)
	}
	merged := filepath.Join(dir, "merged")
	if _, _, err := ripple(t, ctx, append([]string{"merge", "--out", merged}, parts...)...); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, all, merged, sweepFiles...)
	one := filepath.Join(dir, "one")
	if _, _, err := ripple(t, ctx, "merge", all, "--out", one); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, all, one, sweepFiles...)

	src, err := os.ReadFile(sweepFile)
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.yaml")
	if err := os.WriteFile(other, bytes.Replace(src, []byte("seed: 42"), []byte("seed: 7"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "foreign")
	if _, _, err := ripple(t, ctx, "sweep", other, "--block", "64", "--shard", "3/3", "--out", foreign); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad")
	_, _, err = ripple(t, ctx, "merge", parts[0], parts[1], foreign, "--out", bad)
	if err == nil || !strings.Contains(err.Error(), "foreign") || !strings.Contains(err.Error(), "another sweep") {
		t.Errorf("foreign shard: got=%v, want a refusal naming it", err)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("a refused merge wrote %s", bad)
	}
}

// TestSweepResume: an interrupted sweep keeps its checkpoints, a new sweep
// into the folder refuses without --resume, and --resume finishes with the
// uninterrupted sweep's files.
func TestSweepResume(t *testing.T) {
	dir := t.TempDir()
	all := filepath.Join(dir, "all")
	if _, _, err := ripple(t, context.Background(), "sweep", sweepFile, "--block", "64", "--out", all); err != nil {
		t.Fatal(err)
	}
	d := filepath.Join(dir, "d")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := ripple(t, ctx, "sweep", sweepFile, "--block", "64", "--out", d)
	if err == nil || !strings.Contains(err.Error(), "--resume") {
		t.Fatalf("interrupted: got=%v, want the way to resume", err)
	}
	if _, _, err := ripple(t, context.Background(), "sweep", sweepFile, "--block", "64", "--out", d); err == nil || !strings.Contains(err.Error(), "--resume") {
		t.Fatalf("without --resume: got=%v, want a refusal", err)
	}
	if _, _, err := ripple(t, context.Background(), "sweep", sweepFile, "--block", "64", "--out", d, "--resume"); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, all, d, sweepFiles...)
}

// TestSweepBadInput: a broken scenario reports every problem with its line
// and starts nothing; an unwritable --out fails before any trial.
func TestSweepBadInput(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(broken, []byte("model: {name: ic, strength: -1}\nplans:\n  - {name: a, seeds: \"top-degree:1\"}\ntrials: 0\nthreshold: 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	_, _, err := ripple(t, context.Background(), "sweep", broken, "--out", out)
	if err == nil {
		t.Fatal("a broken scenario ran")
	}
	for _, want := range []string{"broken.yaml:1", "broken.yaml:4", "broken.yaml:5", "trials", "threshold", "strength"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not name %q:\n%v", want, err)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a broken scenario created %s", out)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = ripple(t, context.Background(), "sweep", sweepFile, "--out", filepath.Join(file, "out"))
	if err == nil || !strings.Contains(err.Error(), "--out") {
		t.Errorf("unwritable --out: got=%v", err)
	}
	if _, _, err := ripple(t, context.Background(), "sweep", sweepFile, "--out", out, "--shard", "4/3"); err == nil || !strings.Contains(err.Error(), "--shard") {
		t.Errorf("bad --shard: got=%v", err)
	}
}

// TestSweepChinese: --lang zh puts the tables' headers, verdicts and the
// message in Chinese.
func TestSweepChinese(t *testing.T) {
	out := filepath.Join(t.TempDir(), "zh")
	msg, _, err := ripple(t, context.Background(), "sweep", sweepFile, "--lang", "zh", "--out", out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "个运行点") {
		t.Errorf("message not in Chinese: %q", msg)
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(string(b), "\n")
	for _, w := range []string{"运行点", "方案", "引爆概率", "结论"} {
		if !strings.Contains(head, w) {
			t.Errorf("summary.csv header %q lacks %q", head, w)
		}
	}
	if !strings.Contains(string(b), "越过引爆点") {
		t.Error("summary.csv verdicts not in Chinese")
	}
}
