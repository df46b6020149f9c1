package portal

import (
	"context"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

// publicRoutes registers one portal's pages under its path prefix ("" for
// the department portal, "/doanh-nghiep", "/pci"): home, channel pages,
// articles, Atom feeds. The PCI portal's data pages (/pci/ranking, ...)
// stay where they are; its menu links to them (data channels).
func (s *server) publicRoutes(r gin.IRoutes, p *content.Portal) {
	pre, id := p.PathPrefix, p.ID
	home := pre
	if home == "" {
		home = "/"
	}
	r.GET(home, s.siteHome(id))
	r.GET(pre+"/chuyen-muc/:channel", s.siteChannel(id))
	r.POST(pre+"/chuyen-muc/:channel", limitBody, s.siteFeedback(id))
	r.GET(pre+"/chuyen-muc/:channel/feed.atom", s.channelFeed(id))
	r.GET(pre+"/bai-viet/:id", s.siteArticle(id))
	r.GET(pre+"/feed.atom", s.portalFeed(id))
}

// site is the portal a public request is for, with the prefix its links use.
type site struct {
	Portal  *content.Portal
	Base    string // "" or "/doanh-nghiep": links are Base + "/chuyen-muc/..."
	Lang    string
	Portals []*content.Portal
}

func hostOnly(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		return strings.ToLower(host)
	}
	return strings.ToLower(h)
}

// resolveSite reads the portals (an administrator may have renamed one) and
// picks the route's portal — or, on the root routes, a portal whose host
// name is the request's (portals chosen by host rather than prefix).
func (s *server) resolveSite(c *gin.Context, id int64) (*site, error) {
	ps, err := s.ed.content.Portals(c.Request.Context())
	if err != nil {
		return nil, err
	}
	host := hostOnly(c.Request.Host)
	var p *content.Portal
	for _, q := range ps {
		if q.ID == id {
			p = q
		}
	}
	if p == nil {
		return nil, content.Errorf(content.ENOTFOUND, "Không có cổng này", "No such portal")
	}
	if p.PathPrefix == "" {
		for _, q := range ps {
			if q.Host != "" && q.Host == host {
				p = q
			}
		}
	}
	return &site{Portal: p, Base: basePath(p, host), Lang: pageLang(c), Portals: ps}, nil
}

// basePath is the prefix of a portal's links as seen from host.
func basePath(p *content.Portal, host string) string {
	if p.Host != "" && p.Host == host {
		return ""
	}
	return p.PathPrefix
}

func (st *site) name(p *content.Portal) string {
	if st.Lang == "en" && p.NameEN != "" {
		return p.NameEN
	}
	return p.NameVI
}

func (st *site) channelName(ch *content.Channel) string {
	if st.Lang == "en" && ch.NameEN != "" {
		return ch.NameEN
	}
	return ch.NameVI
}

func (st *site) link(path string, q url.Values) string {
	if q == nil {
		q = url.Values{}
	}
	return withLang(path, q, st.Lang)
}

func (st *site) home() string {
	if st.Base == "" {
		return st.link("/", nil)
	}
	return st.link(st.Base, nil)
}

func (st *site) channelHref(ch *content.Channel) string {
	switch ch.Kind {
	case content.ChannelData, content.ChannelLink:
		if ch.Target != "" {
			if strings.HasPrefix(ch.Target, "/") {
				return st.link(ch.Target, nil)
			}
			return ch.Target
		}
	}
	return st.link(st.Base+"/chuyen-muc/"+ch.Slug, nil)
}

func (st *site) articleHref(it *content.Item) string {
	return st.link(articlePathIn(st.Base, it), nil)
}

// sitePage is what site/layout.html needs.
type sitePage struct {
	Lang        string
	T           map[string]string
	Title       string
	PortalKey   string
	PortalName  string
	Home        string
	Menu        []siteLink
	Portals     []siteLink
	AltLang     string
	AltLangName string
	AltLangHref string
	Feed        string
	Nonce       string // the CSP nonce of this response, on every script element
}

type siteLink struct {
	Href, Name string
	Current    bool
}

func (s *server) newSitePage(c *gin.Context, st *site, title string, current int64) (sitePage, error) {
	alt := "en"
	if st.Lang == "en" {
		alt = "vi"
	}
	p := sitePage{Lang: st.Lang, T: siteMessages[st.Lang], Title: title, PortalKey: st.Portal.Key, PortalName: st.name(st.Portal),
		Home: st.home(), AltLang: alt, AltLangName: siteMessages[alt]["lang_name"],
		AltLangHref: withLang(c.Request.URL.Path, c.Request.URL.Query(), alt),
		Feed:        st.Base + "/feed.atom", Nonce: cspNonce(c)}
	chans, err := s.ed.content.Channels(c.Request.Context(), st.Portal.ID)
	if err != nil {
		return p, err
	}
	for _, ch := range chans {
		if !ch.Hidden {
			p.Menu = append(p.Menu, siteLink{Href: st.channelHref(ch), Name: st.channelName(ch), Current: ch.ID == current})
		}
	}
	host := hostOnly(c.Request.Host)
	for _, q := range st.Portals {
		href := q.PathPrefix
		if q.Host != "" && q.Host != host {
			href = "//" + q.Host + "/"
		} else if basePath(q, host) == "" {
			href = "/"
		}
		p.Portals = append(p.Portals, siteLink{Href: withLang(href, url.Values{}, st.Lang), Name: st.name(q), Current: q.ID == st.Portal.ID})
	}
	return p, nil
}

