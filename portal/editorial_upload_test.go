package portal_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/portal"
	"github.com/laocai-dpi/dpi/portal/content"
)

// part is one field of a multipart form: a value, or a file when name is set.
type part struct {
	field, value string
	name         string
	data         []byte
}

func field(k, v string) part { return part{field: k, value: v} }

func file(k, name string, data []byte) part { return part{field: k, name: name, data: data} }

// postMultipart sends a multipart form as a browser does: the form token
// first (unless the parts carry their own), then the parts in order.
func (c *client) postMultipart(path string, parts ...part) response {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	own := false
	for _, p := range parts {
		own = own || p.field == "csrf"
	}
	if c.csrf != "" && !own {
		mw.WriteField("csrf", c.csrf)
	}
	for _, p := range parts {
		if p.name == "" && p.data == nil {
			mw.WriteField(p.field, p.value)
			continue
		}
		w, err := mw.CreateFormFile(p.field, p.name)
		if err != nil {
			c.t.Fatal(err)
		}
		w.Write(p.data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// Real files of each kind: an ODF text (zip with its mimetype entry), a
// DOCX (OOXML parts), a PNG, a GIF.
func odfFile(t *testing.T, mimetype string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte(mimetype))
	w, _ = zw.Create("content.xml")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func docxFile(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, _ := zw.Create(n)
		w.Write([]byte("<x/>"))
	}
	zw.Close()
	return b.Bytes()
}

var (
	pngFile = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{1}, 200)...)
	gifFile = append([]byte("GIF89a"), bytes.Repeat([]byte{2}, 100)...)
)

