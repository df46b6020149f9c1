package portal

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/dashboards"
	"github.com/laocai-dpi/dpi/dashboards/export"
)

// tableMeta describes a download: what a metadata sheet or the JSON header
// says about the view.
type tableMeta struct {
	Title   string
	Source  string // who published the figures: pciSource, dashboards.BizSource
	ViewURL string // the page URL that shows the same data
	Filters [][2]string
	Notes   []string
	Sample  bool
	Chart   *export.ChartSpec // a native chart in the xlsx, where the view is a chart
}

// apiTable is the JSON download of a view's table.
type apiTable struct {
	Title       string           `json:"title"`
	ViewURL     string           `json:"view_url"`
	Source      string           `json:"source"`
	GeneratedAt string           `json:"generated_at"`
	IsSample    bool             `json:"is_sample"`
	Notes       []string         `json:"notes"`
	Columns     []apiColumn      `json:"columns"`
	Rows        []map[string]any `json:"rows"`
}

type apiColumn struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
}

var ict = time.FixedZone("ICT", 7*3600)

// pciSource is the source line of the PCI views.
const pciSource = "VCCI/USAID PCI (pcivietnam.vn)"

// serveTable answers a view's download in the format its suffix names.
func (s *server) serveTable(c *gin.Context, format, filename string, t *dashboards.Table, meta tableMeta) {
	if format == "json" {
		out := apiTable{Title: meta.Title, ViewURL: meta.ViewURL, Source: meta.Source, IsSample: meta.Sample,
			GeneratedAt: time.Now().In(ict).Format(time.RFC3339), Notes: t.Notes, Rows: t.Records()}
		if out.Notes == nil {
			out.Notes = []string{}
		}
		for _, col := range t.Columns {
			out.Columns = append(out.Columns, apiColumn{Key: col.Key, Label: col.Label, Kind: col.Kind})
		}
		c.Header("Content-Disposition", `inline; filename="`+filename+`.json"`)
		c.JSON(http.StatusOK, out)
		return
	}
	// csv, xlsx, ods: exactly the table shown, typed, with the view's
	// metadata, streamed by dashboards/export.
	lang := pageLang(c)
	m := export.Meta{Source: meta.Source, URL: meta.ViewURL, Notes: append(append([]string(nil), t.Notes...), meta.Notes...),
		Lang: lang, IsSample: meta.Sample, Chart: meta.Chart}
	if lang == "en" {
		m.TitleEN = meta.Title
	} else {
		m.TitleVI = meta.Title
	}
	for _, f := range meta.Filters {
		m.Filters = append(m.Filters, export.KV{Key: f[0], Value: f[1]})
	}
	export.Serve(c.Writer, c.Request, format, filename+"."+format, tableSource(t), m)
}

// tableSource reads a dashboards table as an export source: codes stay text,
// numbers stay numbers.
func tableSource(t *dashboards.Table) export.Source {
	cols := make([]export.Column, len(t.Columns))
	for i, col := range t.Columns {
		ec := export.Column{Key: col.Key, LabelVI: col.Label, Decimals: -1}
		switch col.Kind {
		case dashboards.KindCode:
			ec.Type = export.Code
		case dashboards.KindNumber:
			ec.Type, ec.Decimals = export.Number, 2
		case dashboards.KindInteger:
			ec.Type, ec.NoGrouping = export.Integer, true
		case dashboards.KindCount:
			ec.Type = export.Integer
		default:
			ec.Type = export.Text
		}
		cols[i] = ec
	}
	rows := make([][]any, len(t.Rows))
	for r, row := range t.Rows {
		vals := make([]any, len(row))
		for i, cell := range row {
			v := cell.Value()
			if f, ok := v.(float64); ok && cols[i].Type == export.Integer {
				v = int64(f)
			}
			vals[i] = v
		}
		rows[r] = vals
	}
	return export.SliceSource(cols, rows)
}
