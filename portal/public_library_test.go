package portal_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/portal/content"
)

// The public feedback form: saved and thanked; a filled honeypot is
// thanked and dropped; a message without a subject is shown again with
// what was typed; too many from one address are refused; answers the
// moderators publish are shown, contact details never.
func TestPublicFeedback(t *testing.T) {
	e := newContentEnv(t, nil)
	c := e.client()
	const page = "/doanh-nghiep/chuyen-muc/gop-y"
	send := func(f url.Values) response { return c.post(page, f) }
	r := send(url.Values{"name": {"Nguyễn Văn Dân"}, "email": {"dan@example.vn"}, "phone": {"0912345678"},
		"subject": {"Thời hạn cấp giấy chứng nhận"}, "body": {"Bao lâu thì có giấy chứng nhận?"}})
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != page+"?ok=1" {
		t.Fatalf("feedback: %d %q %s", r.Status, r.Header.Get("Location"), textOf(r.Body))
	}
	mustContain(t, c.get(page+"?ok=1").Body, `id="feedback-sent"`)
	if r := send(url.Values{"name": {"Bot"}, "subject": {"Quảng cáo"}, "body": {"Mua ngay"}, "website": {"http://spam.example"}}); r.Status != http.StatusSeeOther {
		t.Errorf("honeypot: %d", r.Status)
	}
	r = send(url.Values{"name": {"Lê Thị Hỏi"}, "body": {"Nội dung tôi đã gõ"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Nội dung tôi đã gõ") || !strings.Contains(r.Body, "Cần họ tên, tiêu đề") {
		t.Errorf("invalid feedback: %d %s", r.Status, textOf(r.Body))
	}
	queue, err := e.svc.FeedbackQueue(e.ctx, e.actor(e.admin), content.FeedbackFilter{PortalID: e.portals[content.PortalBusiness].ID})
	if err != nil || len(queue) != 1 {
		t.Fatalf("queue: %v %d (the honeypot and the invalid form must not be saved)", err, len(queue))
	}
	// A moderator (a reviewer of the business portal) sees the contact
	// details, answers and publishes.
	mod := e.signIn(e.reviewer)
	mustContain(t, mod.get("/quan-tri/gop-y?cong=business").Body, "Thời hạn cấp giấy chứng nhận", "dan@example.vn", "0912345678")
	if r := mod.post("/quan-tri/gop-y/"+itoa(queue[0].ID)+"/answer", url.Values{"answer": {"Trong 3 ngày làm việc."}, "publish": {"1"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("answer: %d %s", r.Status, textOf(r.Body))
	}
	if r := e.signIn(e.writer).get("/quan-tri/gop-y"); r.Status != http.StatusForbidden {
		t.Errorf("a contributor reads the feedback queue: %d", r.Status)
	}
	body := c.get(page).Body
	mustContain(t, body, "Thời hạn cấp giấy chứng nhận", "Trong 3 ngày làm việc.")
	mustNotContain(t, body, "dan@example.vn", "0912345678")

	// Throttled per address: 10 in 15 minutes (2 counted above: the
	// honeypot is dropped before the count).
	for i := 0; i < 8; i++ {
		send(url.Values{"name": {"A"}, "subject": {"B"}, "body": {"C"}})
	}
	if r := send(url.Values{"name": {"A"}, "subject": {"B"}, "body": {"C"}}); r.Status != http.StatusTooManyRequests {
		t.Errorf("eleventh message: %d", r.Status)
	}
}

// The library channel lists the portal's documents, searched with
// diacritics folded; the directory channel lists units and staff.
func TestPublicLibraryAndDirectory(t *testing.T) {
	e := newContentEnv(t, nil)
	dept := e.portals[content.PortalDepartment].ID
	for _, d := range []content.DocumentInput{
		{PortalID: dept, Number: "95/QĐ-SKH", Type: "Quyết định", IssuingBody: "Sở Kế hoạch và Đầu tư", IssueDate: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Status: content.DocInForce, Summary: "Ban hành quy chế hoạt động của Cổng thông tin điện tử"},
		{PortalID: dept, Number: "12/CV-SKH", Type: "Công văn", IssuingBody: "Sở Kế hoạch và Đầu tư", IssueDate: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), Status: content.DocInForce, Summary: "Đôn đốc báo cáo tình hình đầu tư"},
	} {
		if _, err := e.svc.CreateDocument(e.ctx, e.actor(e.admin), d); err != nil {
			t.Fatal(err)
		}
	}
	c := e.client()
	r := c.get("/chuyen-muc/van-ban-chi-dao-dieu-hanh?q=quyet+dinh+quy+che")
	mustContain(t, r.Body, "95/QĐ-SKH", "Còn hiệu lực")
	mustNotContain(t, r.Body, "12/CV-SKH")
	mustContain(t, c.get("/chuyen-muc/van-ban-chi-dao-dieu-hanh").Body, "95/QĐ-SKH", "12/CV-SKH")

	unit := &content.StaffUnit{Name: "Phòng Đăng ký kinh doanh", Phone: "0214 3840 000"}
	if err := e.svc.SaveStaffUnit(e.ctx, e.actor(e.admin), unit); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.CreateStaff(e.ctx, e.actor(e.admin), content.StaffInput{UnitID: unit.ID, FullName: "Trần Văn Bình", Title: "Trưởng phòng"}); err != nil {
		t.Fatal(err)
	}
	mustContain(t, c.get("/chuyen-muc/danh-ba-thu-dien-tu").Body, "Phòng Đăng ký kinh doanh", "Trần Văn Bình", "tvbinh-skhdt@laocai.gov.vn")
}
