package portal

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
)

type loginPage struct {
	adminPage
	Email   string
	Next    string
	Message string
}

// loginForm is the sign-in page. A signed-in visitor goes straight on.
func (s *server) loginForm(c *gin.Context) {
	next := safeNext(c.Query("next"))
	if currentViewer(c) != nil {
		seeOther(c, next)
		return
	}
	p := newAdminPage(c, "title_login")
	p.LoginNext = c.Query("next")
	s.renderAdmin(c, http.StatusOK, "login", loginPage{adminPage: p, Next: next})
}

// login checks the credentials (auth.Login: throttled, audited) and starts a
// new session: any session the browser had is ended (rotation).
func (s *server) login(c *gin.Context) {
	email, next := c.PostForm("email"), safeNext(c.PostForm("next"))
	token, _, err := s.ed.auth.Login(c.Request.Context(), auth.LoginInput{
		Email: email, Password: c.PostForm("password"), IP: c.ClientIP(),
		UserAgent: c.Request.UserAgent(), OldToken: s.ed.sessionToken(c)})
	if err != nil {
		code := content.ErrorCode(err)
		if code == content.EINTERNAL {
			s.editorialFail(c, err)
			return
		}
		s.ed.clearSession(c)
		p := newAdminPage(c, "title_login")
		p.Viewer = nil // the old session, if any, was ended
		p.LoginNext = c.PostForm("next")
		s.renderAdmin(c, content.HTTPStatus(code), "login", loginPage{adminPage: p, Email: email, Next: next,
			Message: content.ErrorMessage(err, p.Lang)})
		return
	}
	s.ed.setSession(c, token)
	// A language chosen on the sign-in page stays for the editorial pages.
	if l := c.PostForm("lang"); l == "vi" || l == "en" {
		s.setAdminLang(c, l)
	}
	seeOther(c, next)
}

// logout ends the session (with the form token, so no other site can sign
// a visitor out) and forgets the cookie.
func (s *server) logout(c *gin.Context) {
	v := currentViewer(c)
	if v != nil {
		if !validCSRF(v.Token, c.PostForm("csrf")) {
			s.fail(c, errBadToken)
			return
		}
		if err := s.ed.auth.Logout(c.Request.Context(), v.Token, c.ClientIP()); err != nil {
			s.editorialFail(c, err)
			return
		}
	}
	s.ed.clearSession(c)
	seeOther(c, "/dang-nhap")
}

type passwordPage struct {
	adminPage
	Message string
}

func (s *server) passwordForm(c *gin.Context) {
	s.renderAdmin(c, http.StatusOK, "password", passwordPage{adminPage: newAdminPage(c, "title_password")})
}

// changePassword changes the viewer's own password. Every session of the
// account ends; this browser gets a new one.
func (s *server) changePassword(c *gin.Context) {
	v := currentViewer(c)
	next := c.PostForm("new")
	if next != c.PostForm("confirm") {
		p := newAdminPage(c, "title_password")
		s.renderAdmin(c, http.StatusUnprocessableEntity, "password", passwordPage{adminPage: p,
			Message: at(p.Lang, "password_mismatch")})
		return
	}
	token, err := s.ed.auth.ChangePassword(c.Request.Context(), v.Actor, c.PostForm("current"), next, c.Request.UserAgent())
	if err != nil {
		code := content.ErrorCode(err)
		if code == content.EINTERNAL || code == content.EFORBIDDEN {
			s.editorialFail(c, err)
			return
		}
		status := content.HTTPStatus(code)
		if code == content.EINVALID || code == content.EUNAUTHORIZED {
			status = http.StatusUnprocessableEntity // the form, not the session, was wrong
		}
		p := newAdminPage(c, "title_password")
		s.renderAdmin(c, status, "password", passwordPage{adminPage: p, Message: content.ErrorMessage(err, p.Lang)})
		return
	}
	s.ed.setSession(c, token)
	seeOther(c, "/quan-tri/?ok=password")
}
