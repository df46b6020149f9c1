package content_test

import (
	"fmt"
	"testing"

	"github.com/laocai-dpi/dpi/portal/content"
)

func TestChannelsAndSourcesEditable(t *testing.T) {
	e := newEnv(t)
	ch := &content.Channel{PortalID: e.portal, Slug: "dau-thau", NameVI: "Thông tin đấu thầu", NameEN: "Procurement", Kind: content.ChannelNews, Position: 10}
	wantCode(t, e.svc.SaveChannel(e.ctx, actorOf(e.reviewer), ch), content.EFORBIDDEN)
	wantCode(t, e.svc.SaveChannel(e.ctx, actorOf(e.admin), &content.Channel{PortalID: e.portal, Slug: "Có Dấu", NameVI: "x", Kind: content.ChannelNews}), content.EINVALID)
	if err := e.svc.SaveChannel(e.ctx, actorOf(e.admin), ch); err != nil {
		t.Fatal(err)
	}
	dup := *ch
	dup.ID = 0
	wantCode(t, e.svc.SaveChannel(e.ctx, actorOf(e.admin), &dup), content.ECONFLICT)
	ch.Hidden = true
	if err := e.svc.SaveChannel(e.ctx, actorOf(e.admin), ch); err != nil {
		t.Fatal(err)
	}
	chans := must[[]*content.Channel](t)(e.svc.Channels(e.ctx, e.portal))
	if last := chans[len(chans)-1]; last.Slug != "dau-thau" || !last.Hidden {
		t.Fatalf("channel: %+v", last)
	}
	// Items go to news and page channels only.
	_, err := e.svc.CreateItem(e.ctx, actorOf(e.writer), content.ItemInput{ChannelID: chans[7].ID, Title: "x"}) // the directory
	wantCode(t, err, content.EINVALID)

	ports := must[[]*content.Portal](t)(e.svc.Portals(e.ctx))
	p := ports[1]
	p.Host, p.PathPrefix = "DoanhNghiep.LaoCai.gov.vn", "/dn/"
	if err := e.svc.SavePortal(e.ctx, actorOf(e.admin), p); err != nil {
		t.Fatal(err)
	}
	ports = must[[]*content.Portal](t)(e.svc.Portals(e.ctx))
	if ports[1].Host != "doanhnghiep.laocai.gov.vn" || ports[1].PathPrefix != "/dn" || ports[1].Key != content.PortalBusiness {
		t.Fatalf("portal: %+v", ports[1])
	}
	src := &content.TrustedSource{Name: "Cổng thông tin Bộ Tài chính", Category: "ministry", URL: "https://mof.gov.vn", Active: true}
	wantCode(t, e.svc.SaveTrustedSource(e.ctx, actorOf(e.writer), src), content.EFORBIDDEN)
	if err := e.svc.SaveTrustedSource(e.ctx, actorOf(e.admin), src); err != nil {
		t.Fatal(err)
	}
	if got := joined(e.auditActions("channel", ch.ID)); got != "channel.create channel.update" {
		t.Fatalf("channel audit: %s", got)
	}
	if got := joined(e.auditActions("trusted_source", src.ID)); got != "trusted_source.create" {
		t.Fatalf("source audit: %s", got)
	}
	// Feedback moderation is audited; publishing needs an answer.
	fb := must[*content.Feedback](t)(e.svc.SubmitFeedback(e.ctx, "203.0.113.7", content.FeedbackInput{PortalID: e.portal, Name: "Bà B", Subject: "Góp ý", Body: "Nội dung"}))
	_, err = e.svc.ModerateFeedback(e.ctx, actorOf(e.admin), fb.ID, content.FeedbackPublished)
	wantCode(t, err, content.EINVALID)
	must[*content.Feedback](t)(e.svc.ModerateFeedback(e.ctx, actorOf(e.reviewer), fb.ID, content.FeedbackSpam))
	if got := joined(e.auditActions("feedback", fb.ID)); got != "feedback.receive feedback.moderate" {
		t.Fatalf("feedback audit: %s", got)
	}
	evs := e.auditFor("feedback", fb.ID)
	if evs[0].IP != "203.0.113.7" {
		t.Fatalf("feedback audit address: %+v", evs[0])
	}
	_, err = e.svc.SubmitFeedback(e.ctx, "203.0.113.7", content.FeedbackInput{PortalID: e.portal, Name: "C", Subject: "s", Body: "b", Email: "không phải thư"})
	wantCode(t, err, content.EINVALID)
}

