package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/laocai-dpi/dpi/portal/content"
	"github.com/laocai-dpi/dpi/portal/sqlite"
)

func TestOpenMigratesOnceWALForeignKeys(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil || v < 3 {
		t.Fatalf("schema version %d %v", v, err)
	}
	db.Close()
	// Opening again applies nothing twice (the seeded rows would collide).
	db, err = sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ports []*content.Portal
	var chans []*content.Channel
	db.View(ctx, func(tx content.Tx) error {
		ports, _ = tx.Portals()
		chans, _ = tx.Channels(0)
		return nil
	})
	if len(ports) != 3 || ports[0].Key != content.PortalDepartment || ports[1].Key != content.PortalBusiness || ports[2].Key != content.PortalPCI {
		t.Fatalf("portals: %v", ports)
	}
	per := map[int64]int{}
	for _, c := range chans {
		per[c.PortalID]++
	}
	// the rules' channels; the business portal's also links the quarterly
	// registration dashboard (migration 0005)
	if per[1] != 9 || per[2] != 10 || per[3] != 8 {
		t.Fatalf("channels per portal: %v", per)
	}

	raw, err := sql.Open("sqlite", "file:"+filepath.Join(dir, sqlite.FileName)+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var mode string
	raw.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Fatalf("journal mode %q", mode)
	}
	// Foreign keys hold through the store.
	err = db.Update(ctx, func(tx content.Tx) error {
		return tx.CreateChannel(&content.Channel{PortalID: 99, Slug: "x", NameVI: "x", Kind: content.ChannelNews})
	})
	if content.ErrorCode(err) != content.EINVALID {
		t.Fatalf("channel of a missing portal: %v", err)
	}
	// The audit log is append-only; revisions never change.
	err = db.Update(ctx, func(tx content.Tx) error {
		return tx.AddAudit(&content.AuditEvent{Time: time.Now(), Actor: "t", Action: "x"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE audit_log SET actor = 'someone else'"); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("audit row changed: %v", err)
	}
	if _, err := raw.Exec("DELETE FROM audit_log"); err == nil {
		t.Fatal("audit rows deleted")
	}
	// A unique key taken is a conflict.
	err = db.Update(ctx, func(tx content.Tx) error {
		return tx.CreateChannel(&content.Channel{PortalID: 1, Slug: "gioi-thieu", NameVI: "x", Kind: content.ChannelPage})
	})
	if content.ErrorCode(err) != content.ECONFLICT {
		t.Fatalf("duplicate slug: %v", err)
	}
	// A read transaction cannot write.
	err = db.View(ctx, func(tx content.Tx) error {
		return tx.AddAudit(&content.AuditEvent{Time: time.Now(), Actor: "t", Action: "x"})
	})
	if err == nil {
		t.Fatal("wrote in a read transaction")
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, _ := sql.Open("sqlite", "file:"+filepath.Join(dir, sqlite.FileName))
	if _, err := raw.Exec("INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 'x')"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if _, err := sqlite.Open(ctx, dir); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("opened a newer schema: %v", err)
	}
}

// A migration numbered below one already applied still runs: branches are
// merged in any order, and a store that ran a later number must not skip an
// earlier one. Here the store forgets 0003 (its seeded rows and its record) while
// keeping the later ones; opening it applies 0003 again.
func TestMigrationBelowTheLatestApplied(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, _ := sql.Open("sqlite", "file:"+filepath.Join(dir, sqlite.FileName))
	var sources, later int
	raw.QueryRow("SELECT count(*) FROM trusted_sources").Scan(&sources)
	raw.QueryRow("SELECT count(*) FROM schema_migrations WHERE version > 3").Scan(&later)
	if sources == 0 || later == 0 {
		t.Fatalf("%d trusted sources, %d migrations after 0003", sources, later)
	}
	if _, err := raw.Exec("DELETE FROM trusted_sources; DELETE FROM royalty_categories; DELETE FROM schema_migrations WHERE version = 3"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err = sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, _ = sql.Open("sqlite", "file:"+filepath.Join(dir, sqlite.FileName))
	defer raw.Close()
	var again int
	raw.QueryRow("SELECT count(*) FROM trusted_sources").Scan(&again)
	if again != sources {
		t.Errorf("0003 not applied again below a later migration: %d trusted sources, want %d", again, sources)
	}
}

func TestBackupWhileOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(ctx, func(tx content.Tx) error {
		return tx.CreateTrustedSource(&content.TrustedSource{Name: "Nguồn thử", Active: true})
	})
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "copy.sqlite")
	if err := db.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, dest); err == nil {
		t.Fatal("backup overwrote a file")
	}
	cp, err := sqlite.OpenFile(ctx, dest)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	var n int
	cp.View(ctx, func(tx content.Tx) error {
		s, err := tx.TrustedSources()
		n = len(s)
		return err
	})
	if n != 10 {
		t.Fatalf("copy has %d sources", n)
	}
}