func (s *server) renderSite(c *gin.Context, status int, name string, data any) {
	s.renderSet(c, s.ed.site, status, name, data)
}

type siteErrorPage struct {
	sitePage
	Message string
}

// siteFail answers an error on a public page in the portal's own frame.
func (s *server) siteFail(c *gin.Context, st *site, err error) {
	code := content.ErrorCode(err)
	if code == content.EINTERNAL || st == nil {
		s.fail(c, err)
		return
	}
	status := content.HTTPStatus(code)
	p, perr := s.newSitePage(c, st, fmt.Sprintf("%s %d", siteMessages[st.Lang]["error_title"], status), 0)
	if perr != nil {
		s.fail(c, perr)
		return
	}
	s.renderSite(c, status, "error", siteErrorPage{sitePage: p, Message: content.ErrorMessage(err, st.Lang)})
	c.Abort()
}

// articleRow is an item in a public list.
type articleRow struct {
	Href, Title, Summary, Published, Channel string
	Press                                    bool
	Sample                                   bool // `dpi demo`'s sample content: badge
}

func (s *server) articleRows(st *site, items []*content.Item, chans map[int64]*content.Channel) []articleRow {
	out := make([]articleRow, 0, len(items))
	for _, it := range items {
		r := articleRow{Href: st.articleHref(it), Title: it.Title, Summary: it.Summary,
			Published: formatICT(it.PublishedAt), Press: it.Kind == content.KindPressRelease, Sample: it.Sample}
		if ch := chans[it.ChannelID]; ch != nil {
			r.Channel = st.channelName(ch)
		}
		out = append(out, r)
	}
	return out
}

func (s *server) channelMap(ctx context.Context, portalID int64) (map[int64]*content.Channel, []*content.Channel, error) {
	chans, err := s.ed.content.Channels(ctx, portalID)
	m := map[int64]*content.Channel{}
	for _, ch := range chans {
		m[ch.ID] = ch
	}
	return m, chans, err
}

type homePage struct {
	sitePage
	Items []articleRow
	Empty string
}

const homeItems = 12

// siteHome is a portal's home page: its latest items in the page's language.
func (s *server) siteHome(id int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		st, err := s.resolveSite(c, id)
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		ctx := c.Request.Context()
		items, err := s.ed.content.PublishedItems(ctx, content.ItemFilter{PortalID: st.Portal.ID, Lang: st.Lang, Limit: homeItems})
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		chans, _, err := s.channelMap(ctx, st.Portal.ID)
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		p, err := s.newSitePage(c, st, st.name(st.Portal), 0)
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		s.renderSite(c, http.StatusOK, "home", homePage{sitePage: p, Items: s.articleRows(st, items, chans), Empty: emptyText(st)})
	}
}

func emptyText(st *site) string {
	if st.Lang == "en" {
		return siteMessages["en"]["no_items_en"]
	}
	return siteMessages["vi"]["no_items"]
}

type channelPage struct {
	sitePage
	Channel *content.Channel
	Items   []articleRow
	Empty   string
	Pending bool // a kind of channel whose page is not built yet
	// A standing page (ChannelPage): its latest published item.
	Page  *content.Item
	Body  template.HTML
	Newer string
	Older string
	// The document library (ChannelDocuments), the staff directory
	// (ChannelDirectory), public feedback (ChannelFeedback).
	Library   *libraryView
	Directory []directoryUnit
	Feedback  *feedbackView
}

const channelItems = 20

func (s *server) lookupChannel(ctx context.Context, portalID int64, slug string) (*content.Channel, error) {
	var ch *content.Channel
	err := s.ed.content.Store.View(ctx, func(tx content.Tx) error {
		var err error
		ch, err = tx.ChannelBySlug(portalID, slug)
		return err
	})
	if err == nil && ch.Hidden {
		err = content.Errorf(content.ENOTFOUND, "Không tìm thấy chuyên mục %s", "Channel %s not found", slug)
	}
	return ch, err
}

// siteChannel is a channel's page: the list of its items (news), its
// standing page (page), the library, the directory, the feedback form, or
// a redirect to the dashboard or address it names (data, link).
func (s *server) siteChannel(id int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		st, ch, err := s.resolveChannel(c, id)
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		if (ch.Kind == content.ChannelData || ch.Kind == content.ChannelLink) && ch.Target != "" {
			c.Redirect(http.StatusFound, st.channelHref(ch))
			return
		}
		page, err := s.channelPageOf(c, st, ch)
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		s.renderSite(c, http.StatusOK, "channel", page)
	}
}

