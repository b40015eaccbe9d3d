package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"time"
)

// isTerminal reports whether w is a character device (a terminal), so that a
// progress line drawn with carriage returns reads well there and nowhere else.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// buildVersion returns the stamped version, or the module version recorded
// by the go command, or "dev".
func buildVersion() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}

// progress draws one self-updating line on a terminal: what is being done,
// how far, and the time left. It is safe for concurrent use, draws at most
// five times a second, and does nothing when disabled.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	label   string
	start   time.Time
	last    time.Time
	drawn   bool
	enabled bool
}

func newProgress(e *env, quiet bool, label string) *progress {
	return &progress{w: e.stderr, label: label, start: time.Now(), enabled: e.interactive && !quiet}
}

// Update reports that done of total units are finished.
func (p *progress) Update(done, total int) {
	if !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.start) < time.Second || (now.Sub(p.last) < 200*time.Millisecond && done < total) {
		return // quick work needs no progress line
	}
	p.last = now
	eta := ""
	if done > 0 && done < total {
		left := time.Duration(float64(now.Sub(p.start)) * float64(total-done) / float64(done))
		eta = fmt.Sprintf("  about %s left", left.Round(time.Second))
	}
	pct := 100 * float64(done) / float64(max(total, 1))
	fmt.Fprintf(p.w, "\r\033[K%s %5.1f%% (%d/%d)%s", p.label, pct, done, total, eta)
	p.drawn = true
}

// Done clears the progress line.
func (p *progress) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}
