package content_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/portal/content"
)

func TestDiff(t *testing.T) {
	cases := []struct{ a, b, want string }{
		{"", "", ""},
		{"a\nb\nc\n", "a\nb\nc\n", "  a\n  b\n  c\n"},
		{"a\nb\nc\n", "a\nc\n", "  a\n- b\n  c\n"},
		{"a\nc\n", "a\nb\nc\n", "  a\n+ b\n  c\n"},
		{"a\nb\n", "x\ny\n", "- a\n- b\n+ x\n+ y\n"},
		{"", "x\n", "+ x\n"},
		{"x\n", "", "- x\n"},
	}
	for _, c := range cases {
		if got := content.UnifiedDiff(content.Diff(c.a, c.b)); got != c.want {
			t.Errorf("Diff(%q, %q) =\n%s\nwant\n%s", c.a, c.b, got, c.want)
		}
	}
	// Any pair: the old lines are the same and deleted ones, the new lines
	// the same and inserted ones, and the script is as short as the LCS allows.
	texts := []string{"", "a\n", "a\nb\nc\na\nb\nb\na\n", "c\nb\na\nb\na\nc\n", "Tiêu đề\n\nĐoạn một.\nĐoạn hai.\n",
		"Tiêu đề mới\n\nĐoạn một.\nĐoạn chèn.\nĐoạn hai.\n", "x\nx\nx\ny\n", "y\nx\nx\nx\n"}
	for _, a := range texts {
		for _, b := range texts {
			lines := content.Diff(a, b)
			var old, nu []string
			changes := 0
			for _, l := range lines {
				if l.Op != content.DiffInsert {
					old = append(old, l.Text)
				}
				if l.Op != content.DiffDelete {
					nu = append(nu, l.Text)
				}
				if l.Op != content.DiffSame {
					changes++
				}
			}
			if j(old) != j(split(a)) || j(nu) != j(split(b)) {
				t.Fatalf("Diff(%q, %q) does not rebuild both texts: %v", a, b, lines)
			}
			if want := len(split(a)) + len(split(b)) - 2*lcs(split(a), split(b)); changes != want {
				t.Fatalf("Diff(%q, %q): %d changes, shortest is %d", a, b, changes, want)
			}
		}
	}
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
func j(s []string) string { return strings.Join(s, "\x00") }

func lcs(a, b []string) int {
	m := make([][]int, len(a)+1)
	for i := range m {
		m[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for k := len(b) - 1; k >= 0; k-- {
			if a[i] == b[k] {
				m[i][k] = m[i+1][k+1] + 1
			} else {
				m[i][k] = max(m[i+1][k], m[i][k+1])
			}
		}
	}
	return m[0][0]
}

// zipOf writes a zip with the given entries, the first stored uncompressed
// (as ODF requires of "mimetype").
func zipOf(t *testing.T, entries ...[2]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, e := range entries {
		method := zip.Deflate
		if i == 0 {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e[0], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, e[1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAttachmentTypeByContent(t *testing.T) {
	e := newEnv(t)
	odt := zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"}, [2]string{"content.xml", "<office:document-content/>"})
	ods := zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, [2]string{"content.xml", "<x/>"})
	odp := zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.presentation"}, [2]string{"content.xml", "<x/>"})
	docx := zipOf(t, [2]string{"[Content_Types].xml", "<Types/>"}, [2]string{"word/document.xml", "<w:document/>"})
	plainZip := zipOf(t, [2]string{"a.txt", "hello"})
	pdf := []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
	cases := []struct {
		name    string
		data    []byte
		format  string
		flagged bool
		safe    string
	}{
		{"Kế hoạch 2026.odt", odt, content.FormatODT, false, "Kế hoạch 2026.odt"},
		{"bang-so-lieu.ods", ods, content.FormatODS, false, "bang-so-lieu.ods"},
		{"trinh chieu.odp", odp, content.FormatODP, false, "trinh chieu.odp"},
		{"QD 95.pdf", pdf, content.FormatPDF, false, "QD 95.pdf"},
		{"anh.png", png, content.FormatPNG, false, "anh.png"},
		{"bao-cao.docx", docx, content.FormatDOCX, true, "bao-cao.docx"},
		{"gia-mao.pdf", docx, content.FormatDOCX, true, "gia-mao.docx"}, // named .pdf, is docx
		{"odt-that.docx", odt, content.FormatODT, true, "odt-that.odt"}, // named .docx, is odt: flagged for the name
		{"nen.zip", plainZip, content.FormatZIP, true, "nen.zip"},
		{"../../etc/ghi chú<script>.txt", []byte("chỉ là chữ"), content.FormatText, true, "ghi chú_script_.txt"},
	}
	for _, c := range cases {
		att, err := e.svc.Upload(e.ctx, actorOf(e.writer), c.name, bytes.NewReader(c.data))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if att.Format != c.format || att.Flagged != c.flagged || att.Name != c.safe {
			t.Errorf("%s: format %s flagged %v (%s) name %q; want %s %v %q", c.name, att.Format, att.Flagged, att.FlagReason, att.Name, c.format, c.flagged, c.safe)
		}
		// Stored outside any web root, under a random name, byte for byte.
		p := filepath.Join(e.dir, "files", att.StoredName)
		b, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(b, c.data) || strings.Contains(att.StoredName, ".") || len(att.StoredName) != 32 {
			t.Errorf("%s: stored as %q: %v", c.name, att.StoredName, err)
		}
	}
	// Programs are refused; an empty file is refused; the size limit holds.
	_, err := e.svc.Upload(e.ctx, actorOf(e.writer), "setup.pdf", bytes.NewReader([]byte("MZ\x90\x00 program")))
	wantCode(t, err, content.EINVALID)
	_, err = e.svc.Upload(e.ctx, actorOf(e.writer), "rong.pdf", bytes.NewReader(nil))
	wantCode(t, err, content.EINVALID)
	e.svc.Files.MaxSize = 1000
	_, err = e.svc.Upload(e.ctx, actorOf(e.writer), "lon.pdf", bytes.NewReader(append([]byte("%PDF-"), make([]byte, 1000)...)))
	wantCode(t, err, content.EINVALID)
	left, _ := filepath.Glob(filepath.Join(e.dir, "files", ".upload-*"))
	if len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
	// The uploads are audited with who and where.
	evs := must[[]*content.AuditEvent](t)(e.svc.AuditLog(e.ctx, actorOf(e.admin), content.AuditFilter{Action: "upload"}))
	if len(evs) != len(cases) || evs[0].Actor != e.writer.Email || evs[0].IP != "192.0.2.10" {
		t.Fatalf("upload audit: %d rows, %+v", len(evs), evs[0])
	}
	// An attachment on an unpublished item is not public; someone else's
	// upload cannot be attached; a cover must be an image.
	all := must[[]*content.AuditEvent](t)(e.svc.AuditLog(e.ctx, actorOf(e.admin), content.AuditFilter{Action: "upload"}))
	pdfID := all[len(all)-4].ObjectID // "QD 95.pdf"
	_, err = e.svc.CreateItem(e.ctx, actorOf(e.writer2), content.ItemInput{ChannelID: e.news, Title: "x", Attachments: []int64{pdfID}})
	wantCode(t, err, content.EFORBIDDEN)
	_, err = e.svc.CreateItem(e.ctx, actorOf(e.writer), content.ItemInput{ChannelID: e.news, Title: "x", CoverID: pdfID})
	wantCode(t, err, content.EINVALID)
	it := must[*content.Item](t)(e.svc.CreateItem(e.ctx, actorOf(e.writer), content.ItemInput{ChannelID: e.news, Title: "Có tệp", Attachments: []int64{pdfID}}))
	anon := content.Anonymous("198.51.100.7")
	_, _, err = e.svc.OpenAttachment(e.ctx, anon, pdfID)
	wantCode(t, err, content.ENOTFOUND)
	// Before publication: the uploader, the channel's reviewers and
	// administrators open it; another contributor is told it does not exist.
	for _, a := range []*content.Account{e.writer, e.reviewer, e.admin} {
		if _, f, err := e.svc.OpenAttachment(e.ctx, actorOf(a), pdfID); err != nil {
			t.Fatalf("%s may open it: %v", a.Name, err)
		} else {
			f.Close()
		}
	}
	_, _, err = e.svc.OpenAttachment(e.ctx, actorOf(e.writer2), pdfID)
	wantCode(t, err, content.ENOTFOUND)
	must[*content.Item](t)(e.svc.Submit(e.ctx, actorOf(e.writer), it.ID))
	must[*content.Item](t)(e.svc.Approve(e.ctx, actorOf(e.reviewer), it.ID, 1))
	must[*content.Item](t)(e.svc.Publish(e.ctx, actorOf(e.reviewer), it.ID))
	att, f, err := e.svc.OpenAttachment(e.ctx, anon, pdfID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	f.Close()
	if !bytes.Equal(b, pdf) || att.Name != "QD 95.pdf" {
		t.Fatal("download differs")
	}
}

func TestDocumentSearchFolds(t *testing.T) {
	e := newEnv(t)
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	docs := []content.DocumentInput{
		{Number: "95/QĐ-SKH", Type: "Quyết định", IssuingBody: "Sở Kế hoạch và Đầu tư tỉnh Lào Cai", IssueDate: day(2025, 4, 2),
			EffectiveDate: day(2025, 4, 2), Summary: "Quyết định ban hành quy chế hoạt động của Cổng thông tin điện tử Sở"},
		{Number: "1234/UBND-TH", Type: "Công văn", IssuingBody: "UBND tỉnh Lào Cai", IssueDate: day(2025, 6, 1),
			Summary: "Về việc đẩy mạnh hỗ trợ doanh nghiệp nhỏ và vừa"},
		{Number: "68-NQ/TW", Type: "Nghị quyết", IssuingBody: "Bộ Chính trị", IssueDate: day(2025, 5, 4), Status: content.DocInForce,
			Summary: "Về phát triển kinh tế tư nhân"},
	}
	for i := range docs {
		docs[i].PortalID = e.portal
		if _, err := e.svc.CreateDocument(e.ctx, actorOf(e.admin), docs[i]); err != nil {
			t.Fatal(err)
		}
	}
	_, err := e.svc.CreateDocument(e.ctx, actorOf(e.writer), docs[0])
	wantCode(t, err, content.EFORBIDDEN)
	bad := docs[0]
	bad.Number = ""
	_, err = e.svc.CreateDocument(e.ctx, actorOf(e.admin), bad)
	wantCode(t, err, content.EINVALID)
	find := func(q string) string {
		got := must[[]*content.Document](t)(e.svc.Documents(e.ctx, content.DocumentFilter{PortalID: e.portal, Query: q}))
		var n []string
		for _, d := range got {
			n = append(n, d.Number)
		}
		return strings.Join(n, ",")
	}
	for q, want := range map[string]string{
		"quyet dinh":          "95/QĐ-SKH",
		"QUYẾT ĐỊNH":          "95/QĐ-SKH",
		"quyết định":          "95/QĐ-SKH",
		"95/qd-skh":           "95/QĐ-SKH",
		"95/QD":               "95/QĐ-SKH",
		"ho tro doanh nghiep": "1234/UBND-TH",
		"hỗ trợ doanh nghiệp": "1234/UBND-TH",
		"kinh te tu nhan":     "68-NQ/TW",
		"lao cai":             "1234/UBND-TH,95/QĐ-SKH", // newest issue first
		"lao cai nghi quyet":  "",
		"":                    "1234/UBND-TH,68-NQ/TW,95/QĐ-SKH",
	} {
		if got := find(q); got != want {
			t.Errorf("search %q: %q, want %q", q, got, want)
		}
	}
	// The tone mark placed on either vowel ("hoà"/"hòa") folds alike.
	d := must[*content.Document](t)(e.svc.CreateDocument(e.ctx, actorOf(e.admin), content.DocumentInput{PortalID: e.portal,
		Number: "12/KH-SKH", Type: "Kế hoạch", IssuingBody: "Sở", IssueDate: day(2025, 1, 1), Summary: "Hoà nhập"}))
	if got := find("hòa nhập"); got != d.Number {
		t.Errorf("hòa/hoà: %q", got)
	}
}

func TestStaffEmails(t *testing.T) {
	for name, want := range map[string]string{
		"Đặng Xuân Phong":       "dxphong-skhdt@laocai.gov.vn",
		"  nguyễn   thị  ánh  ": "ntanh-skhdt@laocai.gov.vn",
		"Tôn Nữ Thị Hoà":        "tnthoa-skhdt@laocai.gov.vn",
		"Lò Văn Đức":            "lvduc-skhdt@laocai.gov.vn",
		"Giàng A Páo":           "gapao-skhdt@laocai.gov.vn",
		"Minh":                  "minh-skhdt@laocai.gov.vn",
	} {
		got, err := content.StaffEmail(name, 1)
		if err != nil || got != want {
			t.Errorf("StaffEmail(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := content.StaffEmail(" - ", 1); content.ErrorCode(err) != content.EINVALID {
		t.Error("empty name accepted")
	}

	e := newEnv(t)
	unit := &content.StaffUnit{Name: "Phòng Đăng ký kinh doanh"}
	if err := e.svc.SaveStaffUnit(e.ctx, actorOf(e.admin), unit); err != nil {
		t.Fatal(err)
	}
	// e.writer is "Đặng Xuân Phong" with the generated account address: the
	// directory entry for another Đặng Xuân Phong collides.
	if e.writer.Email != "dxphong-skhdt@laocai.gov.vn" {
		t.Fatalf("generated account address %q", e.writer.Email)
	}
	a := must[*content.Staff](t)(e.svc.CreateStaff(e.ctx, actorOf(e.admin), content.StaffInput{UnitID: unit.ID, FullName: "Đinh Xuân Phong", Title: "Chuyên viên"}))
	b := must[*content.Staff](t)(e.svc.CreateStaff(e.ctx, actorOf(e.admin), content.StaffInput{UnitID: unit.ID, FullName: "Đỗ Xuân Phòng"}))
	c := must[*content.Staff](t)(e.svc.CreateStaff(e.ctx, actorOf(e.admin), content.StaffInput{UnitID: unit.ID, FullName: "Nguyễn Thị Mai"}))
	if a.Email != "dxphong2-skhdt@laocai.gov.vn" || !a.EmailReview || !a.EmailGenerated {
		t.Errorf("first collision: %+v", a)
	}
	if b.Email != "dxphong3-skhdt@laocai.gov.vn" || !b.EmailReview {
		t.Errorf("second collision: %+v", b)
	}
	if c.Email != "ntmai-skhdt@laocai.gov.vn" || c.EmailReview {
		t.Errorf("no collision: %+v", c)
	}
	a = must[*content.Staff](t)(e.svc.ConfirmStaffEmail(e.ctx, actorOf(e.admin), a.ID))
	if a.EmailReview {
		t.Error("confirm left the flag")
	}
	_, err := e.svc.ConfirmStaffEmail(e.ctx, actorOf(e.admin), a.ID)
	wantCode(t, err, content.ECONFLICT) // once is enough; a second click logs nothing
	_, err = e.svc.UpdateStaff(e.ctx, actorOf(e.admin), c.ID, content.StaffInput{UnitID: 9999, FullName: c.FullName})
	wantCode(t, err, content.ENOTFOUND)
	// Units: a parent that exists, never a unit inside itself.
	sub := &content.StaffUnit{Name: "Tổ một cửa", ParentID: unit.ID, Email: "Motcua-skhdt@laocai.gov.vn"}
	must[any](t)(nil, e.svc.SaveStaffUnit(e.ctx, actorOf(e.admin), sub))
	if sub.Email != "motcua-skhdt@laocai.gov.vn" {
		t.Errorf("unit address %q", sub.Email)
	}
	loop := *unit
	loop.ParentID = sub.ID
	wantCode(t, e.svc.SaveStaffUnit(e.ctx, actorOf(e.admin), &loop), content.EINVALID)
	wantCode(t, e.svc.SaveStaffUnit(e.ctx, actorOf(e.admin), &content.StaffUnit{Name: "X", ParentID: 9999}), content.ENOTFOUND)
	wantCode(t, e.svc.SaveStaffUnit(e.ctx, actorOf(e.admin), &content.StaffUnit{Name: "X", Email: "không hợp lệ"}), content.EINVALID)
	_, err = e.svc.CreateStaff(e.ctx, actorOf(e.writer), content.StaffInput{FullName: "X Y"})
	wantCode(t, err, content.EFORBIDDEN)
	_, err = e.svc.CreateStaff(e.ctx, actorOf(e.admin), content.StaffInput{FullName: "Khác", Email: "ntmai-skhdt@laocai.gov.vn"})
	wantCode(t, err, content.ECONFLICT)
	units, staff := must2(t)(e.svc.Directory(e.ctx))
	if len(units) != 2 || len(staff) != 3 {
		t.Fatalf("directory: %d units %d staff", len(units), len(staff))
	}
	if got := joined(e.auditActions("staff", a.ID)); got != "staff.create staff.confirm_email" {
		t.Fatalf("audit: %s", got)
	}
}

func must2(t *testing.T) func([]*content.StaffUnit, []*content.Staff, error) ([]*content.StaffUnit, []*content.Staff) {
	return func(u []*content.StaffUnit, s []*content.Staff, err error) ([]*content.StaffUnit, []*content.Staff) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return u, s
	}
}

func TestDiffLargeTextsStayBounded(t *testing.T) {
	var a, b strings.Builder
	for i := 0; i < 6000; i++ {
		fmt.Fprintf(&a, "dòng cũ %d\n", i)
		fmt.Fprintf(&b, "dòng mới %d\n", i)
	}
	lines := content.Diff(a.String(), b.String())
	if len(lines) != 12000 || lines[0].Op != content.DiffDelete || lines[11999].Op != content.DiffInsert {
		t.Fatalf("coarse diff: %d lines", len(lines))
	}
	// Far apart but within the bound: exact.
	x := strings.Repeat("a\nb\n", 1000)
	y := strings.Repeat("a\nc\n", 1000)
	if got := len(content.Diff(x, y)); got != 3000 {
		t.Fatalf("%d lines, want 3000", got)
	}
}
