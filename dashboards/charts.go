package dashboards

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/laocai-dpi/dpi/ingest/province"
)

// Chart is an ECharts option built from typed go-echarts values. Pages
// embed its JSON (HTML-escaped: "<" is written \u003c, so no data can close
// the script element) in <script type="application/json">, and a static
// script of ours draws it. go-echarts' Render() is never used: it writes
// options unescaped into an executable script.
type Chart struct {
	ID     string
	Option Option
}

// JSON marshals the option with encoding/json's HTML escaping.
func (c *Chart) JSON() ([]byte, error) { return json.Marshal(c.Option) }

// Option is the top-level ECharts option the pages use. Fields go-echarts
// does not model (tooltip.renderMode, aria) are added by small wrappers.
type Option struct {
	Title   opts.Title            `json:"title"`
	Legend  *opts.Legend          `json:"legend,omitempty"`
	Tooltip Tooltip               `json:"tooltip"`
	Toolbox opts.Toolbox          `json:"toolbox"`
	Grid    *opts.Grid            `json:"grid,omitempty"`
	XAxis   []opts.XAxis          `json:"xAxis,omitempty"`
	YAxis   []opts.YAxis          `json:"yAxis,omitempty"`
	Radar   *opts.RadarComponent  `json:"radar,omitempty"`
	Series  []charts.SingleSeries `json:"series"`
	Aria    Aria                  `json:"aria"`
	Color   []string              `json:"color,omitempty"`
	Graphic []Graphic             `json:"graphic,omitempty"`
}

// Graphic is an ECharts graphic element. The pages use one: the footer of
// the PNG download (FooterID), the view's notes, invisible on screen (the
// table under the chart carries them); portal/static/charts.js prints its
// text under the chart when the reader downloads the image, so that an
// image passed on still says what it shows.
type Graphic struct {
	Type      string       `json:"type"`
	ID        string       `json:"id"`
	Invisible bool         `json:"invisible"`
	Style     GraphicStyle `json:"style"`
}

// GraphicStyle is a graphic text's style.
type GraphicStyle struct {
	Text       string `json:"text"`
	FontSize   int    `json:"fontSize"`
	LineHeight int    `json:"lineHeight"`
	Fill       string `json:"fill"`
}

// FooterID is the id of the footer element; its text is one note a line.
const FooterID = "export-footer"

// Footer sets the lines printed under the chart in its PNG download.
func (o *Option) Footer(lines []string) {
	var keep []Graphic // a new slice: copies of the option may share the old one
	for _, g := range o.Graphic {
		if g.ID != FooterID {
			keep = append(keep, g)
		}
	}
	o.Graphic = keep
	if len(lines) == 0 {
		return
	}
	o.Graphic = append(o.Graphic, Graphic{Type: "text", ID: FooterID, Invisible: true,
		Style: GraphicStyle{Text: strings.Join(lines, "\n"), FontSize: 11, LineHeight: 16, Fill: "#57606a"}})
}

// FooterLines are the footer's lines (none without a footer).
func (o *Option) FooterLines() []string {
	for _, g := range o.Graphic {
		if g.ID == FooterID {
			return strings.Split(g.Style.Text, "\n")
		}
	}
	return nil
}

// imageName is the PNG download's file name (without .png): the chart's
// title in ASCII, "diem-pci-2008-2016", never ECharts' default "echarts".
func imageName(title string) string {
	s := slug(province.Fold(title))
	if r := []rune(s); len(r) > 80 {
		s = strings.TrimRight(string(r[:80]), "-")
	}
	if s == "" {
		return "bieu-do-pci"
	}
	return s
}

// Tooltip is drawn as rich text on the canvas (renderMode "richText"): the
// HTML tooltip would write style attributes, which the pages' CSP refuses,
// and it would put data into innerHTML.
type Tooltip struct {
	opts.Tooltip
	RenderMode string `json:"renderMode,omitempty"`
}

// Aria makes ECharts describe the chart to screen readers.
type Aria struct {
	Enabled bool `json:"enabled"`
}

// palette: colour-blind-safe (Okabe–Ito), Lào Cai's line first when present.
var palette = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"}

const medianColor = "#6e7781"

func newOption(title, subtitle, lang string) Option {
	return Option{
		Title:   opts.Title{Title: title, Subtitle: subtitle, Left: "center"},
		Tooltip: Tooltip{Tooltip: opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}, RenderMode: "richText"},
		Toolbox: opts.Toolbox{Show: opts.Bool(true), Right: "8", Feature: &opts.ToolBoxFeature{
			SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{Show: opts.Bool(true), Type: "png", Name: imageName(title), Title: tr(lang, "Tải ảnh PNG", "Download PNG")},
		}},
		Grid:  &opts.Grid{Left: "3%", Right: "4%", Top: "90", Bottom: "40", ContainLabel: opts.Bool(true)},
		Aria:  Aria{Enabled: true},
		Color: palette,
	}
}

func sourceLine(lang string, sample bool) string {
	s := tr(lang, "Nguồn: VCCI/USAID PCI (pcivietnam.vn)", "Source: VCCI/USAID PCI (pcivietnam.vn)")
	if sample {
		s += tr(lang, " · có DỮ LIỆU MẪU, không phải số liệu chính thức", " · includes SAMPLE data, not official figures")
	}
	return s
}

// dash is ECharts' "no value": a gap in a line, no bar.
const dash = "-"

func num(v float64) any { return roundTo(v, 4) }

// roundTo trims float noise for the chart only (tables and the API keep
// full precision): 66.45120000001 → 66.4512.
func roundTo(v float64, dec int) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', dec, 64), 64)
	return f
}
