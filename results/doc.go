// Package results turns the numbers of a ripple run into what a strategist pastes
// into a proposal: figures (PNG, SVG, PDF at 16:9 slide size), the tidy data behind
// every figure (CSV, UTF-8 with a byte-order mark), and a JSON manifest that records
// how to reproduce them.
//
// # Figures
//
// Each figure has a plain input type filled by the caller (the CLI fills it from the
// engine's summary) and a constructor that returns a *Figure:
//
//   - NewReachFigure: the reach distribution on a log axis (five bins per
//     decade), with the cascade threshold θ·n and the share of fizzles and
//     cascades on either side of it. It reads counted buckets (ReachCounter),
//     so the engine's histogram plugs in; TrialReach adapts per-trial values.
//   - NewSpreadFigure: mean cumulative reach over generations or hours, with 50% and
//     90% bands and the point where spreading becomes self-sustaining. The rule
//     is SelfSustaining on the mean new activations per generation, or
//     SelfSustainingTime on the mean new activations per time bin for hours
//     (rising incidence is the timed analogue of a branching factor ≥ 1). The
//     point is drawn only when the median launch grows too; on a bimodal run,
//     where most launches fizzle and a few explode, the mean grows while the
//     typical launch does not, and the legend says so instead of marking a
//     point that describes no actual launch.
//   - NewTippingFigure: P(cascade) with its interval and mean reach against the
//     swept axis — spread strength, number of start points, budget or a
//     broadcast's reach (two panels) — the estimated tipping point with its
//     interval and the analytic threshold.
//   - NewPlanFigure: horizontal bars, one row per plan: mean reach, P(cascade)
//     (when the plans carry it, on a fixed 0–100% axis) and the cost per person
//     reached (when plans have costs), each with its 95% interval.
//
// A Figure is one or more gonum/plot panels side by side, a title, a legend row
// under it (so no legend hides data) and a caption line naming the graph,
// model, trials and seed. Panels side by side share the top and bottom of their
// data areas and their axis lines, whatever their tick labels. Linear axes are
// ticked at round steps (1, 2, 2.5 or 5 × 10^k, from a multiple of the step);
// generations and numbers of start points at whole steps; hours at 1, 2, 3, 6,
// 12, 24 or 48 hours or whole multiples of days. The default size is 8 × 4.5
// inches (16:9); PNGs are 240 dpi, 1920 × 1080 pixels. Figure.Save picks PNG, SVG or PDF by extension and
// writes atomically. The panels are ordinary *plot.Plot values and may be adjusted
// before saving.
//
// # Languages and fonts
//
// Every string of a figure comes from one table per language (Lang "en" or "zh").
// All text is set in one font: by default a subset of Noto Sans CJK SC (SIL OFL 1.1,
// see fonts/OFL.txt) embedded in the binary, built by scripts/subset-font.sh; it
// covers Latin, punctuation and the 3,755 common hanzi of GB2312 level 1 besides
// every label. NewStyle accepts another TrueType or OpenType font.
//
// PNG text is rasterised by gonum/plot. In SVG and PDF the text is drawn as glyph
// outlines (filled paths) rather than as text objects: gonum/plot's PDF backend
// encodes text as code page 1252 and garbles Chinese, and its SVG backend would
// otherwise have to embed the whole font in every file. Outlines render the same in
// every viewer with no font installed; the price is that SVG and PDF text cannot be
// selected or searched.
//
// # Data files
//
// Each input type has a WriteCSV method writing the numbers behind its figure;
// headers follow the Lang (machine-friendly snake_case in English, Chinese in
// Chinese). The CSV files carry a header row and no comment line: Excel and pandas read them
// as they are, and provenance lives in the manifest, which lists every file written
// with its SHA-256. Every cell passes through SafeCell, so no label runs as a
// spreadsheet formula.
//
// # The results folder
//
// OutDir writes a results folder as a whole: files go into a staging folder
// beside it (OutDir.Write records each in the manifest with its digest) and
// Commit swaps the staging folder in with one atomic exchange, so a reader or a
// process killed at any moment finds the earlier complete result or the new
// one. It locks the folder against a second writer, fails before any work when
// the folder cannot be written, and removes only the files the earlier manifest
// lists with their current digest; anything else in the folder is kept. A
// single figure saved on its own (Figure.Save) is written with WriteFileAtomic.
package results
