package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/portal/auth"
	"github.com/laocai-dpi/dpi/portal/content"
	"github.com/laocai-dpi/dpi/portal/sqlite"
	"github.com/laocai-dpi/dpi/warehouse"
)

// siteContent fills the content store of data with a small site: accounts,
// a published item with a cover and an attachment, a draft, a library
// document with its file, feedback, the directory.
func siteContent(t *testing.T, data string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a := auth.New(db)
	a.Params = auth.Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	svc := content.NewService(db, content.NewFiles(data))
	sys := content.System("test")
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	admin, err := a.CreateAccount(ctx, sys, auth.NewAccount{Name: "Quản Trị", Email: "qt@laocai.gov.vn", Roles: []content.Role{content.RoleAdministrator}, Password: "mật khẩu quản trị dài"})
	check(err)
	dir, err := a.CreateAccount(ctx, sys, auth.NewAccount{Name: "Giám Đốc", Roles: []content.Role{content.RoleDirector}})
	check(err)
	_, err = a.ApproveAccount(ctx, sys, dir.ID)
	check(err)
	chans, err := svc.Channels(ctx, 1)
	check(err)
	news := chans[2].ID
	w, err := a.CreateAccount(ctx, sys, auth.NewAccount{Name: "Đặng Xuân Phong", Roles: []content.Role{content.RoleContributor}, Password: "mật khẩu người viết"})
	check(err)
	r, err := a.CreateAccount(ctx, sys, auth.NewAccount{Name: "Phạm Duyệt", Roles: []content.Role{content.RoleReviewer}, Channels: []int64{news}})
	check(err)
	for _, x := range []*content.Account{w, r} {
		_, err = a.ApproveAccount(ctx, content.Actor{AccountID: dir.ID}, x.ID)
		check(err)
	}
	wa := content.Actor{AccountID: w.ID, IP: "192.0.2.1"}
	ra := content.Actor{AccountID: r.ID, IP: "192.0.2.2"}
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 300)...)
	cover, err := svc.Upload(ctx, wa, "ảnh bìa.png", bytes.NewReader(png))
	check(err)
	pdf, err := svc.Upload(ctx, wa, "Kế hoạch.pdf", strings.NewReader("%PDF-1.4\nkế hoạch năm\n%%EOF\n"))
	check(err)
	it, err := svc.CreateItem(ctx, wa, content.ItemInput{ChannelID: news, Title: "Hội nghị xúc tiến đầu tư", Summary: "Tóm tắt",
		Body: "**Lào Cai** thu hút 12 dự án.\n", Tags: []string{"đầu tư"}, CoverID: cover.ID, CoverAlt: "Toàn cảnh hội nghị", Attachments: []int64{pdf.ID}})
	check(err)
	_, err = svc.Submit(ctx, wa, it.ID)
	check(err)
	_, err = svc.Approve(ctx, ra, it.ID, 1)
	check(err)
	_, err = svc.Publish(ctx, ra, it.ID)
	check(err)
	cats, err := svc.RoyaltyCategories(ctx, sys)
	check(err)
	_, err = svc.AddRoyalty(ctx, content.Actor{AccountID: admin.ID}, content.RoyaltyInput{ItemID: it.ID, CategoryID: cats[0].ID, Coefficient: 1.5})
	check(err)
	_, err = svc.CreateItem(ctx, wa, content.ItemInput{ChannelID: news, Title: "Bản nháp"})
	check(err)
	qd, err := svc.Upload(ctx, content.Actor{AccountID: admin.ID}, "95-QD-SKH.pdf", strings.NewReader("%PDF-1.7\nquyết định\n%%EOF\n"))
	check(err)
	_, err = svc.CreateDocument(ctx, content.Actor{AccountID: admin.ID}, content.DocumentInput{PortalID: 1, Number: "95/QĐ-SKH", Type: "Quyết định",
		IssuingBody: "Sở KH&ĐT", IssueDate: time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC), Summary: "Quy chế cổng thông tin", FileID: qd.ID})
	check(err)
	_, err = svc.SubmitFeedback(ctx, "203.0.113.1", content.FeedbackInput{PortalID: 2, Name: "Công ty A", Subject: "Hỏi", Body: "Nội dung"})
	check(err)
	_, err = svc.CreateStaff(ctx, sys, content.StaffInput{FullName: "Đinh Xuân Phong"})
	check(err)
}

