package content_test

import (
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
