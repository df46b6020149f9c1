package warehouse

import (
	"context"
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	dpisql "github.com/laocai-dpi/dpi/sql"
)

// businessRefFiles are the sql/ref files the business views rely on, with
// the table each fills. Tests skip the ones not written yet.
var businessRefFiles = []string{
	"business_legal_forms", "business_statuses", "vsic_sections", "vsic_codes",
	"admin_districts_pre2025", "admin_communes_pre2025", "admin_communes_2025",
	"admin_commune_crosswalk_2025",
}

func TestReferenceTablesMatchTheirFiles(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err) // a header that does not match its table fails here
	}
	defer w.Close()
	for _, base := range businessRefFiles {
		cols, err := tableColumns(ctx, w.DB(), "ref_"+base)
		if err != nil || len(cols) == 0 {
			t.Errorf("ref_%s: no table (%v)", base, err)
			continue
		}
		data, err := fs.ReadFile(dpisql.FS, "ref/"+base+".csv")
		if err != nil {
			t.Logf("sql/ref/%s.csv not written yet: skipped", base)
			continue
		}
		lines := strings.Count(strings.TrimRight(string(data), "\n"), "\n") // data rows if no quoted newlines
		if got := count(t, w, "SELECT count(*) FROM ref_"+base); got == 0 || got > lines {
			t.Errorf("ref_%s has %d rows, file has %d lines after the header", base, got, lines)
		}
	}
	// Every CSV with a ref_ table is loaded; list the others so a forgotten
	// table shows in the test log.
	files, _ := fs.Glob(dpisql.FS, "ref/*.csv")
	for _, f := range files {
		base := strings.TrimSuffix(path.Base(f), ".csv")
		if cols, _ := tableColumns(ctx, w.DB(), "ref_"+base); len(cols) == 0 && !refLoadedByHand[base] {
			t.Logf("sql/%s has no ref_%s table: read by Go code only", f, base)
		}
	}
}

func TestBusinessStatusKeysTheViewsUse(t *testing.T) {
	data, err := fs.ReadFile(dpisql.FS, "ref/business_statuses.csv")
	if err != nil {
		t.Skip("sql/ref/business_statuses.csv not written yet")
	}
	ctx := context.Background()
	w, err := Open(ctx, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	// business_events and business_quarterly name these keys.
	for _, k := range []string{"active", "suspended", "dissolved"} {
		if count(t, w, "SELECT count(*) FROM ref_business_statuses WHERE key = '"+k+"'") != 1 {
			t.Errorf("status key %q missing from business_statuses.csv:\n%s", k, data)
		}
	}
}

func TestRefSyncCastsAndRefusesWrongHeaders(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	good := fstest.MapFS{
		// Columns in another order than the table's, a quoted comma, an empty cell.
		"ref/business_statuses.csv":  {Data: []byte("key,name_en,name_vi,is_operating,aliases\nactive,Active,Đang hoạt động,true,\"hoạt động, đang hđ\"\ndissolved,,Đã giải thể,false,\n")},
		"ref/vsic_codes.csv":         {Data: []byte("\ufeffcode,level,name_vi,section\n01110,5,Trồng lúa,A\n")},
		"ref/province_crosswalk.csv": {Data: []byte("not,a,table,header\n")}, // loaded by hand: ignored here
		"ref/nothing_reads_me.csv":   {Data: []byte("x\n1\n")},               // no table: ignored
	}
	tx, err := w.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := syncRefTables(ctx, tx, good); err != nil {
		t.Fatal(err)
	}
	var operating bool
	var nameEN, aliases *string
	if err := tx.QueryRow(`SELECT is_operating, name_en, aliases FROM ref_business_statuses WHERE key = 'dissolved'`).Scan(&operating, &nameEN, &aliases); err != nil {
		t.Fatal(err)
	}
	if operating || nameEN != nil || aliases != nil {
		t.Errorf("dissolved: operating=%v name_en=%v aliases=%v", operating, nameEN, aliases)
	}
	var code string
	var level int
	if err := tx.QueryRow(`SELECT code, level FROM ref_vsic_codes`).Scan(&code, &level); err != nil || code != "01110" || level != 5 {
		t.Errorf("vsic: %q %d %v", code, level, err)
	}
	tx.Rollback()

	for name, f := range map[string]fstest.MapFS{
		"missing column": {"ref/business_statuses.csv": {Data: []byte("key,name_vi,name_en,is_operating\nactive,x,y,true\n")}},
		"extra column":   {"ref/vsic_sections.csv": {Data: []byte("section,name_vi,name_en,division_from,division_to,note\nA,x,y,01,03,z\n")}},
		"renamed column": {"ref/admin_communes_2025.csv": {Data: []byte("province_code,code,name_vi,unit_type,name_ascii\n15,00001,x,Xã,x\n")}},
		"bad boolean":    {"ref/business_legal_forms.csv": {Data: []byte("key,name_vi,name_en,is_dependent_unit,aliases\nllc,x,y,maybe,\n")}},
		"duplicate key":  {"ref/admin_districts_pre2025.csv": {Data: []byte("province_code,district_code,name_vi,unit_type,name_ascii\n10,080,x,Huyện,x\n10,080,y,Huyện,y\n")}},
	} {
		tx, err := w.DB().BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = syncRefTables(ctx, tx, f)
		tx.Rollback()
		if err == nil {
			t.Errorf("%s: sync succeeded", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}
