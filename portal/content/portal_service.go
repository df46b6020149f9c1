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

// SavePortal changes a portal's names, host and path prefix (administrators).
func (s *Service) SavePortal(ctx context.Context, actor Actor, p *Portal) error {
	p.Host = strings.ToLower(strings.TrimSpace(p.Host))
	p.PathPrefix = strings.TrimRight(strings.TrimSpace(p.PathPrefix), "/")
	if p.PathPrefix != "" && !strings.HasPrefix(p.PathPrefix, "/") {
		return invalid("Tiền tố đường dẫn phải bắt đầu bằng /", "The path prefix must start with /")
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
		p.Key = old.Key
		if err := tx.UpdatePortal(p); err != nil {
			return err
		}
		return Audit(tx, actor, a, s.now(), "portal.update", "portal", p.ID, fmt.Sprintf("host %q prefix %q", p.Host, p.PathPrefix))
	})
}

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
	src.Name = strings.TrimSpace(src.Name)
	if src.Name == "" {
		return invalid("Cần tên nguồn", "The source's name is required")
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
