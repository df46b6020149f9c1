package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
	"github.com/laocai-dpi/dpi/portal/sqlite"
)

// sampleBadge is the public and admin pages' mark of sample content.
const sampleBadge = `<span class="tag sample"`

// contentRows dumps the tables the demo writes (and the audit log), so a
// second run can be shown to change nothing.
func contentRows(t *testing.T, data string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, sqlite.FileName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	for _, tb := range []string{"accounts", "items", "revisions", "documents", "staff_units", "staff", "feedback", "notifications", "audit_log"} {
		rs, err := db.Query("SELECT * FROM " + tb + " ORDER BY 1")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rs.Scan(ptrs...)
			fmt.Fprintf(&b, "%s %v\n", tb, vals)
		}
		rs.Close()
	}
	return b.String()
}

func sampleCounts(t *testing.T, data string) content.SampleCounts {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var c content.SampleCounts
	if err := db.View(ctx, func(tx content.Tx) error {
		var err error
		c, err = tx.SampleCounts()
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return c
}

func serveData(t *testing.T, data string) (base string, stop func()) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	srv := exec.Command(dpiBin, "--data", data, "serve", "--addr", addr)
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	stop = func() { srv.Process.Signal(os.Interrupt); srv.Wait() }
	for i := 0; i < 150; i++ {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			return "http://" + addr, stop
		}
		time.Sleep(100 * time.Millisecond)
	}
	stop()
	t.Fatal("dpi serve did not answer")
	return "", nil
}

func getPage(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %.300s", u, resp.StatusCode, b)
	}
	return string(b)
}