func attachmentCount(t *testing.T, e *contentEnv) int {
	t.Helper()
	var n int
	if err := e.db.View(e.ctx, func(tx content.Tx) error {
		all, err := tx.AllAttachments()
		n = len(all)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

func storedFiles(t *testing.T, dir string) int {
	entries, _ := os.ReadDir(filepath.Join(dir, content.FilesDir))
	return len(entries)
}

// An item with a cover and attachments, through the form: types by
// content, formats that are not open flagged on the item page, the cover
// with its text alternative on the public page, the files served as
// downloads with their safe names, only once published; uploads and
// downloads in the audit log.
func TestItemUploadsAndDownloads(t *testing.T) {
	e := newContentEnv(t, nil)
	w := e.signIn(e.writer)
	odt := odfFile(t, "application/vnd.oasis.opendocument.text")
	docx := docxFile(t)
	r := w.postMultipart("/quan-tri/bai-viet",
		field("title", "Kế hoạch xúc tiến đầu tư 2026"), field("body", "Nội dung."), field("channel", itoa(e.news)),
		field("cover_alt", "Toàn cảnh hội nghị xúc tiến đầu tư"),
		file("cover_file", "ảnh hội nghị.png", pngFile),
		file("attachment_file", "Kế hoạch số 12.odt", odt),
		file("attachment_file", "../../bảng tính.docx", docx))
	if r.Status != http.StatusSeeOther {
		t.Fatalf("create with files: %d %s", r.Status, textOf(r.Body))
	}
	itemPath, _, _ := strings.Cut(r.Header.Get("Location"), "?")
	var id int64
	fmt.Sscanf(itemPath, "/quan-tri/bai-viet/%d", &id)
	it, err := e.svc.ViewItem(e.ctx, content.System("test"), id)
	if err != nil || it.CoverID == 0 || it.CoverAlt != "Toàn cảnh hội nghị xúc tiến đầu tư" || len(it.Attachments) != 2 {
		t.Fatalf("item files: %v %+v", err, it)
	}
	files, _ := e.svc.Attachments(e.ctx, it.Attachments...)
	if files[0].Format != content.FormatODT || files[0].Flagged || files[1].Format != content.FormatDOCX || !files[1].Flagged ||
		files[1].Name != "bảng tính.docx" {
		t.Fatalf("formats: %+v %+v", files[0], files[1])
	}
	page := w.get(itemPath).Body
	mustContain(t, page, `id="flagged-files"`, "Có 1 tệp đính kèm không theo định dạng mở", "Cần xem xét: định dạng docx không phải định dạng mở",
		"Kế hoạch số 12.odt", "Toàn cảnh hội nghị xúc tiến đầu tư")

	// Not public before publication: the public routes answer 404, even to
	// signed-in staff; the editorial route serves signed-in staff only.
	for _, p := range []string{"/tep/" + itoa(it.Attachments[0]), "/anh/" + itoa(it.CoverID)} {
		if r := w.get(p); r.Status != http.StatusNotFound {
			t.Errorf("%s before publication: %d", p, r.Status)
		}
	}
	if r := e.client().get("/quan-tri/tep/" + itoa(it.Attachments[0])); r.Status != http.StatusSeeOther {
		t.Errorf("editorial download, anonymous: %d", r.Status)
	}
	r = w.get("/quan-tri/tep/" + itoa(it.Attachments[0]))
	if r.Status != 200 || r.Body != string(odt) || r.Header.Get("Content-Type") != "application/vnd.oasis.opendocument.text" {
		t.Errorf("editorial download: %d %s", r.Status, r.Header.Get("Content-Type"))
	}

	// Published: the article shows the cover with its alt text and lists the files.
	must(e.svc.Submit(e.ctx, e.actor(e.writer), id))(t)
	must(e.svc.Approve(e.ctx, e.actor(e.reviewer), id, it.CurrentRevision))(t)
	must(e.svc.Publish(e.ctx, e.actor(e.reviewer), id))(t)
	anon := e.client()
	art := anon.get("/bai-viet/" + itoa(id))
	if art.Status == http.StatusMovedPermanently {
		art = anon.get(art.Header.Get("Location"))
	}
	mustContain(t, art.Body, `<img src="/anh/`+itoa(it.CoverID)+`" alt="Toàn cảnh hội nghị xúc tiến đầu tư"`,
		`href="/tep/`+itoa(it.Attachments[0])+`"`, "Kế hoạch số 12.odt", "bảng tính.docx")
	r = anon.get("/tep/" + itoa(it.Attachments[0]))
	if r.Status != 200 || r.Body != string(odt) {
		t.Fatalf("public download: %d", r.Status)
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="Ke_hoach_so_12.odt"`) ||
		!strings.Contains(cd, "filename*=UTF-8''K%E1%BA%BF") || r.Header.Get("X-Content-Type-Options") != "nosniff" ||
		r.Header.Get("Content-Type") != "application/vnd.oasis.opendocument.text" {
		t.Errorf("download headers: %v", r.Header)
	}
	r = anon.get("/anh/" + itoa(it.CoverID))
	if r.Status != 200 || r.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "inline") {
		t.Errorf("cover: %d %v", r.Status, r.Header)
	}
	if r := anon.get("/anh/" + itoa(it.Attachments[0])); r.Status != http.StatusNotFound {
		t.Errorf("a document served as an image: %d", r.Status)
	}
	evs, err := e.svc.AuditLog(e.ctx, e.actor(e.admin), content.AuditFilter{Action: "download"})
	if err != nil || len(evs) != 2 || evs[0].Actor != "public" && evs[0].IP == "" || evs[1].Actor != e.writer.Email {
		t.Errorf("download audit: %v %+v", err, evs)
	}
	ups, _ := e.svc.AuditLog(e.ctx, e.actor(e.admin), content.AuditFilter{Action: "upload"})
	if len(ups) != 3 {
		t.Errorf("upload audit: %d rows", len(ups))
	}
}

// must(f())(t) is f's value, failing t on its error.
func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// Bad uploads are refused with a message that names the file and the
// limit, and store nothing.
func TestItemUploadRefusals(t *testing.T) {
	const fileLimit, bodyLimit = 16 << 10, 48 << 10
	e := newContentEnv(t, nil, func(o *portal.Options) { o.MaxUploadBody = bodyLimit })
	e.svc.Files.MaxSize = fileLimit
	w := e.signIn(e.writer)
	base := []part{field("title", "Bài có tệp"), field("body", "Nội dung."), field("channel", itoa(e.news))}
	with := func(ps ...part) []part { return append(append([]part(nil), base...), ps...) }
	dir := filepath.Dir(e.svc.Files.Dir)
	check := func(name string, r response, status int, want ...string) {
		t.Helper()
		if r.Status != status {
			t.Errorf("%s: %d, want %d: %s", name, r.Status, status, textOf(r.Body))
		}
		mustContain(t, r.Body, want...)
		if n := attachmentCount(t, e); n != 0 {
			t.Errorf("%s: %d attachments stored", name, n)
		}
		if n := storedFiles(t, dir); n != 0 {
			t.Errorf("%s: %d files left", name, n)
		}
	}
	big := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), fileLimit)...)
	check("one file over the limit", w.postMultipart("/quan-tri/bai-viet", with(file("attachment_file", "báo cáo lớn.pdf", big))...),
		http.StatusRequestEntityTooLarge, "báo cáo lớn.pdf", "16 KB")
	var many []part
	for i := range 5 {
		many = append(many, file("attachment_file", fmt.Sprintf("phần %d.pdf", i), big[:fileLimit-10]))
	}
	check("the body over the limit", w.postMultipart("/quan-tri/bai-viet", with(many...)...),
		http.StatusRequestEntityTooLarge, "phần 2.pdf", "48 KB")
	check("a GIF cover", w.postMultipart("/quan-tri/bai-viet", with(field("cover_alt", "Ảnh"), file("cover_file", "ảnh.png", gifFile))...),
		http.StatusUnprocessableEntity, "ảnh.png", "không phải ảnh PNG, JPEG hay WebP")
	check("no form token", w.postMultipart("/quan-tri/bai-viet", append([]part{field("csrf", "")}, with(file("attachment_file", "a.pdf", big[:100]))...)...),
		http.StatusForbidden, "Biểu mẫu đã hết hạn")
	// The token after the file is refused too: nothing is received before it.
	tokenLast := append(with(file("attachment_file", "a.pdf", big[:100])), field("csrf", w.csrf))
	check("the token after the file", w.postMultipart("/quan-tri/bai-viet", tokenLast...), http.StatusForbidden, "Biểu mẫu đã hết hạn")
	check("a program", w.postMultipart("/quan-tri/bai-viet", with(file("attachment_file", "setup.pdf", []byte("MZ\x90\x00program")))...),
		http.StatusUnprocessableEntity, "setup.pdf", "Không nhận tệp chương trình")
	if r := e.client().postMultipart("/quan-tri/bai-viet", with(file("attachment_file", "a.pdf", big[:100]))...); r.Status != http.StatusUnauthorized {
		t.Errorf("anonymous upload: %d", r.Status)
	}

	// A cover without its description: the form comes back with the files
	// kept (not uploaded again).
	r := w.postMultipart("/quan-tri/bai-viet", with(file("cover_file", "bìa.png", pngFile), file("attachment_file", "kế hoạch.pdf", big[:200]))...)
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Cần mô tả ảnh đại diện") {
		t.Fatalf("cover without alt: %d %s", r.Status, textOf(r.Body))
	}
	mustContain(t, r.Body, "bìa.png", "kế hoạch.pdf", `name="attachment" value="`)
	if n := attachmentCount(t, e); n != 2 {
		t.Fatalf("kept uploads: %d", n)
	}
}

// A file is taken off a draft as a new revision; not once submitted.
func TestRemoveAttachmentFromDraft(t *testing.T) {
	e := newContentEnv(t, nil)
	w := e.signIn(e.writer)
	pdf := []byte("%PDF-1.4\nmột\n%%EOF\n")
	a1 := must(e.svc.Upload(e.ctx, e.actor(e.writer), "một.pdf", bytes.NewReader(pdf)))(t)
	a2 := must(e.svc.Upload(e.ctx, e.actor(e.writer), "hai.pdf", bytes.NewReader(pdf)))(t)
	it := must(e.svc.CreateItem(e.ctx, e.actor(e.writer), content.ItemInput{ChannelID: e.news, Title: "Bài", Attachments: []int64{a1.ID, a2.ID}}))(t)
	if r := e.signIn(e.writer2).post("/quan-tri/bai-viet/"+itoa(it.ID)+"/go-tep", url.Values{"tep": {itoa(a1.ID)}}); r.Status != http.StatusForbidden {
		t.Errorf("another contributor removes a file: %d", r.Status)
	}
	r := w.post("/quan-tri/bai-viet/"+itoa(it.ID)+"/go-tep", url.Values{"tep": {itoa(a1.ID)}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("remove: %d %s", r.Status, textOf(r.Body))
	}
	got := must(e.svc.ViewItem(e.ctx, e.actor(e.writer), it.ID))(t)
	if len(got.Attachments) != 1 || got.Attachments[0] != a2.ID || got.CurrentRevision != 2 {
		t.Fatalf("after removal: %v revision %d", got.Attachments, got.CurrentRevision)
	}
	revs := must(e.svc.Revisions(e.ctx, e.actor(e.writer), it.ID))(t)
	if len(revs[0].Attachments) != 2 || !strings.Contains(revs[1].Note, "một.pdf") {
		t.Errorf("revisions: %+v", revs)
	}
	must(e.svc.Submit(e.ctx, e.actor(e.writer), it.ID))(t)
	r = w.post("/quan-tri/bai-viet/"+itoa(it.ID)+"/go-tep", url.Values{"tep": {itoa(a2.ID)}})
	if r.Status != http.StatusForbidden && r.Status != http.StatusBadRequest {
		t.Errorf("remove from an item in review: %d", r.Status)
	}
}

// slowReader hands its bytes out a little at a time, like an upload over a
// slow line.
type slowReader struct {
	r     io.Reader
	pause time.Duration
}

func (s *slowReader) Read(p []byte) (int, error) {
	time.Sleep(s.pause)
	return s.r.Read(p[:min(len(p), 512)])
}

// A form with files may take longer than the server's ReadTimeout (set for
// ordinary requests); the upload extends its own read deadline.
func TestUploadOutlastsReadTimeout(t *testing.T) {
	e := newContentEnv(t, nil)
	e.srv.Close()
	e.srv = httptest.NewUnstartedServer(e.engine)
	e.srv.Config.ReadTimeout = 300 * time.Millisecond
	e.srv.Start()
	t.Cleanup(e.srv.Close)
	w := e.signIn(e.writer)

	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", w.csrf)
	for _, kv := range [][2]string{{"title", "Tải chậm"}, {"body", "Nội dung."}, {"channel", itoa(e.news)}} {
		mw.WriteField(kv[0], kv[1])
	}
	fw, _ := mw.CreateFormFile("attachment_file", "kế hoạch.odt")
	fw.Write(odfFile(t, "application/vnd.oasis.opendocument.text"))
	mw.Close()
	// About 1.5 s to send, five times the ReadTimeout.
	pause := 1500 * time.Millisecond / time.Duration(buf.Len()/512+1)
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/quan-tri/bai-viet", &slowReader{r: &buf, pause: pause})
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	start := time.Now()
	r := w.do(req)
	if r.Status != http.StatusSeeOther {
		t.Fatalf("slow upload: %d %s", r.Status, textOf(r.Body))
	}
	if d := time.Since(start); d < time.Second {
		t.Fatalf("the upload took %v: not slower than the ReadTimeout, the test proves nothing", d)
	}
}
