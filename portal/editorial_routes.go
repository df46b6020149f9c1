package portal

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
)

// editorial is the part of the portal over the content store: the three
// portals' public pages, sign-in, and the editorial pages under /quan-tri/.
type editorial struct {
	content *content.Service
	auth    *auth.Service
	https   bool
	baseURL string
	admin   map[string]map[string]*template.Template // by language, then page
	site    map[string]*template.Template
	// portals as they were at start: their path prefixes are routes. A
	// prefix changed by an administrator takes effect at the next start.
	portals []*content.Portal
	// feedback throttles the public feedback forms per client address.
	feedback feedbackLimiter
	// maxUploadBody caps a form that carries files (receiveMultipart).
	maxUploadBody int64
}

func newEditorial(s *server, opts Options) *editorial {
	if opts.Content == nil || opts.Auth == nil {
		return nil
	}
	e := &editorial{content: opts.Content, auth: opts.Auth, https: opts.HTTPS,
		baseURL: strings.TrimRight(opts.BaseURL, "/"),
		admin:   parseAdminSets(), site: parseSet("site", sitePageNames), maxUploadBody: opts.MaxUploadBody}
	if e.maxUploadBody <= 0 {
		e.maxUploadBody = DefaultMaxUploadBody
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ps, err := e.content.Portals(ctx)
	if err != nil {
		// The editorial pages still work; the public portal pages wait for
		// a restart with a readable store.
		s.log.Error("content store: portals", "err", err)
	}
	e.portals = ps
	return e
}

// editorialRoutes registers the public portal pages, sign-in and the
// editorial pages. Every route here is in the route table test
// (routes_test.go).
func (s *server) editorialRoutes(r *gin.Engine) {
	for _, p := range s.ed.portals {
		s.publicRoutes(r, p)
	}
	r.GET("/sitemap.xml", s.sitemap)
	r.GET("/tep/:id", s.publicFile)
	r.GET("/anh/:id", s.publicImage)

	acct := r.Group("/", s.withViewer, limitBody, adminLangCtx)
	acct.GET("/dang-nhap", s.loginForm)
	acct.POST("/dang-nhap", s.login)
	acct.POST("/dang-xuat", s.logout)

	q := r.Group("/quan-tri", s.withViewer, adminLangCtx, limitBody, s.requireViewer)
	q.GET("/", s.worklist)
	q.POST("/ngon-ngu", s.switchLang)
	q.POST("/thong-bao/:id/da-doc", s.notificationRead)
	q.GET("/mat-khau", s.passwordForm)
	q.POST("/mat-khau", s.changePassword)
	// Forms that carry files: read by receiveMultipart (body limit, form
	// token before the first file) in place of limitBody.
	up := r.Group("/quan-tri", s.withViewer, adminLangCtx, s.receiveMultipart, s.requireViewer)
	q.GET("/bai-viet/moi", s.itemNew)
	up.POST("/bai-viet", s.itemCreate)
	q.GET("/bai-viet/:id", s.itemView)
	q.GET("/bai-viet/:id/sua", s.itemEdit)
	up.POST("/bai-viet/:id/sua", s.itemSave)
	q.POST("/bai-viet/:id/go-tep", s.itemRemoveFile)
	q.GET("/tep/:id", s.adminFile)
	q.GET("/van-ban", s.documents)
	q.GET("/van-ban/moi", s.documentNew)
	up.POST("/van-ban", s.documentCreate)
	q.GET("/van-ban/:id/sua", s.documentEdit)
	up.POST("/van-ban/:id/sua", s.documentSave)
	q.GET("/bai-viet/:id/phien-ban", s.itemRevisions)
	for _, act := range content.WorkflowActions {
		if act != content.ActionEdit {
			q.POST("/bai-viet/:id/"+string(act), s.itemAction(act))
		}
	}
	q.GET("/nhat-ky", s.auditLog)
	q.GET("/tai-khoan", s.accounts)
	q.GET("/tai-khoan/moi", s.accountNew)
	q.POST("/tai-khoan", s.accountCreate)
	q.POST("/tai-khoan/:id/approve", s.accountApprove)
	q.POST("/tai-khoan/:id/disable", s.accountDisable)
	q.GET("/tai-khoan/:id", s.accountEdit)
	q.POST("/tai-khoan/:id", s.accountSaveRoles)
	q.GET("/cong-thong-tin", s.portalsPage)
	q.POST("/cong-thong-tin/:id", s.portalSave)
	q.GET("/cong-thong-tin/:id/chuyen-muc", s.channelsPage)
	q.POST("/cong-thong-tin/:id/chuyen-muc", s.channelCreate)
	q.GET("/chuyen-muc/:id", s.channelEdit)
	q.POST("/chuyen-muc/:id", s.channelSave)
	q.GET("/nguon-tin", s.sourcesPage)
	q.POST("/nguon-tin", s.sourceCreate)
	q.GET("/nguon-tin/:id", s.sourceEdit)
	q.POST("/nguon-tin/:id", s.sourceSave)
	q.GET("/danh-ba", s.directoryPage)
	q.POST("/danh-ba/don-vi", s.unitCreate)
	q.POST("/danh-ba/don-vi/:id", s.unitSave)
	q.POST("/danh-ba/can-bo", s.staffCreate)
	q.GET("/danh-ba/can-bo/:id", s.staffEdit)
	q.POST("/danh-ba/can-bo/:id", s.staffSave)
	q.POST("/danh-ba/can-bo/:id/xac-nhan", s.staffConfirm)
	q.GET("/bao-cao-tuan", s.weeklyReport)
	q.GET("/bao-cao-thang", s.monthlyReport)
	for _, f := range []string{"xlsx", "ods"} {
		q.GET("/bao-cao-tuan."+f, s.weeklyDownload(f))
		q.GET("/bao-cao-thang."+f, s.monthlyDownload(f))
		q.GET("/nhuan-but."+f, s.royaltyDownload(f))
	}
	q.GET("/nhuan-but", s.royaltySummary)
	q.GET("/nhuan-but/loai", s.royaltyCategories)
	q.POST("/nhuan-but/loai", s.royaltyCategorySave)
	q.POST("/nhuan-but/loai/:id", s.royaltyCategorySave)
	q.GET("/bai-viet/:id/nhuan-but", s.itemRoyalties)
	q.POST("/bai-viet/:id/nhuan-but", s.itemRoyaltyAdd)
	q.GET("/gop-y", s.feedbackQueue)
	q.POST("/gop-y/:id/answer", s.feedbackAnswer)
	q.POST("/gop-y/:id/state", s.feedbackState)
}

// adminPage is what admin/layout.html needs; every editorial page embeds it.
type adminPage struct {
	Lang   string // "vi" or "en": the language of the page
	Title  string
	Viewer *viewer // nil on the sign-in page
	Nav    adminNav
	Flash  string // what the last action did
	Nonce  string // the CSP nonce of this response, on every script element
	// Here is this page's path and query: where the language switch and the
	// sign-in page's language link come back to.
	Here string
	// LoginNext is where the sign-in page goes after signing in, kept by its
	// language link.
	LoginNext string
}

// AltLang is the other language, for the switch in the header.
func (p adminPage) AltLang() string {
	if p.Lang == "en" {
		return "vi"
	}
	return "en"
}

// adminNav shows the menu entries the account may use.
type adminNav struct {
	Create, Accounts, Audit, Weekly, Feedback bool
	Library, Monthly, Royalties               bool
	// Office: the portals, channels, trusted sources and directory pages.
	Office bool
}

// newAdminPage starts an editorial page; title is a message key, formatted
// with args.
func newAdminPage(c *gin.Context, title string, args ...any) adminPage {
	lang := adminLang(c)
	p := adminPage{Lang: lang, Title: at(lang, title, args...), Viewer: currentViewer(c), Nonce: cspNonce(c),
		Here: herePath(c)}
	if ok := c.Query("ok"); flashKeys[ok] {
		p.Flash = at(lang, "flash_"+ok)
	}
	if p.Viewer != nil {
		a := p.Viewer.Account
		p.Nav = adminNav{
			Create:   content.Can(a, content.ActionCreate, nil) == nil,
			Accounts: a.Has(content.RoleAdministrator) || a.Has(content.RoleDirector),
			Audit:    a.Has(content.RoleAdministrator) || a.Has(content.RoleDirector),
			Weekly:   a.Has(content.RoleAdministrator) || a.Has(content.RoleDirector) || a.Has(content.RoleReviewer),
			Feedback: a.Has(content.RoleAdministrator) || (a.Has(content.RoleReviewer) && len(a.Channels) > 0),
			Library:  a.Has(content.RoleAdministrator),
			Office:   a.Has(content.RoleAdministrator),
		}
		p.Nav.Monthly = p.Nav.Weekly
		p.Nav.Royalties = p.Nav.Weekly
	}
	return p
}

// flashKeys are the messages a redirect after a change asks for (?ok=...),
// as "flash_"+key in adminMessages: fixed texts, so a link cannot make the
// page say anything else.
var flashKeys = map[string]bool{}

func init() {
	for _, k := range []string{"create", "save", "password", "account", "approve_account", "disable_account",
		"remove_file", "document", "royalty_category", "royalty", "roles", "portal", "channel", "source", "unit",
		"staff", "staff_create", "staff_confirm"} {
		flashKeys[k] = true
	}
	for _, a := range content.WorkflowActions {
		if a != content.ActionEdit {
			flashKeys[string(a)] = true
		}
	}
}

type adminErrorPage struct {
	adminPage
	Status  int
	Message string
	Back    string
}

// editorialFail answers a content or auth error on an editorial page: its
// status (content.HTTPStatus) and its Vietnamese message; an internal error
// is logged and shown as a generic message.
func (s *server) editorialFail(c *gin.Context, err error) {
	code := content.ErrorCode(err)
	status := content.HTTPStatus(code)
	if code == content.EINTERNAL {
		s.log.Error("request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
	}
	if code == content.EUNAUTHORIZED && c.Request.Method == http.MethodGet {
		c.Redirect(http.StatusSeeOther, "/dang-nhap?next="+url.QueryEscape(c.Request.URL.RequestURI()))
		c.Abort()
		return
	}
	p := newAdminPage(c, "title_error")
	s.renderAdmin(c, status, "error", adminErrorPage{adminPage: p, Status: status, Message: errorIn(p.Lang, err), Back: backLink(c)})
	c.Abort()
}

// bilingual is an error's message in Vietnamese, then English.
func bilingual(err error) string {
	vi, en := content.ErrorMessage(err, "vi"), content.ErrorMessage(err, "en")
	if vi == en {
		return vi
	}
	return vi + " / " + en
}

// herePath is the page to show again after the language switch: this
// one without its flash, or for a form answered by a POST the page the form
// was on.
func herePath(c *gin.Context) string {
	u := *c.Request.URL
	if c.Request.Method != http.MethodGet {
		ref, err := url.Parse(c.Request.Referer())
		if err != nil || ref.Host != c.Request.Host {
			return "/quan-tri/"
		}
		u = *ref
	}
	q := u.Query()
	q.Del("ok")
	u.RawQuery = q.Encode()
	return u.RequestURI()
}

// backLink is the page the request came from, when on this site.
func backLink(c *gin.Context) string {
	back := c.Request.Referer()
	if back == "" || !strings.HasPrefix(back, "/") && !sameSite(c, back) {
		back = "/quan-tri/"
	}
	return back
}

func urlQuery(s string) string { return url.QueryEscape(s) }

// sameSite says whether an absolute URL is on the host that was asked.
func sameSite(c *gin.Context, u string) bool {
	host := c.Request.Host
	return strings.HasPrefix(u, "http://"+host+"/") || strings.HasPrefix(u, "https://"+host+"/")
}

// idParam reads a positive numeric path parameter; anything else is 404.
func idParam(c *gin.Context, name string) (int64, bool) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	return id, err == nil && id > 0
}

// seeOther redirects after a change (POST → GET).
func seeOther(c *gin.Context, path string) {
	c.Redirect(http.StatusSeeOther, path)
	c.Abort()
}

func (s *server) editorialNotFound(c *gin.Context) {
	s.editorialFail(c, content.Errorf(content.ENOTFOUND, "Không tìm thấy trang", "Page not found"))
}
