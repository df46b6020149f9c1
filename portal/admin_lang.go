package portal

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

// The editorial pages speak Vietnamese (the default: the department's
// editors) or English (advisers and donor staff reviewing the system).
// The choice is a cookie, not an account preference: the sign-in page needs
// it before any account is known, and it is not security-sensitive.
const adminLangCookie = "lang"

var adminLangs = []string{"vi", "en"}

// adminLang is the editorial UI's language for this request: on the
// sign-in page ?lang= (or its form's lang) first, so that a link can open it
// in English; then the cookie; then Vietnamese.
func adminLang(c *gin.Context) string {
	if c.Request.URL.Path == "/dang-nhap" {
		l := c.Query("lang")
		if c.Request.Method == http.MethodPost {
			l = c.PostForm("lang") // the sign-in form carries the page's language
		}
		if l == "en" || l == "vi" {
			return l
		}
	}
	if l, err := c.Cookie(adminLangCookie); err == nil && l == "en" {
		return "en"
	}
	return "vi"
}

// setAdminLang remembers the language in this browser for a year.
func (s *server) setAdminLang(c *gin.Context, lang string) {
	http.SetCookie(c.Writer, &http.Cookie{Name: adminLangCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: s.ed.https, SameSite: http.SameSiteLaxMode})
}

// switchLang is POST /quan-tri/ngon-ngu (form token checked by
// requireViewer): it sets the cookie and goes back to the editorial page it
// came from; any other place is refused (no open redirect).
func (s *server) switchLang(c *gin.Context) {
	lang := c.PostForm("lang")
	if lang != "vi" && lang != "en" {
		s.editorialFail(c, content.Errorf(content.EINVALID, "Ngôn ngữ không hợp lệ: %q", "Not a valid language: %q", lang))
		return
	}
	s.setAdminLang(c, lang)
	seeOther(c, adminNext(c.PostForm("next")))
}

// adminNext accepts only an editorial page of this site as the place to go
// back to.
func adminNext(next string) string {
	next = safeNext(next)
	if next != "/quan-tri" && !strings.HasPrefix(next, "/quan-tri/") || strings.Contains(next, "\\") {
		return "/quan-tri/"
	}
	return next
}

// at is the message key in lang, formatted with args when there are any;
// an unknown key shows as itself (a test checks every key the code uses).
func at(lang, key string, args ...any) string {
	m, ok := adminMessages[lang][key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(m, args...)
	}
	return m
}

// adminFuncs are the template functions of the editorial pages in lang.
// Each language has its own parsed set, so "t", "ict" and the labels need
// no language argument anywhere in a template.
func adminFuncs(lang string) template.FuncMap {
	f := maps.Clone(editorialFuncs)
	f["t"] = func(key string, args ...any) (string, error) {
		if _, ok := adminMessages[lang][key]; !ok {
			return "", fmt.Errorf("no admin message %q in %s", key, lang)
		}
		return at(lang, key, args...), nil
	}
	f["ict"] = func(t time.Time) string { return formatICTIn(lang, t) }
	f["stateLabel"] = func(st content.State) string { return labelIn(lang, "state_", string(st)) }
	f["actionLabel"] = func(a content.Action) string { return labelIn(lang, "action_", string(a)) }
	f["roleLabel"] = func(r content.Role) string { return labelIn(lang, "role_", string(r)) }
	f["notice"] = func(n *content.Notification) string { return noticeIn(lang, n) }
	f["stored"] = func(text string) string { return storedIn(lang, text) }
	f["portalName"] = func(p any) string { // a *content.Portal or a content.Portal
		switch v := p.(type) {
		case *content.Portal:
			return portalNameIn(lang, v)
		case content.Portal:
			return portalNameIn(lang, &v)
		}
		return ""
	}
	f["vnd"] = func(n int64) string { return vndIn(lang, n) }
	f["department"] = func(name string) string {
		if name == content.UnknownDepartment {
			return at(lang, "mo_unknown_department")
		}
		return name
	}
	f["size"] = func(n int64) string { return decimalIn(lang, fileSize(n)) }
	return f
}

