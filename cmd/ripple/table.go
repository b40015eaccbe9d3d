package main

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"
)

// table lays out rows in columns for a terminal. Unlike text/tabwriter it
// measures cells by display width, so Chinese plan names (two columns per
// character) stay aligned.
type table struct {
	rows  [][]string
	right []bool // right-align column i
}

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

// displayWidth is the number of terminal columns s takes.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 2
		default:
			w++
		}
	}
	return w
}

// write prints the rows with two spaces between columns.
func (t *table) write(w io.Writer) {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range t.rows {
		var b strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-displayWidth(c))
			switch {
			case i < len(t.right) && t.right[i]:
				b.WriteString(pad + c)
			case i == len(r)-1:
				b.WriteString(c)
			default:
				b.WriteString(c + pad)
			}
			if i < len(r)-1 {
				b.WriteString("  ")
			}
		}
		fmt.Fprintln(w, b.String())
	}
}
