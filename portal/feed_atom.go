package portal

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/laocai-dpi/dpi/portal/content"
)

// Atom 1.0 (RFC 4287), written with encoding/xml (which escapes every
// text): one feed per portal and per channel, the latest items first.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr,omitempty"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	Lang       string         `xml:"xml:lang,attr,omitempty"`
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published"`
	Links      []atomLink     `xml:"link"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    atomText       `xml:"content"`
	Categories []atomCategory `xml:"category"`
}

const feedItems = 20

// SampleTitlePrefix starts the feed title of every sample item (`dpi demo`).
const SampleTitlePrefix = "[Bài mẫu / Sample] "

// origin is the site's absolute address: Options.BaseURL, else the
// request's scheme and host.
func (s *server) origin(c *gin.Context) string {
	if s.ed.baseURL != "" {
		return s.ed.baseURL
	}
	scheme := "http"
	if s.ed.tls(c) {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}

// tagID is an entry's permanent id: it does not change with the host name,
// the title or the portal's prefix.
func tagID(kind string, id int64) string {
	return fmt.Sprintf("tag:skhdt.laocai.gov.vn,2026:%s/%d", kind, id)
}

func (s *server) portalFeed(id int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		st, err := s.resolveSite(c, id)
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		s.writeFeed(c, st, nil)
	}
}

func (s *server) channelFeed(id int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		st, err := s.resolveSite(c, id)
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		ch, err := s.lookupChannel(c.Request.Context(), st.Portal.ID, c.Param("channel"))
		if err != nil {
			s.siteFail(c, st, err)
			return
		}
		s.writeFeed(c, st, ch)
	}
}

// writeFeed answers the feed of a portal (ch nil) or of one of its
// channels: every language, each entry marked with its own.
func (s *server) writeFeed(c *gin.Context, st *site, ch *content.Channel) {
	ctx := c.Request.Context()
	f := content.ItemFilter{PortalID: st.Portal.ID, Limit: feedItems}
	origin := s.origin(c)
	feed := atomFeed{Lang: "vi", Title: st.Portal.NameVI, ID: tagID("portal", st.Portal.ID),
		Author: atomPerson{Name: siteMessages["vi"]["site"]}}
	page := origin + st.home()
	self := origin + st.Base + "/feed.atom"
	if ch != nil {
		f.ChannelID = ch.ID
		feed.Title += " — " + ch.NameVI
		feed.ID = tagID("channel", ch.ID)
		page = origin + st.Base + "/chuyen-muc/" + ch.Slug
		self = page + "/feed.atom"
	}
	feed.Links = []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: page}}
	items, err := s.ed.content.PublishedItems(ctx, f)
	if err != nil {
		s.siteFail(c, st, err)
		return
	}
	updated := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // an empty feed still needs one
	for _, it := range items {
		at := it.PublishedAt
		if at.After(updated) {
			updated = at
		}
		e := atomEntry{Lang: it.Lang, ID: tagID("item", it.ID), Title: it.Title,
			Updated: at.UTC().Format(time.RFC3339), Published: at.UTC().Format(time.RFC3339),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: origin + articlePathIn(st.Base, it)}},
			Content: atomText{Type: "html", Body: string(renderMarkdown(it.Body))}}
		if strings.TrimSpace(it.Summary) != "" {
			e.Summary = &atomText{Type: "text", Body: it.Summary}
		}
		for _, t := range it.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
		if it.Sample {
			// `dpi demo`'s sample content: said in the title, which every
			// reader shows, and as a category a program can filter on.
			e.Title = SampleTitlePrefix + e.Title
			e.Categories = append(e.Categories, atomCategory{Term: "sample"})
		}
		feed.Entries = append(feed.Entries, e)
	}
	feed.Updated = updated.UTC().Format(time.RFC3339)
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=300")
	c.Data(http.StatusOK, "application/atom+xml; charset=utf-8", append([]byte(xml.Header), out...))
}

// ---- sitemap

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemapItems keeps the sitemap under the protocol's 50,000 addresses.
const sitemapItems = 45000

// sitemap lists every portal's home and channel pages and every published
// item (sitemaps.org 0.9).
func (s *server) sitemap(c *gin.Context) {
	ctx := c.Request.Context()
	ps, err := s.ed.content.Portals(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	origin := s.origin(c)
	host := hostOnly(c.Request.Host)
	abs := func(p *content.Portal, path string) string {
		if p.Host != "" && p.Host != host {
			return strings.SplitN(origin, "://", 2)[0] + "://" + p.Host + path
		}
		return origin + path
	}
	var set sitemapURLSet
	for _, p := range ps {
		base := basePath(p, host)
		home := base
		if home == "" {
			home = "/"
		}
		set.URLs = append(set.URLs, sitemapURL{Loc: abs(p, home)})
		chans, err := s.ed.content.Channels(ctx, p.ID)
		if err != nil {
			s.fail(c, err)
			return
		}
		for _, ch := range chans {
			if !ch.Hidden && ch.Kind != content.ChannelData && ch.Kind != content.ChannelLink {
				set.URLs = append(set.URLs, sitemapURL{Loc: abs(p, base+"/chuyen-muc/"+ch.Slug)})
			}
		}
		items, err := s.ed.content.PublishedItems(ctx, content.ItemFilter{PortalID: p.ID, Limit: sitemapItems})
		if err != nil {
			s.fail(c, err)
			return
		}
		for _, it := range items {
			set.URLs = append(set.URLs, sitemapURL{Loc: abs(p, articlePathIn(base, it)), LastMod: it.UpdatedAt.UTC().Format("2006-01-02")})
		}
	}
	out, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Data(http.StatusOK, "application/xml; charset=utf-8", append([]byte(xml.Header), out...))
}
