package portal

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

// The editorial pages (templates/admin/*.html inside admin/layout.html) and
// the portals' public pages (templates/site/*.html inside site/layout.html)
// are parsed at start-up like the PCI pages; missingkey=error as there.
var (
	adminPageNames = []string{"login", "error", "worklist", "item", "item_form", "revisions", "audit",
		"accounts", "account_form", "password", "weekly", "feedback", "documents", "document_form", "monthly",
		"royalties", "royalty_categories", "item_royalties",
		"account_roles", "portals", "channels", "channel_form", "sources", "source_form", "directory", "staff_form"}
	sitePageNames = []string{"home", "channel", "article", "error"}
)

var editorialFuncs = template.FuncMap{
	"ict":        formatICT,
	"ictInput":   func(t time.Time) string { return inputICT(t) },
	"stateLabel": stateLabel,
	"join":       strings.Join,
	"size":       fileSize,
	"vnd":        vnd,
	"fileHref":   adminFileHref,
	"diffClass": func(op content.DiffOp) string {
		switch op {
		case content.DiffInsert:
			return "ins"
		case content.DiffDelete:
			return "del"
		}
		return "same"
	},
	"diffMark": func(op content.DiffOp) string { return string(rune(op)) },
}

// fileSize shows a file's size: "2,4 MB", "310 KB".
func fileSize(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+1023)>>10)
	}
	return fmt.Sprintf("%d B", n)
}

func parseSet(dir string, names []string) map[string]*template.Template {
	out := map[string]*template.Template{}
	for _, name := range names {
		out[name] = template.Must(template.New(name).Option("missingkey=error").Funcs(editorialFuncs).
			ParseFS(templateFS, "templates/"+dir+"/layout.html", "templates/"+dir+"/"+name+".html"))
	}
	return out
}

// renderSet executes into a buffer first, as render does.
func (s *server) renderSet(c *gin.Context, set map[string]*template.Template, status int, name string, data any) {
	var buf bytes.Buffer
	if err := set[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render", "page", name, "err", err)
		c.String(http.StatusInternalServerError, errInternal.Error())
		c.Abort()
		return
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

func (s *server) renderAdmin(c *gin.Context, status int, name string, data any) {
	s.renderSet(c, s.ed.admin[adminLang(c)], status, name, data)
}

// formatICT shows a UTC time in Vietnam's time (ICT, UTC+7), as the
// department reads it; the zero time is blank.
func formatICT(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(content.ICT).Format("02/01/2006 15:04") + " (ICT)"
}

// inputICT is the value of a datetime-local input, in ICT.
func inputICT(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(content.ICT).Format("2006-01-02T15:04")
}

// parseICT reads a datetime-local input ("2026-03-10T14:30") as ICT.
func parseICT(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(s), content.ICT); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, content.Errorf(content.EINVALID, "Thời điểm không hợp lệ: %q (ngày giờ theo giờ Việt Nam)",
		"Not a valid time: %q (date and time in ICT)", s)
}

// stateLabel is a workflow state's Vietnamese label (the exports, which
// carry both languages in their headers, and the public pages use it).
func stateLabel(st content.State) string { return labelIn("vi", "state_", string(st)) }
