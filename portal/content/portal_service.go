package content

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Portals lists the portals (public).
func (s *Service) Portals(ctx context.Context) ([]*Portal, error) {
	var out []*Portal
	err := s.Store.View(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Portals()
		return err
	})
	return out, err
}

// Channels lists a portal's channels in menu order (0: every portal's).
func (s *Service) Channels(ctx context.Context, portalID int64) ([]*Channel, error) {
	var out []*Channel
	err := s.Store.View(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Channels(portalID)
		return err
	})
	return out, err
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var channelKinds = []string{ChannelNews, ChannelPage, ChannelDocuments, ChannelDirectory, ChannelFeedback, ChannelData, ChannelLink}

// SaveChannel creates (ID 0) or updates a channel (administrators).
func (s *Service) SaveChannel(ctx context.Context, actor Actor, c *Channel) error {
	c.NameVI, c.NameEN, c.Slug = strings.TrimSpace(c.NameVI), strings.TrimSpace(c.NameEN), strings.TrimSpace(c.Slug)
	switch {
	case c.NameVI == "":
		return invalid("Cần tên chuyên mục", "The channel's name is required")
	case !slugRE.MatchString(c.Slug):
		return invalid("Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang", "The slug may hold lower-case ASCII letters, digits and hyphens")
	case !slices.Contains(channelKinds, c.Kind):
		return Errorf(EINVALID, "Loại chuyên mục không hợp lệ: %q", "Unknown channel kind %q", c.Kind)
	}
	if err := checkTarget(c); err != nil {
		return err
	}
	return s.Store.Update(ctx, func(tx Tx) error {
		a, err := administrator(tx, actor)
		if err != nil {
			return err
		}
		if _, err := tx.Portal(c.PortalID); err != nil {
			return err
		}
		action := "channel.update"
		if c.ID == 0 {
			action = "channel.create"
			err = tx.CreateChannel(c)
		} else {
			var old *Channel
			if old, err = tx.Channel(c.ID); err != nil {
				return err
			}
			if old.PortalID != c.PortalID {
				return invalid("Không chuyển chuyên mục sang cổng khác", "A channel cannot move to another portal")
			}
			err = tx.UpdateChannel(c)
		}
		if err != nil {
			return err
		}
		return Audit(tx, actor, a, s.now(), action, "channel", c.ID, fmt.Sprintf("%s (%s)", c.NameVI, c.Slug))
	})
}

// checkTarget: a link channel needs where it leads (a path on this site or
// an http(s) address); a data channel's dashboard is a path on this site.
func checkTarget(c *Channel) error {
	c.Target = strings.TrimSpace(c.Target)
	local := strings.HasPrefix(c.Target, "/") && !strings.HasPrefix(c.Target, "//")
	web := strings.HasPrefix(c.Target, "https://") || strings.HasPrefix(c.Target, "http://")
	switch {
	case strings.ContainsAny(c.Target, " \t\r\n<>\"'\\"):
		return invalid("Liên kết không hợp lệ", "The link is not valid")
	case c.Kind == ChannelLink && !local && !web:
		return invalid("Chuyên mục liên kết cần đường dẫn (/...) hoặc địa chỉ http(s)://", "A link channel needs a path (/...) or an http(s):// address")
	case c.Kind == ChannelData && c.Target != "" && !local:
		return invalid("Chuyên mục dữ liệu trỏ tới một trang của cổng (/...)", "A data channel points to a page of this site (/...)")
	}
	return nil
}