func (s *server) resolveChannel(c *gin.Context, id int64) (*site, *content.Channel, error) {
	st, err := s.resolveSite(c, id)
	if err != nil {
		return st, nil, err
	}
	ch, err := s.lookupChannel(c.Request.Context(), st.Portal.ID, c.Param("channel"))
	return st, ch, err
}

// channelPageOf builds a channel's page.
func (s *server) channelPageOf(c *gin.Context, st *site, ch *content.Channel) (page channelPage, err error) {
	ctx := c.Request.Context()
	p, err := s.newSitePage(c, st, st.channelName(ch), ch.ID)
	if err != nil {
		return page, err
	}
	page = channelPage{sitePage: p, Channel: ch, Empty: emptyText(st)}
	page.Feed = st.Base + "/chuyen-muc/" + ch.Slug + "/feed.atom"
	switch ch.Kind {
	case content.ChannelNews:
		n, _ := strconv.Atoi(c.DefaultQuery("trang", "1"))
		n = max(n, 1)
		items, err := s.ed.content.PublishedItems(ctx, content.ItemFilter{ChannelID: ch.ID, Lang: st.Lang,
			Limit: channelItems + 1, Offset: (n - 1) * channelItems})
		if err != nil {
			return page, err
		}
		if len(items) > channelItems {
			items = items[:channelItems]
			page.Older = st.link(c.Request.URL.Path, url.Values{"trang": {strconv.Itoa(n + 1)}})
		}
		if n > 1 {
			page.Newer = st.link(c.Request.URL.Path, url.Values{"trang": {strconv.Itoa(n - 1)}})
		}
		page.Items = s.articleRows(st, items, map[int64]*content.Channel{ch.ID: ch})
	case content.ChannelPage:
		items, err := s.ed.content.PublishedItems(ctx, content.ItemFilter{ChannelID: ch.ID, Lang: st.Lang, Limit: 1})
		if err != nil {
			return page, err
		}
		if len(items) == 1 {
			page.Page, page.Body = items[0], renderMarkdown(items[0].Body)
		}
	case content.ChannelDocuments:
		page.Library, err = s.libraryView(c, st)
	case content.ChannelDirectory:
		page.Directory, err = s.directoryView(ctx)
	case content.ChannelFeedback:
		page.Feedback, err = s.feedbackView(ctx, st, c.Query("ok") == "1")
	default:
		page.Pending = true
	}
	return page, err
}

type articlePage struct {
	sitePage
	Item      *content.Item
	Body      template.HTML
	Published string
	Channel   siteLink
	Source    *content.TrustedSource
	CoverHref string
	Files     []fileLink
}

// fileLink is a download on a public page.
type fileLink struct {
	Href, Name, Format, Size string
}

// siteArticle is a published item's page; /bai-viet/12 and a stale title
// in the path redirect to the canonical address, in the item's own portal.
func (s *server) siteArticle(id int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		st, err := s.resolveSite(c, id)
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		ctx := c.Request.Context()
		param := c.Param("id")
		num, _, _ := strings.Cut(param, "-")
		itemID, perr := strconv.ParseInt(num, 10, 64)
		if perr != nil || itemID <= 0 {
			s.siteFail(c, st, content.Errorf(content.ENOTFOUND, "Không tìm thấy bài", "Article not found"))
			return
		}
		it, err := s.ed.content.ViewItem(ctx, content.Anonymous(c.ClientIP()), itemID)
		if err == nil && it.State != content.StatePublished {
			err = content.Errorf(content.ENOTFOUND, "Không tìm thấy bài", "Article not found")
		}
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		if it.PortalID != st.Portal.ID {
			for _, q := range st.Portals {
				if q.ID == it.PortalID {
					c.Redirect(http.StatusMovedPermanently, withLang(articlePathIn(basePath(q, hostOnly(c.Request.Host)), it), url.Values{}, st.Lang))
					return
				}
			}
		}
		if want := articlePathIn(st.Base, it); c.Request.URL.Path != want {
			c.Redirect(http.StatusMovedPermanently, st.articleHref(it))
			return
		}
		chans, _, err := s.channelMap(ctx, st.Portal.ID)
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		p, err := s.newSitePage(c, st, it.Title, it.ChannelID)
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		page := articlePage{sitePage: p, Item: it, Body: renderMarkdown(it.Body), Published: formatICT(it.PublishedAt)}
		if it.CoverID != 0 {
			page.CoverHref = imageHref(it.CoverID)
		}
		files, err := s.ed.content.Attachments(ctx, it.Attachments...)
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		for _, f := range files {
			page.Files = append(page.Files, fileLink{Href: fileHref(f.ID), Name: f.Name, Format: f.Format, Size: fileSize(f.Size)})
		}
		if ch := chans[it.ChannelID]; ch != nil {
			page.Channel = siteLink{Href: st.channelHref(ch), Name: st.channelName(ch)}
		}
		if it.SourceID != 0 {
			srcs, err := s.ed.content.TrustedSources(ctx)
			if err != nil {
				s.siteFail(c, st, err)
				return
			}
			for _, src := range srcs {
				if src.ID == it.SourceID {
					page.Source = src
				}
			}
		}
		s.renderSite(c, http.StatusOK, "article", page)
	}
}