// labelIn is the label of a state, action, role... (prefix+value); an
// unknown value shows as itself.
func labelIn(lang, prefix, value string) string {
	if m, ok := adminMessages[lang][prefix+value]; ok {
		return m
	}
	return value
}

func parseAdminSets() map[string]map[string]*template.Template {
	out := map[string]map[string]*template.Template{}
	for _, lang := range adminLangs {
		out[lang] = map[string]*template.Template{}
		for _, name := range adminPageNames {
			out[lang][name] = template.Must(template.New(name).Option("missingkey=error").Funcs(adminFuncs(lang)).
				ParseFS(templateFS, "templates/admin/layout.html", "templates/admin/"+name+".html"))
		}
	}
	return out
}

// formatICTIn shows a time in ICT: dd/mm/yyyy in Vietnamese, an
// unambiguous "2 Jan 2006 15:04 ICT" in English; the zero time is blank.
func formatICTIn(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if lang == "en" {
		return t.In(content.ICT).Format("2 Jan 2006 15:04") + " ICT"
	}
	return t.In(content.ICT).Format("02/01/2006 15:04") + " (ICT)"
}

// dateIn is a calendar date (already in the zone it means).
func dateIn(lang string, t time.Time) string {
	if lang == "en" {
		return t.Format("2 Jan 2006")
	}
	return t.Format("02/01/2006")
}

// monthIn is a month: "03/2026", "Mar 2026".
func monthIn(lang string, t time.Time) string {
	if lang == "en" {
		return t.Format("Jan 2006")
	}
	return t.Format("01/2006")
}

// errorIn is an error's message for the editorial UI: in Vietnamese the
// Vietnamese text then the English, as before; in English the English text,
// or the message of its code when the error has none.
func errorIn(lang string, err error) string {
	if lang != "en" {
		return bilingual(err)
	}
	var e *content.Error
	if errors.As(err, &e) && e.EN != "" {
		return e.EN
	}
	return at("en", "error_"+content.ErrorCode(err))
}

type langKey struct{}

// adminLangCtx puts the editorial UI's language in the request's context,
// for code that reads names with only a context (loadNames).
func adminLangCtx(c *gin.Context) {
	c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), langKey{}, adminLang(c)))
	c.Next()
}

func langOf(ctx context.Context) string {
	if l, ok := ctx.Value(langKey{}).(string); ok {
		return l
	}
	return "vi"
}

// noticeIn is a notification's text: the workflow stores its own messages
// as "Vietnamese / English"; a rejection carries the reviewer's reason,
// which is shown as written.
func noticeIn(lang string, n *content.Notification) string {
	switch n.Kind {
	case "rejected", "sent_back":
		return at(lang, "notice_"+n.Kind, n.Message)
	}
	return storedIn(lang, n.Message)
}

// storedIn is a text the system stored as "Vietnamese / English" (a
// notification, a file's flag): whole in Vietnamese, as before; the English
// half in English.
func storedIn(lang, text string) string {
	if i := strings.LastIndex(text, " / "); lang == "en" && i >= 0 {
		return text[i+3:]
	}
	return text
}

// portalNameIn is a portal's name in lang, the Vietnamese one when it has
// no English name.
func portalNameIn(lang string, p *content.Portal) string {
	if lang == "en" && strings.TrimSpace(p.NameEN) != "" {
		return p.NameEN
	}
	return p.NameVI
}

// vndIn groups an amount of đồng: "1.500.000" in Vietnamese, "1,500,000" in
// English (parseAmount reads both).
func vndIn(lang string, n int64) string {
	if lang == "en" {
		return strings.ReplaceAll(vnd(n), ".", ",")
	}
	return vnd(n)
}

// decimalIn turns a Vietnamese decimal comma ("2,4 MB", "1,5") into a point
// in English.
func decimalIn(lang, s string) string {
	if lang == "en" {
		return strings.Replace(s, ",", ".", 1)
	}
	return s
}
