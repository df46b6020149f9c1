package content_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/portal/content"
)

// A cover is a PNG, JPEG or WebP image (by content) with its text
// alternative; a GIF or a document is refused.
func TestCoverNeedsImageAndAlt(t *testing.T) {
	e := newEnv(t)
	w := actorOf(e.writer)
	png := must[*content.Attachment](t)(e.svc.Upload(e.ctx, w, "bìa.png", bytes.NewReader(append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...))))
	gif := must[*content.Attachment](t)(e.svc.Upload(e.ctx, w, "bìa.gif", bytes.NewReader(append([]byte("GIF89a"), make([]byte, 64)...))))
	_, err := e.svc.CreateItem(e.ctx, w, content.ItemInput{ChannelID: e.news, Title: "x", CoverID: png.ID})
	wantCode(t, err, content.EINVALID)
	_, err = e.svc.CreateItem(e.ctx, w, content.ItemInput{ChannelID: e.news, Title: "x", CoverID: gif.ID, CoverAlt: "Ảnh"})
	wantCode(t, err, content.EINVALID)
	it := must[*content.Item](t)(e.svc.CreateItem(e.ctx, w, content.ItemInput{ChannelID: e.news, Title: "x", CoverID: png.ID, CoverAlt: "  Toàn cảnh   hội nghị "}))
	got := must[*content.Item](t)(e.svc.ViewItem(e.ctx, w, it.ID))
	rev := must[*content.Revision](t)(nthRevision(e, w, it.ID, 1))
	if got.CoverAlt != "Toàn cảnh hội nghị" || rev.CoverAlt != got.CoverAlt {
		t.Fatalf("alt %q, revision %q", got.CoverAlt, rev.CoverAlt)
	}
}

func nthRevision(e *env, a content.Actor, id int64, n int) (*content.Revision, error) {
	revs, err := e.svc.Revisions(e.ctx, a, id)
	if err != nil {
		return nil, err
	}
	return revs[n-1], nil
}

// RemoveAttachment takes a file or the cover off a draft as a new revision,
// by someone who may edit it; never once the item left the draft state.
func TestRemoveAttachment(t *testing.T) {
	e := newEnv(t)
	w := actorOf(e.writer)
	pdf := func(name string) *content.Attachment {
		return must[*content.Attachment](t)(e.svc.Upload(e.ctx, w, name, strings.NewReader("%PDF-1.4\n"+name+"\n")))
	}
	png := must[*content.Attachment](t)(e.svc.Upload(e.ctx, w, "bìa.png", bytes.NewReader(append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...))))
	a, b := pdf("a.pdf"), pdf("b.pdf")
	it := must[*content.Item](t)(e.svc.CreateItem(e.ctx, w, content.ItemInput{ChannelID: e.news, Title: "x", CoverID: png.ID, CoverAlt: "Bìa", Attachments: []int64{a.ID, b.ID}}))
	_, err := e.svc.RemoveAttachment(e.ctx, actorOf(e.writer2), it.ID, a.ID)
	wantCode(t, err, content.EFORBIDDEN)
	_, err = e.svc.RemoveAttachment(e.ctx, w, it.ID, 9999)
	wantCode(t, err, content.ENOTFOUND)
	it = must[*content.Item](t)(e.svc.RemoveAttachment(e.ctx, w, it.ID, a.ID))
	it = must[*content.Item](t)(e.svc.RemoveAttachment(e.ctx, w, it.ID, png.ID))
	if it.CurrentRevision != 3 || len(it.Attachments) != 1 || it.Attachments[0] != b.ID || it.CoverID != 0 || it.CoverAlt != "" {
		t.Fatalf("after removals: %+v", it)
	}
	first := must[*content.Revision](t)(nthRevision(e, w, it.ID, 1))
	if len(first.Attachments) != 2 || first.CoverID != png.ID {
		t.Fatalf("revision 1 changed: %+v", first)
	}
	// The removed file stays readable to the draft's readers (revision 1
	// names it), not to others.
	if _, f, err := e.svc.OpenAttachment(e.ctx, actorOf(e.reviewer), a.ID); err != nil {
		t.Fatal("the channel's reviewer opens a removed file:", err)
	} else {
		f.Close()
	}
	_, _, err = e.svc.OpenAttachment(e.ctx, actorOf(e.writer2), a.ID)
	wantCode(t, err, content.ENOTFOUND)
	_, err = e.svc.RemoveAttachment(e.ctx, w, it.ID, a.ID)
	wantCode(t, err, content.ENOTFOUND)
	must[*content.Item](t)(e.svc.Submit(e.ctx, w, it.ID))
	_, err = e.svc.RemoveAttachment(e.ctx, w, it.ID, b.ID)
	if err == nil {
		t.Fatal("a file removed from an item in review")
	}
	evs := must[[]*content.AuditEvent](t)(e.svc.AuditLog(e.ctx, actorOf(e.admin), content.AuditFilter{Action: "item.remove_attachment"}))
	if len(evs) != 2 {
		t.Fatalf("audit: %d rows", len(evs))
	}
}
