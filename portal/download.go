package portal

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/laocai-dpi/dpi/dashboards"
)

// tableMeta describes a download: what a metadata sheet or the JSON header
// says about the view.
type tableMeta struct {
	Title   string
	ViewURL string // the page URL that shows the same data
	Filters [][2]string
	Notes   []string
	Sample  bool
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

const sourceLine = "VCCI/USAID PCI (pcivietnam.vn)"

// serveTable answers a view's download in the format its suffix names.
func (s *server) serveTable(c *gin.Context, format, filename string, t *dashboards.Table, meta tableMeta) {
	if format == "json" {
		out := apiTable{Title: meta.Title, ViewURL: meta.ViewURL, Source: sourceLine, IsSample: meta.Sample,
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
	// TODO(export): csv, xlsx and ods go through dashboards/export when it lands.
	s.fail(c, &httpError{Status: http.StatusNotImplemented, Code: "not_implemented",
		VI: "Định dạng này chưa sẵn sàng", EN: "This format is not available yet"})
}