var (
	prefixRE = regexp.MustCompile(`^(/[a-z0-9]+(-[a-z0-9]+)*)*$`)
	hostRE   = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$`)
	// reservedPrefixes are the site's own paths, which no portal may take.
	reservedPrefixes = []string{"/quan-tri", "/static", "/api", "/dang-nhap", "/dang-xuat", "/healthz", "/sitemap.xml"}
)

// Check trims a portal's fields and checks them on their own (SavePortal
// also checks them against the other portals).
func (p *Portal) Check() error {
	p.NameVI, p.NameEN = strings.TrimSpace(p.NameVI), strings.TrimSpace(p.NameEN)
	p.Host = strings.ToLower(strings.TrimSpace(p.Host))
	p.PathPrefix = strings.TrimRight(strings.TrimSpace(p.PathPrefix), "/")
	switch {
	case p.NameVI == "":
		return invalid("Cần tên cổng", "The portal's name is required")
	case p.PathPrefix != "" && !strings.HasPrefix(p.PathPrefix, "/"):
		return invalid("Tiền tố đường dẫn phải bắt đầu bằng /", "The path prefix must start with /")
	case !prefixRE.MatchString(p.PathPrefix):
		return invalid("Tiền tố đường dẫn chỉ gồm chữ thường không dấu, số, dấu gạch ngang và /", "The path prefix may hold lower-case ASCII letters, digits, hyphens and /")
	case slices.ContainsFunc(reservedPrefixes, func(r string) bool { return p.PathPrefix == r || strings.HasPrefix(p.PathPrefix, r+"/") }):
		return Errorf(EINVALID, "Tiền tố %q là đường dẫn riêng của cổng", "The prefix %q is one of the site's own paths", p.PathPrefix)
	case p.Host != "" && !hostRE.MatchString(p.Host):
		return invalid("Tên miền không hợp lệ (chỉ tên, không có http://, cổng hay /)", "Not a host name (the name only, without http://, port or /)")
	}
	return nil
}

// SavePortal changes a portal's names, host and path prefix (administrators).
// No two portals share a prefix or a host name.
func (s *Service) SavePortal(ctx context.Context, actor Actor, p *Portal) error {
	if err := p.Check(); err != nil {
		return err
	}
	return s.Store.Update(ctx, func(tx Tx) error {
		a, err := administrator(tx, actor)
		if err != nil {
			return err
		}
		old, err := tx.Portal(p.ID)
		if err != nil {
			return err
		}
		all, err := tx.Portals()
		if err != nil {
			return err
		}
		// Every portal keeps a prefix of its own (its routes); a host name
		// also serves it at the root, so a host names one portal.
		for _, o := range all {
			if o.ID == p.ID {
				continue
			}
			if o.PathPrefix == p.PathPrefix {
				return Errorf(ECONFLICT, "Cổng %q đã dùng tiền tố %q", "The portal %q already has the prefix %q", o.NameVI, p.PathPrefix)
			}
			if p.Host != "" && o.Host == p.Host {
				return Errorf(ECONFLICT, "Cổng %q đã dùng tên miền %q", "The portal %q already has the host %q", o.NameVI, p.Host)
			}
		}
		p.Key = old.Key
		if err := tx.UpdatePortal(p); err != nil {
			return err
		}
		return Audit(tx, actor, a, s.now(), "portal.update", "portal", p.ID, fmt.Sprintf("%s: host %q → %q, prefix %q → %q",
			p.NameVI, old.Host, p.Host, old.PathPrefix, p.PathPrefix))
	})
}

// SourceCategories are the kinds of official source DESIGN.md lists.
var SourceCategories = []string{"government", "party", "ministry", "legal", "procedure", "province", "newspaper", "business_data"}

// TrustedSources lists the official sources (all, active or not).
func (s *Service) TrustedSources(ctx context.Context) ([]*TrustedSource, error) {
	var out []*TrustedSource
	err := s.Store.View(ctx, func(tx Tx) error {
		var err error
		out, err = tx.TrustedSources()
		return err
	})
	return out, err
}

// SaveTrustedSource creates (ID 0) or updates an entry of the trusted
// sources (administrators). Sources are deactivated, never deleted: items
// keep naming them.
func (s *Service) SaveTrustedSource(ctx context.Context, actor Actor, src *TrustedSource) error {
	src.Name, src.URL = strings.TrimSpace(src.Name), strings.TrimSpace(src.URL)
	switch {
	case src.Name == "":
		return invalid("Cần tên nguồn", "The source's name is required")
	case !slices.Contains(SourceCategories, src.Category):
		return Errorf(EINVALID, "Loại nguồn không hợp lệ: %q", "Unknown source category %q", src.Category)
	case src.URL != "" && !strings.HasPrefix(src.URL, "https://") && !strings.HasPrefix(src.URL, "http://"),
		strings.ContainsAny(src.URL, " \t\r\n<>\"'\\"):
		return invalid("Địa chỉ nguồn phải bắt đầu bằng http:// hoặc https://", "The source's address must start with http:// or https://")
	}
	return s.Store.Update(ctx, func(tx Tx) error {
		a, err := administrator(tx, actor)
		if err != nil {
			return err
		}
		action := "trusted_source.update"
		if src.ID == 0 {
			action = "trusted_source.create"
			err = tx.CreateTrustedSource(src)
		} else {
			err = tx.UpdateTrustedSource(src)
		}
		if err != nil {
			return err
		}
		return Audit(tx, actor, a, s.now(), action, "trusted_source", src.ID, fmt.Sprintf("%s (active %v)", src.Name, src.Active))
	})
}
