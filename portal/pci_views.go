package portal

import (
	"errors"
	"github.com/laocai-dpi/dpi/dashboards/export"
	"html/template"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/laocai-dpi/dpi/dashboards"
)

// Shared pieces of the PCI pages: the reference tables, charts embedded as
// JSON, tables as the page shows them, and the download links.

func (s *server) ref(c *gin.Context) (*dashboards.Reference, error) {
	return dashboards.LoadReference(c.Request.Context(), s.db)
}

// dashErr maps the dashboards' errors to what the reader can act on.
func dashErr(err error) error {
	var inv *dashboards.InvalidError
	switch {
	case errors.As(err, &inv):
		return invalid(inv.VI, inv.EN)
	case errors.Is(err, dashboards.ErrNotFound):
		return notFound("Chưa có số liệu PCI nào được nạp", "No PCI data has been loaded yet")
	}
	return err
}

// chartView is a chart as a page embeds it: a container the script fills,
// and the options as HTML-escaped JSON (template.JS is safe here because
// json.Marshal escapes <, > and &: nothing can end the script element).
type chartView struct {
	ID    string
	Title string
	JSON  template.JS
}

func newChartView(ch *dashboards.Chart) (*chartView, error) {
	if ch == nil {
		return nil, nil
	}
	b, err := ch.JSON()
	if err != nil {
		return nil, err
	}
	return &chartView{ID: ch.ID, Title: ch.Option.Title.Title, JSON: template.JS(b)}, nil
}

// tableView is a dashboards.Table with its numbers formatted for the page.
type tableView struct {
	Caption string
	Head    []headCell
	Rows    [][]bodyCell
	Notes   []string
}

type headCell struct {
	Label string
	Num   bool
}

type bodyCell struct {
	Text     string
	Num      bool
	Missing  bool
	Computed bool
	Row      bool   // the row's header cell (province name)
	Href     string // link (province profile)
}

func newTableView(t *dashboards.Table, lang string, link func(row []dashboards.Cell) string) tableView {
	tv := tableView{Caption: t.Title, Notes: t.Notes}
	nameCol := -1
	for i, col := range t.Columns {
		tv.Head = append(tv.Head, headCell{Label: col.Label, Num: num(col)})
		if nameCol < 0 && col.Kind == dashboards.KindText && (col.Key == "province" || col.Key == "province_name") {
			nameCol = i
		}
	}
	for _, row := range t.Rows {
		var out []bodyCell
		for i, cell := range row {
			col := t.Columns[i]
			bc := bodyCell{Text: cell.Text, Row: i == nameCol}
			switch {
			case cell.Num != nil && col.Kind == dashboards.KindInteger:
				bc.Text, bc.Num = formatNumber(*cell.Num, 0, lang), true
			case cell.Num != nil && col.Kind == dashboards.KindCount:
				bc.Text, bc.Num = formatCount(*cell.Num, lang), true
			case cell.Num != nil:
				bc.Text, bc.Num = formatNumber(*cell.Num, 2, lang), true
			case cell.Text == "" && num(col):
				bc.Text, bc.Num, bc.Missing = "—", true, true
			}
			bc.Computed = cell.Note == "computed"
			if bc.Row && link != nil {
				bc.Href = link(row)
			}
			out = append(out, bc)
		}
		tv.Rows = append(tv.Rows, out)
	}
	return tv
}

// num says a column holds numbers (right-aligned, formatted).
func num(col dashboards.Column) bool {
	return col.Kind == dashboards.KindNumber || col.Kind == dashboards.KindInteger || col.Kind == dashboards.KindCount
}

// download is one of a view's download links.
type download struct {
	Format, Label, Href string
}

// downloads links the view's URL with each suffix: the same query gives
// exactly the table shown.
func downloads(path, query string) []download {
	var out []download
	for _, f := range []struct{ ext, label string }{{"csv", "CSV"}, {"xlsx", "Excel (.xlsx)"}, {"ods", "ODS"}, {"json", "JSON"}, {"parquet", "Parquet"}} {
		href := path + "." + f.ext
		if query != "" {
			href += "?" + query
		}
		out = append(out, download{Format: f.ext, Label: f.label, Href: href})
	}
	return out
}

// splitSuffix separates a download suffix from a path segment: "10.csv" →
// ("10", "csv").
func splitSuffix(seg string) (string, string) {
	for _, f := range export.Formats {
		if base, ok := strings.CutSuffix(seg, "."+f); ok {
			return base, f
		}
	}
	return seg, ""
}
