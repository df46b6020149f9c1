package portal

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

// officeOnly lets administrators (the office) through to the portals,
// channels, trusted sources and directory pages; the services check again
// on every change.
func (s *server) officeOnly(c *gin.Context) bool {
	if currentViewer(c).Account.Has(content.RoleAdministrator) {
		return true
	}
	s.editorialFail(c, content.Errorf(content.EFORBIDDEN, "Chỉ quản trị (Văn phòng) dùng trang này", "Only administrators use this page"))
	return false
}

// formMistake says err is the person's to fix on the form (shown beside it,
// 422), not a reason for the error page.
func formMistake(err error) bool {
	code := content.ErrorCode(err)
	return code == content.EINVALID || code == content.ECONFLICT
}

// formMessage is a form's error: in Vietnamese then English on a
// Vietnamese page, in English on an English one.
func formMessage(lang string, err error) string {
	return errorIn(lang, err)
}

// formInt reads an optional whole number of a form; blank is 0.
func formInt(c *gin.Context, name, vi, en string) (int64, error) {
	v := strings.TrimSpace(c.PostForm(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, &content.Error{Code: content.EINVALID, VI: vi + ": cần một số nguyên không âm", EN: en + ": a whole number of 0 or more is needed"}
	}
	return n, nil
}

// renderForm renders a page after a change the service refused for the
// form's own reasons (422), or the error page for anything else.
func (s *server) renderForm(c *gin.Context, err error, name string, page func(msg string) (any, error)) {
	status := http.StatusOK
	msg := ""
	if err != nil {
		if !formMistake(err) {
			s.editorialFail(c, err)
			return
		}
		status, msg = http.StatusUnprocessableEntity, formMessage(adminLang(c), err)
	}
	p, err := page(msg)
	if err != nil {
		s.editorialFail(c, err)
		return
	}
	s.renderAdmin(c, status, name, p)
}
