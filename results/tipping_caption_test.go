package results_test

import (
	"strings"
	"testing"

	"github.com/ripple-sim/ripple/results"
)

// TestTippingCaptionAtMost: when points stopped early the tipping figure's
// caption gives the trials as a cap per point, in both languages; with
// fixed trials it keeps the plain count.
func TestTippingCaptionAtMost(t *testing.T) {
	for _, tc := range []struct {
		lang   results.Lang
		atMost bool
		want   string
	}{
		{results.English, true, "up to 2,000 trials per point"},
		{results.English, false, "·  2,000 trials  ·"},
		{results.Chinese, true, "每点至多 2,000 次试验"},
		{results.Chinese, false, "·  2,000 次试验  ·"},
	} {
		s, err := results.NewStyle(tc.lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		d := exampleTipping()
		d.AtMost = tc.atMost
		f, err := results.NewTippingFigure(s, d, exampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(f.Caption, tc.want) {
			t.Errorf("%s, at most %v: caption %q lacks %q", tc.lang, tc.atMost, f.Caption, tc.want)
		}
	}
}
