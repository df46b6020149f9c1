package portal_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/portal/content"
)

// A schedule is entered and shown in Vietnam's time (ICT) and stored in UTC.
func TestScheduleInICT(t *testing.T) {
	e := newContentEnv(t, nil)
	it := e.item(e.writer, e.news, "Bài hẹn giờ", "Nội dung.", content.StateInReview)
	at := time.Now().Add(72 * time.Hour).In(content.ICT).Truncate(time.Minute)
	rev := e.signIn(e.reviewer)
	r := rev.post("/quan-tri/bai-viet/"+itoa(it.ID)+"/schedule", url.Values{"revision": {"1"}, "at": {at.Format("2006-01-02T15:04")}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("schedule: %d %s", r.Status, textOf(r.Body))
	}
	got, err := e.svc.ViewItem(e.ctx, content.System("test"), it.ID)
	if err != nil || got.State != content.StateScheduled || !got.ScheduledAt.Equal(at) || got.ScheduledAt.Location() != time.UTC {
		t.Fatalf("scheduled: %v %s at %v, want %v", err, got.State, got.ScheduledAt, at.UTC())
	}
	mustContain(t, rev.get("/quan-tri/bai-viet/"+itoa(it.ID)).Body, "đăng lúc "+at.Format("02/01/2006 15:04")+" (ICT)")
	// A time in the past is refused with a message, not a 500.
	it2 := e.item(e.writer, e.news, "Bài hẹn giờ cũ", "Nội dung.", content.StateInReview)
	r = rev.post("/quan-tri/bai-viet/"+itoa(it2.ID)+"/schedule", url.Values{"revision": {"1"}, "at": {"2020-01-01T08:00"}})
	if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "tương lai") {
		t.Errorf("past schedule: %d %s", r.Status, textOf(r.Body))
	}
}

// Approval is of a revision: approving with a stale revision number is a
// conflict, and an edit after approval puts the item back in review.
func TestApprovalTiedToRevision(t *testing.T) {
	e := newContentEnv(t, nil)
	it := e.item(e.writer, e.news, "Bài", "Bản một.", content.StateInReview)
	w := e.signIn(e.writer)
	rev := e.signIn(e.reviewer)
	// The reviewer opened revision 1; the author saves revision 2 meanwhile.
	if r := w.post("/quan-tri/bai-viet/"+itoa(it.ID)+"/sua", url.Values{"base": {"1"}, "title": {"Bài"}, "body": {"Bản hai."}, "channel": {itoa(e.news)}}); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.Status, textOf(r.Body))
	}
	if r := rev.post("/quan-tri/bai-viet/"+itoa(it.ID)+"/approve", url.Values{"revision": {"1"}}); r.Status != http.StatusConflict {
		t.Errorf("stale approval: %d", r.Status)
	}
	if r := rev.post("/quan-tri/bai-viet/"+itoa(it.ID)+"/approve", url.Values{"revision": {"2"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("approve 2: %d", r.Status)
	}
	// A stale edit form (base 1) is refused, keeping the editor's text.
	r := w.post("/quan-tri/bai-viet/"+itoa(it.ID)+"/sua", url.Values{"base": {"1"}, "title": {"Bài"}, "body": {"Văn bản của tôi"}, "channel": {itoa(e.news)}})
	if r.Status != http.StatusConflict || !strings.Contains(r.Body, "Văn bản của tôi") {
		t.Errorf("stale save: %d", r.Status)
	}
	r = w.post("/quan-tri/bai-viet/"+itoa(it.ID)+"/sua", url.Values{"base": {"2"}, "title": {"Bài"}, "body": {"Bản ba."}, "channel": {itoa(e.news)}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("edit after approval: %d", r.Status)
	}
	got, _ := e.svc.ViewItem(e.ctx, content.System("test"), it.ID)
	if got.State != content.StateInReview || got.CurrentRevision != 3 {
		t.Errorf("after an edit of the approved item: %s revision %d", got.State, got.CurrentRevision)
	}
}

// A reviewer's rejection needs a reason; the form says so.
func TestRejectNeedsReason(t *testing.T) {
	e := newContentEnv(t, nil)
	it := e.item(e.writer, e.news, "Bài", "Nội dung.", content.StateInReview)
	rev := e.signIn(e.reviewer)
	r := rev.post("/quan-tri/bai-viet/"+itoa(it.ID)+"/reject", url.Values{"reason": {"   "}})
	if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "Cần nêu lý do") {
		t.Errorf("reject without a reason: %d %s", r.Status, textOf(r.Body))
	}
}