// TestDemoSeedsSampleContent runs `dpi demo` twice as `make run` would on a
// fresh machine, serves, and checks the editorial side shows the sample
// content, marked as such everywhere; no sample account can sign in; the
// first real administrator is still the bootstrap account; a backup and
// restore keep the flag.
func TestDemoSeedsSampleContent(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "data")
	r := dpi(t, data, "demo")
	if r.code != 0 || !strings.Contains(r.stdout, "SAMPLE content: 14 bài / items, 4 văn bản / documents, 5 cán bộ / staff, 1 góp ý / feedback") ||
		!strings.Contains(r.stdout, "users add") {
		t.Fatalf("demo: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	before := contentRows(t, data)
	if r := dpi(t, data, "demo"); r.code != 0 || !strings.Contains(r.stdout, "SAMPLE content already there: unchanged") {
		t.Fatalf("second demo: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if contentRows(t, data) != before {
		t.Fatal("the second demo changed the content store")
	}
	c := sampleCounts(t, data)
	if c.Other != 0 || c.Sample != 14+4+3+5+1 || c.SampleAccounts != 3 {
		t.Fatalf("counts: %+v", c)
	}

	// Written through the workflow, audited; no sample account is usable.
	ctx := context.Background()
	db, err := sqlite.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	svc := content.NewService(db, nil)
	audit, err := svc.AuditLog(ctx, content.System("test"), content.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, e := range audit {
		actions[e.Action+"@"+e.Actor]++
	}
	for want, n := range map[string]int{"item.create@tacgia.mau@example.invalid": 13, "item.submit@tacgia.mau@example.invalid": 13,
		"item.approve@bientap.mau@example.invalid": 12, "item.publish@bientap.mau@example.invalid": 12,
		"item.schedule@bientap.mau@example.invalid": 1, "item.publish_direct@quantri.mau@example.invalid": 1,
		"feedback.answer@quantri.mau@example.invalid": 1, "staff.create@quantri.mau@example.invalid": 5} {
		if actions[want] != n {
			t.Errorf("audit %s: %d rows, want %d", want, actions[want], n)
		}
	}
	accts, err := auth.New(db).Accounts(ctx, content.System("test"), content.AccountFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range accts {
		if !a.Sample || a.Status != content.AccountDisabled || a.PasswordHash != "" || !strings.HasSuffix(a.Email, "@example.invalid") {
			t.Errorf("sample account %s: sample %v, %s, has password %v", a.Email, a.Sample, a.Status, a.PasswordHash != "")
		}
	}
	items, err := svc.PublishedItems(ctx, content.ItemFilter{})
	if err != nil || len(items) != 13 {
		t.Fatalf("published: %d %v", len(items), err)
	}
	for _, it := range items {
		if !it.Sample || !strings.HasPrefix(it.Body, "> **Bài mẫu**") {
			t.Errorf("item %d %q: sample %v", it.ID, it.Title, it.Sample)
		}
	}
	db.Close()
	if err := login(t, data, "quantri.mau@example.invalid", "any password at all"); content.ErrorCode(err) != content.EUNAUTHORIZED {
		t.Errorf("sample account login: %v", err)
	}
	if r := dpiIn(t, data, "a long enough password\n", "users", "passwd", "quantri.mau@example.invalid"); r.code != 1 || !strings.Contains(r.stderr, "sample account") {
		t.Errorf("passwd of a sample account: %d %s", r.code, r.stderr)
	}

	// The first real administrator is still the bootstrap account (active).
	const adminEmail, adminPW = "quantri.that@example.org", "mật khẩu của quản trị thật"
	if r := dpi(t, data, "users", "add", "--name", "Quản Trị Thật", "--email", adminEmail, "--role", "administrator"); r.code != 0 || !strings.Contains(r.stdout, "\tactive") {
		t.Fatalf("users add: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := dpiIn(t, data, adminPW+"\n", "users", "passwd", adminEmail); r.code != 0 {
		t.Fatal(r.stderr)
	}

	base, stop := serveData(t, data)
	defer stop()
	hc := &http.Client{Timeout: 30 * time.Second}
	for path, title := range map[string]string{
		"/":             "Lào Cai tổ chức Hội nghị xúc tiến đầu tư vào Khu kinh tế cửa khẩu",
		"/doanh-nghiep": "Hướng dẫn đăng ký thành lập doanh nghiệp qua mạng điện tử",
		"/pci":          "Lào Cai triển khai kế hoạch nâng cao chỉ số năng lực cạnh tranh cấp tỉnh",
	} {
		page := getPage(t, hc, base+path)
		if !strings.Contains(page, title) || strings.Count(page, sampleBadge) < 3 || !strings.Contains(page, "Bài mẫu / Sample") {
			t.Errorf("home %s: title or sample badges missing (%d badges)", path, strings.Count(page, sampleBadge))
		}
		if strings.Contains(page, "Hội thảo phân tích các chỉ số thành phần PCI") {
			t.Errorf("home %s shows the scheduled item", path)
		}
	}
	feed := getPage(t, hc, base+"/pci/feed.atom")
	entries := strings.Count(feed, "<entry")
	if entries < 4 || strings.Count(feed, "<title>[Bài mẫu / Sample] ") != entries || strings.Count(feed, `term="sample"`) != entries {
		t.Errorf("feed: %d entries, %d marked titles, %d sample categories", entries, strings.Count(feed, "<title>[Bài mẫu / Sample] "), strings.Count(feed, `term="sample"`))
	}
	link := regexp.MustCompile(`<link rel="alternate" type="text/html" href="([^"]+/bai-viet/[^"]+)"`).FindStringSubmatch(feed)
	if link == nil {
		t.Fatalf("no article link in the feed: %.500s", feed)
	}
	if art := getPage(t, hc, link[1]); !strings.Contains(art, `id="sample-note"`) {
		t.Errorf("article %s lacks the sample note", link[1])
	}
	for path, want := range map[string][]string{
		"/chuyen-muc/van-ban-chi-dao-dieu-hanh":                   {"MẪU-01/KH-SKHĐT", "MẪU-02/QĐ-SKHĐT"},
		"/doanh-nghiep/chuyen-muc/van-ban-chi-dao":                {"MẪU-03/HD-SKHĐT", "MẪU-04/CV-SKHĐT"},
		"/chuyen-muc/danh-ba-thu-dien-tu":                         {"Phạm Quốc Mẫu", "pqmau-skhdt@laocai.gov.vn", "Văn phòng Sở (mẫu)"},
		"/doanh-nghiep/chuyen-muc/gop-y":                          {"Thời gian cấp Giấy chứng nhận đăng ký doanh nghiệp", "(Trả lời mẫu)"},
		"/doanh-nghiep/chuyen-muc/huong-dan-phap-ly":              {"Những điểm cần lưu ý khi thay đổi nội dung đăng ký doanh nghiệp"},
		"/pci/chuyen-muc/thong-cao-bao-chi?lang=en":               {},
		"/doanh-nghiep/chuyen-muc/tin-tuc?lang=en":                {"How to register a new enterprise online"},
		"/chuyen-muc/tin-tuc-su-kien":                             {"UBND tỉnh ban hành kế hoạch cải thiện môi trường kinh doanh"},
		"/doanh-nghiep/chuyen-muc/van-ban-phap-luat-doanh-nghiep": {},
	} {
		page := getPage(t, hc, base+path)
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
		if len(want) > 0 && !strings.Contains(page, sampleBadge) {
			t.Errorf("%s lacks the sample badge", path)
		}
	}

	// The weekly report to the board lists the direct trusted-source item.
	jar, _ := cookiejar.New(nil)
	ac := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	resp, err := ac.PostForm(base+"/dang-nhap", url.Values{"email": {adminEmail}, "password": {adminPW}, "next": {"/quan-tri/"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	weekly := getPage(t, ac, base+"/quan-tri/bao-cao-tuan")
	if !strings.Contains(weekly, "UBND tỉnh ban hành kế hoạch cải thiện môi trường kinh doanh") || !strings.Contains(weekly, "Cổng Thông tin điện tử tỉnh Lào Cai") {
		t.Errorf("weekly report lacks the trusted-source item: %.2000s", weekly)
	}
	stop()

	// A backup and its restore keep the flag.
	bk := filepath.Join(tmp, "backup")
	if r := dpi(t, data, "backup", bk); r.code != 0 {
		t.Fatalf("backup: %s", r.stderr)
	}
	restored := filepath.Join(tmp, "restored")
	if r := dpi(t, restored, "restore", bk); r.code != 0 {
		t.Fatalf("restore: %s", r.stderr)
	}
	if got := sampleCounts(t, restored); got != c {
		t.Errorf("after restore: %+v, want %+v", got, c)
	}
}

// TestDemoLeavesRealContentAlone: a store holding the department's own
// content is never seeded.
func TestDemoLeavesRealContentAlone(t *testing.T) {
	data := t.TempDir()
	if r := dpi(t, data, "users", "add", "--name", "Quản Trị Thật", "--email", "admin@example.org", "--role", "administrator,contributor"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	a, err := auth.New(db).AccountByEmail(ctx, "admin@example.org")
	if err != nil {
		t.Fatal(err)
	}
	svc := content.NewService(db, nil)
	var ch int64
	db.View(ctx, func(tx content.Tx) error {
		c, err := tx.ChannelBySlug(1, "tin-tuc-su-kien")
		if err == nil {
			ch = c.ID
		}
		return err
	})
	if _, err := svc.CreateItem(ctx, content.Actor{AccountID: a.ID, Label: a.Email}, content.ItemInput{ChannelID: ch, Title: "Tin thật của Sở", Body: "Nội dung"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := contentRows(t, data)
	r := dpi(t, data, "demo")
	if r.code != 0 || !strings.Contains(r.stdout, "holds real content: sample content not added") || strings.Contains(r.stdout, "create the first administrator") {
		t.Fatalf("demo over real content: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if contentRows(t, data) != before {
		t.Fatal("demo changed a store holding real content")
	}
	if c := sampleCounts(t, data); c.Sample != 0 || c.SampleAccounts != 0 || c.Other != 1 {
		t.Fatalf("counts: %+v", c)
	}
}