// contentDump is every row of every table of the content store, in order.
func contentDump(t *testing.T, data string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, sqlite.FileName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, tb := range tables {
		rs, err := db.Query("SELECT * FROM " + tb + " ORDER BY 1, 2")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		n := 0
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rs.Scan(ptrs...)
			fmt.Fprintf(&b, "%s %v\n", tb, vals)
			n++
		}
		rs.Close()
		if n == 0 && tb != "login_failures" && tb != "sessions" && tb != "staff_units" {
			t.Errorf("table %s is empty: the test does not cover it", tb)
		}
	}
	return b.String()
}

// fileSums maps every file under data's originals/, files/ and logs/ to its sha256.
func fileSums(t *testing.T, data string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, d := range []string{"originals", "files", "logs"} {
		filepath.WalkDir(filepath.Join(data, d), func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			b, _ := os.ReadFile(p)
			h := sha256.Sum256(b)
			rel, _ := filepath.Rel(data, p)
			out[rel] = hex.EncodeToString(h[:])
			return nil
		})
	}
	return out
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func warehouseDump(t *testing.T, data string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT * FROM enterprises ORDER BY ALL",
		"SELECT * FROM business_events ORDER BY ALL",
		"SELECT * FROM business_quarterly ORDER BY ALL",
		"SELECT * FROM business_loads ORDER BY ALL",
		"SELECT * FROM ingest_log ORDER BY ingest_id",
		"SELECT count(*) FROM enterprise_snapshots",
		"SELECT * FROM provinces ORDER BY generation, code",
	} {
		r := dpi(t, data, "sql", q)
		if r.code != 0 {
			t.Fatalf("%s: %s", q, r.stderr)
		}
		b.WriteString(r.stdout)
	}
	return b.String()
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "data")
	gen := filepath.Join(tmp, "dn.csv")
	if r := dpi(t, data, "generate", "businesses", "--rows", "300", "--quarter", "2025Q3", "--quarters", "2", gen); r.code != 0 {
		t.Fatal(r.stderr)
	}
	files, _ := filepath.Glob(filepath.Join(tmp, "dn_*.csv"))
	if len(files) != 2 {
		t.Fatalf("generated %v", files)
	}
	if r := dpi(t, data, append([]string{"ingest", "businesses"}, files...)...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	siteContent(t, data)

	bk := filepath.Join(tmp, "backup")
	if r := dpi(t, data, "backup", bk); r.code != 0 {
		t.Fatalf("backup: %s", r.stderr)
	}
	// A second backup into the same folder is refused.
	if r := dpi(t, data, "backup", bk); r.code != 1 || !strings.Contains(r.stderr, "not empty") {
		t.Fatalf("backup into a full folder: %d %s", r.code, r.stderr)
	}
	restored := filepath.Join(tmp, "restored")
	if r := dpi(t, restored, "restore", bk); r.code != 0 {
		t.Fatalf("restore: %s", r.stderr)
	}
	// The same site: every row of the content store, every file, every view.
	if got, want := contentDump(t, restored), contentDump(t, data); got != want {
		t.Fatalf("content store differs after restore:\n%s\n----\n%s", got, want)
	}
	gotFiles, wantFiles := fileSums(t, restored), fileSums(t, data)
	if len(wantFiles) < 5 || fmt.Sprint(gotFiles) != fmt.Sprint(wantFiles) {
		t.Fatalf("files differ:\n%v\n%v", gotFiles, wantFiles)
	}
	if got, want := warehouseDump(t, restored), warehouseDump(t, data); got != want || !strings.Contains(want, "2025Q3") {
		t.Fatal("warehouse views differ after restore")
	}
	// The restored site works: the published item, its files, sign-in.
	ctx := context.Background()
	db, err := sqlite.Open(ctx, restored)
	if err != nil {
		t.Fatal(err)
	}
	svc := content.NewService(db, content.NewFiles(restored))
	pub, err := svc.PublishedItems(ctx, content.ItemFilter{})
	if err != nil || len(pub) != 1 {
		t.Fatalf("published after restore: %v %v", pub, err)
	}
	att, f, err := svc.OpenAttachment(ctx, content.Anonymous("198.51.100.1"), pub[0].Attachments[0])
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if att.Name != "Kế hoạch.pdf" {
		t.Fatalf("attachment %q", att.Name)
	}
	// The cover (with its text alternative) and the library document's file
	// open from the restored folder with the bytes that were uploaded.
	if pub[0].CoverAlt != "Toàn cảnh hội nghị" {
		t.Fatalf("cover alt after restore: %q", pub[0].CoverAlt)
	}
	cov, cf, err := svc.OpenAttachment(ctx, content.Anonymous("198.51.100.1"), pub[0].CoverID)
	if err != nil {
		t.Fatal(err)
	}
	cb, _ := io.ReadAll(cf)
	cf.Close()
	if !cov.IsCover() || len(cb) != int(cov.Size) || sha256Hex(cb) != cov.SHA256 {
		t.Fatalf("cover after restore: %+v", cov)
	}
	docs, err := svc.Documents(ctx, content.DocumentFilter{Query: "95/QĐ-SKH"})
	if err != nil || len(docs) != 1 {
		t.Fatalf("library after restore: %v %v", docs, err)
	}
	doc, df, err := svc.OpenAttachment(ctx, content.Anonymous("198.51.100.1"), docs[0].FileID)
	if err != nil {
		t.Fatal(err)
	}
	db2, _ := io.ReadAll(df)
	df.Close()
	if string(db2) != "%PDF-1.7\nquyết định\n%%EOF\n" || doc.Name != "95-QD-SKH.pdf" {
		t.Fatalf("document file after restore: %q %q", doc.Name, db2)
	}
	if _, _, err := auth.New(db).Login(ctx, auth.LoginInput{Email: "dxphong-skhdt@laocai.gov.vn", Password: "mật khẩu người viết", IP: "127.0.0.1"}); err != nil {
		t.Fatal("sign-in after restore:", err)
	}
	db.Close()

	// Restore only into an empty folder.
	if r := dpi(t, data, "restore", bk); r.code != 1 || !strings.Contains(r.stderr, "not empty") {
		t.Fatalf("restore over data: %d %s", r.code, r.stderr)
	}
	// A damaged backup is refused before anything is written.
	var victim string
	for p := range wantFiles {
		if strings.HasPrefix(p, "files") {
			victim = p
			break
		}
	}
	if err := os.WriteFile(filepath.Join(bk, victim), []byte("tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(tmp, "other")
	if r := dpi(t, other, "restore", bk); r.code != 1 || !strings.Contains(r.stderr, "manifest") {
		t.Fatalf("tampered backup: %d %s", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(other); len(entries) != 0 {
		t.Fatalf("a refused restore wrote %v", entries)
	}
	// A backup without its manifest (interrupted) is refused.
	os.Remove(filepath.Join(bk, ManifestName))
	if r := dpi(t, other, "restore", bk); r.code != 1 {
		t.Fatalf("no manifest: %d %s", r.code, r.stderr)
	}

	// While another process holds the warehouse, backup says so and writes nothing.
	wh, err := warehouse.Open(ctx, data, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer wh.Close()
	busy := filepath.Join(tmp, "busy")
	r := dpi(t, data, "backup", busy)
	if r.code == 0 || !strings.Contains(r.stderr, "dpi serve") {
		t.Fatalf("backup of a held warehouse: %d %s", r.code, r.stderr)
	}
	entries, _ := os.ReadDir(busy)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if len(names) != 0 {
		t.Fatalf("a refused backup left %v", names)
	}
}

// dpi backup works while dpi serve runs on the same data folder: the server
// holds the warehouse, so the command asks it to take the backup through
// its control socket; the server keeps serving, and the backup restores
// into an empty folder as the same site.
func TestBackupWhileServing(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "data")
	gen := filepath.Join(tmp, "dn.csv")
	if r := dpi(t, data, "generate", "businesses", "--rows", "300", "--quarter", "2025Q3", "--quarters", "2", gen); r.code != 0 {
		t.Fatal(r.stderr)
	}
	files, _ := filepath.Glob(filepath.Join(tmp, "dn_*.csv"))
	if r := dpi(t, data, append([]string{"ingest", "businesses"}, files...)...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	siteContent(t, data)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var serveLog bytes.Buffer
	srv := exec.Command(dpiBin, "--data", data, "serve", "--addr", addr)
	srv.Stderr = &serveLog
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			srv.Process.Signal(syscall.SIGTERM)
			srv.Wait()
		}
	}
	t.Cleanup(stop)
	up := func() bool {
		res, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			res.Body.Close()
		}
		return err == nil && res.StatusCode == 200
	}
	for deadline := time.Now().Add(60 * time.Second); !up(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("server did not start: %s", serveLog.String())
		}
	}
	if _, err := os.Stat(controlSocket(data)); err != nil {
		t.Fatalf("no control socket: %v", err)
	}
	// The server holds the warehouse: nothing else may open it.
	if r := dpi(t, data, "sql", "SELECT 1"); r.code == 0 {
		t.Fatal("the warehouse opened beside the server: the test proves nothing")
	}

	bk := filepath.Join(tmp, "backup")
	r := dpi(t, data, "backup", bk)
	if r.code != 0 || !strings.Contains(r.stderr, "running server") {
		t.Fatalf("backup while serving: %d %s\n%s", r.code, r.stderr, serveLog.String())
	}
	// The server's refusals reach the command: a full folder.
	if r := dpi(t, data, "backup", bk); r.code != 1 || !strings.Contains(r.stderr, "not empty") {
		t.Fatalf("backup into a full folder while serving: %d %s", r.code, r.stderr)
	}
	if !up() {
		t.Fatal("the server stopped answering after the backup")
	}
	stop()
	if _, err := os.Stat(controlSocket(data)); !os.IsNotExist(err) {
		t.Errorf("control socket left after the server stopped: %v", err)
	}

	restored := filepath.Join(tmp, "restored")
	if r := dpi(t, restored, "restore", bk); r.code != 0 {
		t.Fatalf("restore: %s", r.stderr)
	}
	if got, want := contentDump(t, restored), contentDump(t, data); got != want {
		t.Fatalf("content store differs after restore:\n%s\n----\n%s", got, want)
	}
	gotFiles, wantFiles := fileSums(t, restored), fileSums(t, data)
	if len(wantFiles) < 5 || fmt.Sprint(gotFiles) != fmt.Sprint(wantFiles) {
		t.Fatalf("files differ:\n%v\n%v", gotFiles, wantFiles)
	}
	if got, want := warehouseDump(t, restored), warehouseDump(t, data); got != want || !strings.Contains(want, "2025Q3") {
		t.Fatal("warehouse views differ after restore")
	}
	// With no server, backup opens the stores itself (a socket left by a
	// server that died does not stand in the way).
	if err := os.WriteFile(controlSocket(data), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if r := dpi(t, data, "backup", filepath.Join(tmp, "cold")); r.code != 0 || strings.Contains(r.stderr, "running server") {
		t.Fatalf("backup without a server: %d %s", r.code, r.stderr)
	}
}