// What an administrator types into the portal, channel and source forms is
// checked before anything changes: no two portals on one host and prefix,
// no prefix over the site's own paths, links that lead somewhere.
func TestPortalChannelSourceValidation(t *testing.T) {
	e := newEnv(t)
	adm := actorOf(e.admin)
	ports := must[[]*content.Portal](t)(e.svc.Portals(e.ctx))
	biz := *ports[1]
	for _, c := range []struct {
		name, host, prefix, code string
	}{
		{"", "", "/dn", content.EINVALID},
		{"Cổng", "", "/Doanh Nghiep", content.EINVALID},
		{"Cổng", "", "/quan-tri", content.EINVALID},
		{"Cổng", "", "/api/x", content.EINVALID},
		{"Cổng", "https://dn.laocai.gov.vn", "", content.EINVALID},
		{"Cổng", "dn.laocai.gov.vn/x", "", content.EINVALID},
		{"Cổng", "", "/pci", content.ECONFLICT},                        // the PCI portal's
		{"Cổng", "", "", content.ECONFLICT},                            // the department's
		{"Cổng hỗ trợ", "dn.laocai.gov.vn:8443", "", content.EINVALID}, // requests are matched by host name alone
		{"Cổng hỗ trợ", "dn.laocai.gov.vn", "", content.ECONFLICT},     // the department's prefix, host or not
		{"Cổng hỗ trợ", "dn.laocai.gov.vn", "/ho-tro/dn", ""},
	} {
		p := biz
		p.NameVI, p.Host, p.PathPrefix = c.name, c.host, c.prefix
		wantCode(t, e.svc.SavePortal(e.ctx, adm, &p), c.code)
	}
	got := must[[]*content.Portal](t)(e.svc.Portals(e.ctx))[1]
	if got.Host != "dn.laocai.gov.vn" || got.PathPrefix != "/ho-tro/dn" || got.NameEN != biz.NameEN {
		t.Fatalf("portal after the valid saves: %+v", got)
	}
	if n := len(e.auditFor("portal", biz.ID)); n != 1 {
		t.Fatalf("portal audit: %d events, want 1 (refused changes are not logged)", n)
	}
	pci := *must[[]*content.Portal](t)(e.svc.Portals(e.ctx))[2]
	pci.Host = "DN.laocai.gov.vn"
	wantCode(t, e.svc.SavePortal(e.ctx, adm, &pci), content.ECONFLICT) // the business portal's host

	for i, c := range []struct {
		kind, target, code string
	}{
		{content.ChannelLink, "", content.EINVALID},
		{content.ChannelLink, "javascript:alert(1)", content.EINVALID},
		{content.ChannelLink, "//evil.example", content.EINVALID},
		{content.ChannelLink, "/pci/map", ""},
		{content.ChannelLink, "https://laocai.gov.vn", ""},
		{content.ChannelData, "https://example.com", content.EINVALID},
		{content.ChannelData, "", ""},
		{content.ChannelData, "/pci/compare", ""},
	} {
		ch := &content.Channel{PortalID: e.portal, Slug: fmt.Sprintf("lien-ket-%d", i), NameVI: "Liên kết", Kind: c.kind, Target: c.target}
		wantCode(t, e.svc.SaveChannel(e.ctx, adm, ch), c.code)
	}

	for _, c := range []struct {
		category, url, code string
	}{
		{"blog", "", content.EINVALID},
		{"", "", content.EINVALID},
		{"ministry", "ftp://mof.gov.vn", content.EINVALID},
		{"ministry", "https://mof.gov.vn/\"x", content.EINVALID},
		{"ministry", "", ""},
	} {
		src := &content.TrustedSource{Name: "Bộ Tài chính " + c.category + c.url, Category: c.category, URL: c.url, Active: true}
		wantCode(t, e.svc.SaveTrustedSource(e.ctx, adm, src), c.code)
	}
}
