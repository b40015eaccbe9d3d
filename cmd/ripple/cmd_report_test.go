package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ripple-sim/ripple/results"
)

// reportFolder runs compare on the small graph with SVG figures into a new
// folder and returns it.
func reportFolder(t *testing.T, lang string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	_, _, err := ripple(t, context.Background(), "compare", "--graph", smallGraph(t), "--strength", "0.3",
		"--plan", "KOL=top-degree:1", "--plan", "KOC=random:3", "--cost-per-seed", "100",
		"--trials", "200", "--quiet", "--lang", lang, "--out", dir, "--figure-format", "svg")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// folderSVGs returns the SVG files the folder's manifest lists, by name.
func folderSVGs(t *testing.T, dir string) map[string]string {
	t.Helper()
	var m results.Manifest
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	svgs := map[string]string{}
	for _, f := range m.Files {
		if strings.HasSuffix(f.Name, ".svg") {
			svgs[f.Name] = f.SHA256
		}
	}
	if len(svgs) == 0 {
		t.Fatal("the folder has no SVG figure")
	}
	return svgs
}

func TestReportCommand(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			dir := reportFolder(t, lang)
			out, _, err := ripple(t, context.Background(), "report", dir, "--lang", lang)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"en": "report written to", "zh": "报告已写入"}[lang]
			if !strings.Contains(out, want) {
				t.Errorf("stdout %q lacks %q", out, want)
			}
			page, err := os.ReadFile(filepath.Join(dir, "report.html"))
			if err != nil {
				t.Fatal(err)
			}
			for name := range folderSVGs(t, dir) {
				svg, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				body := strings.TrimSpace(string(svg[strings.Index(string(svg), "<svg"):]))
				if !strings.Contains(string(page), body) {
					t.Errorf("%s is not inlined byte for byte", name)
				}
			}
			words := map[string][]string{"en": {"KOL reaches", "Method and assumptions"}, "zh": {"KOL 平均触达", "方法与假设"}}[lang]
			for _, w := range words {
				if !strings.Contains(string(page), w) {
					t.Errorf("page lacks %q", w)
				}
			}
			// A second report over the first is allowed (report.html is not a
			// result file); a folder edited since is refused, nothing written.
			if err := os.WriteFile(filepath.Join(dir, "compare.csv"), []byte("edited\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			other := filepath.Join(t.TempDir(), "r.html")
			_, _, err = ripple(t, context.Background(), "report", dir, "--out", other)
			if err == nil || !strings.Contains(err.Error(), "compare.csv") || !strings.Contains(err.Error(), "mixes two runs") {
				t.Errorf("edited folder: error %v", err)
			}
			if _, err := os.Stat(other); err == nil {
				t.Error("a page was written for an edited folder")
			}
		})
	}
	if _, _, err := ripple(t, context.Background(), "report"); err == nil || !strings.Contains(err.Error(), "one results folder") {
		t.Errorf("no folder: %v", err)
	}
}

// consoleLine is how Chromium logs a page's console message on stderr.
var consoleLine = regexp.MustCompile(`(?m)^.*:CONSOLE[:(].*$`)

// headless loads file in headless Chromium and returns the DOM it built and
// the console messages it logged.
func headless(t *testing.T, chromium, file string) (dom string, console []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0", "--dump-dom", "file://"+file)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return string(b), consoleLine.FindAllString(stderr.String(), -1)
}

// TestReportInChromium loads the page in headless Chromium: no console
// error, and every figure of the DOM is one of the folder's SVG files, by
// the SHA-256 the manifest records, each once.
func TestReportInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the page is not loaded in Chromium (about 15 s)")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (apt-get install chromium): the page is not checked in a browser")
	}
	// The check must be able to fail: a page that logs to the console is caught.
	bad := filepath.Join(t.TempDir(), "bad.html")
	if err := os.WriteFile(bad, []byte(`<!DOCTYPE html><p>x<script>console.error("boom")</script>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, console := headless(t, chromium, bad); len(console) == 0 {
		t.Fatal("a console.error was not seen: the console check cannot fail")
	}
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			dir := reportFolder(t, lang)
			if _, _, err := ripple(t, context.Background(), "report", dir); err != nil {
				t.Fatal(err)
			}
			abs, err := filepath.Abs(filepath.Join(dir, "report.html"))
			if err != nil {
				t.Fatal(err)
			}
			dom, console := headless(t, chromium, abs)
			if len(console) > 0 {
				t.Errorf("console messages:\n%s", strings.Join(console, "\n"))
			}
			want := folderSVGs(t, dir)
			figs := regexp.MustCompile(`<figure data-file="([^"]+)" data-sha256="([0-9a-f]+)">\s*<svg`).FindAllStringSubmatch(dom, -1)
			if len(figs) != len(want) {
				t.Fatalf("the DOM has %d figures with an svg, the folder %d SVG files", len(figs), len(want))
			}
			for _, f := range figs {
				if want[f[1]] != f[2] {
					t.Errorf("figure %s has SHA-256 %s, the manifest %s", f[1], f[2], want[f[1]])
				}
			}
			if n := strings.Count(dom, "<svg"); n != len(want) {
				t.Errorf("the DOM has %d svg elements, want %d", n, len(want))
			}
			if !strings.Contains(dom, `<html lang="`+map[string]string{"en": "en", "zh": "zh-CN"}[lang]+`"`) {
				t.Error("the page's language is not the folder's")
			}
		})
	}
}
