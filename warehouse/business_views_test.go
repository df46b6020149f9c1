package warehouse

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/laocai-dpi/dpi/ingest/business"
)

// The register of the scenario below, hand-built. Two consecutive
// snapshots (2025Q2, 2025Q3), a new list for 2025Q3 and one for 2025Q4.
//
//	A active → active, capital 1e9 → 2e9          capital_changed
//	B active → dissolved, changed 2025-08-10       dissolved, dated
//	C active → suspended, changed 2025-03-01       suspended, undated
//	D suspended → active                           resumed
//	E active, commune 15001 → 15002                moved (2025 codes)
//	F active → absent                              left_register
//	G registered 2025-07-20, in S2 and the Q3 new list (capital differs)
//	H registered 2025-08-01, dissolved in S2       registered + dissolved
//	I first seen in S2, dissolved in 2024          no event but registered
//	J dissolved in S1 (changed 2025-05-05), S2     dissolved in 2025Q2 only
//	K registered 2025-10-05, only in the Q4 new list
//	L no 2025 commune, pre-2025 02001 → 02002     moved (pre-2025 codes)
//	M registered 2025-05-10, active in S1 and S2
//	N registered 2025-09-28, only in the Q3 new list (late for the snapshot)
//	O active → revoked                             status_changed
func scenario() (s1, s2, newQ3, newQ4 []business.Enterprise) {
	tc := func(c byte) string { return "53001000" + fmt.Sprintf("%02d", c-'A'+1) }
	e := func(c byte, status, commune string, capital int64, registered, changed string) business.Enterprise {
		return ent(tc(c), status, commune, capital, registered, changed)
	}
	l1 := e('L', "active", "15001", 100_000_000, "2018-06-01", "")
	l1.Location.CommuneCode2025, l1.Location.ProvinceCode2025 = "", ""
	l2 := l1
	l2.Location.CommuneCodePre2025 = "02002"
	s1 = []business.Enterprise{
		e('A', "active", "15001", 1_000_000_000, "2020-01-15", ""),
		e('B', "active", "15001", 500_000_000, "2020-02-01", ""),
		e('C', "active", "15001", 500_000_000, "2021-04-01", ""),
		e('D', "suspended", "15001", 500_000_000, "2021-05-01", ""),
		e('E', "active", "15001", 500_000_000, "2022-01-01", ""),
		e('F', "active", "15001", 700_000_000, "2022-02-01", ""),
		e('J', "dissolved", "15001", 500_000_000, "2015-01-01", "2025-05-05"),
		l1,
		e('M', "active", "15001", 400_000_000, "2025-05-10", ""),
		e('O', "active", "15001", 100_000_000, "2010-01-01", ""),
	}
	g := e('G', "active", "15001", 300_000_000, "2025-07-20", "")
	s2 = []business.Enterprise{
		e('A', "active", "15001", 2_000_000_000, "2020-01-15", ""),
		e('B', "dissolved", "15001", 500_000_000, "2020-02-01", "2025-08-10"),
		e('C', "suspended", "15001", 500_000_000, "2021-04-01", "2025-03-01"),
		e('D', "active", "15001", 500_000_000, "2021-05-01", ""),
		e('E', "active", "15002", 500_000_000, "2022-01-01", ""),
		g,
		e('H', "dissolved", "15001", 200_000_000, "2025-08-01", ""),
		e('I', "dissolved", "15001", 500_000_000, "2019-01-01", "2024-01-01"),
		e('J', "dissolved", "15001", 500_000_000, "2015-01-01", "2025-05-05"),
		l2,
		e('M', "active", "15001", 400_000_000, "2025-05-10", ""),
		e('O', "revoked", "15001", 100_000_000, "2010-01-01", "2025-09-01"),
	}
	gNew := g
	gNew.CapitalVND, gNew.Name = 999, "Tên trong danh sách mới"
	gNew.Location.DistrictCode = "081"
	n := e('N', "active", "15001", 600_000_000, "2025-09-28", "")
	n.Location.DistrictCode = "082"
	newQ3 = []business.Enterprise{gNew, n}
	newQ4 = []business.Enterprise{e('K', "active", "15003", 800_000_000, "2025-10-05", "")}
	return
}

func loadScenario(t *testing.T, w *Warehouse) {
	t.Helper()
	s1, s2, newQ3, newQ4 := scenario()
	mustLoad(t, w, fileLoad(t, "s1.csv", "s1", "2025Q2", business.Snapshot, s1), OutcomeLoaded)
	mustLoad(t, w, fileLoad(t, "s2.csv", "s2", "2025Q3", business.Snapshot, s2), OutcomeLoaded)
	mustLoad(t, w, fileLoad(t, "n3.csv", "n3", "2025Q3", business.New, newQ3), OutcomeLoaded)
	mustLoad(t, w, fileLoad(t, "n4.csv", "n4", "2025Q4", business.New, newQ4), OutcomeLoaded)
}

// rowsOf renders a query's rows as "a|b|c" lines (NULL as ∅).
func rowsOf(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(cols))
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
				parts[i] = "∅"
			case time.Time:
				parts[i] = v.Format(time.DateOnly)
			default:
				parts[i] = fmt.Sprint(v)
			}
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot\n  %s\nwant\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestBusinessEventsAndQuarterly(t *testing.T) {
	w := openTest(t)
	loadScenario(t, w)

	sameLines(t, "change events", rowsOf(t, w.DB(), `SELECT quarter, right(tax_code, 2), event, event_date,
		previous_quarter, value_before, value_after FROM business_events WHERE event <> 'registered' ORDER BY ALL`), []string{
		"2025Q2|10|dissolved|2025-05-05|∅|∅|dissolved", // J: first snapshot, dated in the quarter
		"2025Q3|01|capital_changed|∅|2025Q2|1000000000|2000000000",
		"2025Q3|02|dissolved|2025-08-10|2025Q2|active|dissolved",
		"2025Q3|03|suspended|∅|2025Q2|active|suspended", // changed_on outside the quarter
		"2025Q3|04|resumed|∅|2025Q2|suspended|active",
		"2025Q3|05|moved|∅|2025Q2|15001|15002",
		"2025Q3|06|left_register|∅|2025Q2|active|∅",
		"2025Q3|08|dissolved|∅|2025Q2|∅|dissolved", // H: registered and dissolved within the quarter
		"2025Q3|12|moved|∅|2025Q2|02001|02002",     // L: no 2025 commune, pre-2025 codes compared
		"2025Q3|15|status_changed|2025-09-01|2025Q2|active|revoked",
	})
	sameLines(t, "registered events", rowsOf(t, w.DB(), `SELECT quarter, right(tax_code, 2), event_date, district_code,
		charter_capital_vnd FROM business_events WHERE event = 'registered' AND quarter >= '2025' ORDER BY ALL`), []string{
		"2025Q2|13|2025-05-10|080|400000000",
		"2025Q3|07|2025-07-20|080|300000000", // G: its snapshot row, not the new list's
		"2025Q3|08|2025-08-01|080|200000000",
		"2025Q3|14|2025-09-28|082|600000000", // N: only the new list has it
		"2025Q4|11|2025-10-05|080|800000000",
	})
	if n := count(t, w, "SELECT count(*) FROM business_events WHERE event = 'registered'"); n != 15 {
		t.Errorf("%d registered events, want 15 (one per enterprise)", n)
	}
	if n := count(t, w, "SELECT count(*) FROM business_events WHERE event_date IS NOT NULL AND event <> 'registered' AND strftime(event_date, '%Y') || 'Q' || quarter(event_date) <> quarter"); n != 0 {
		t.Errorf("%d events dated outside their quarter", n)
	}

	sameLines(t, "quarterly", rowsOf(t, w.DB(), `SELECT quarter, sum(new_count), sum(new_capital_vnd),
		sum(dissolved_count), sum(suspended_count), sum(resumed_count), sum(active_count), bool_or(is_sample)
		FROM business_quarterly GROUP BY quarter ORDER BY quarter`), []string{
		// 2025Q2: the first snapshot: changes not observable (NULL); active A B C E F L M O
		"2025Q2|1|400000000|∅|∅|∅|8|false",
		// 2025Q3: new G H N; dissolved B H; suspended C; resumed D; active A D E G L M
		"2025Q3|3|1100000000|2|1|1|6|false",
		// 2025Q4: a new list only: no snapshot, so no stock and no changes
		"2025Q4|1|800000000|∅|∅|∅|∅|false",
	})
	sameLines(t, "quarterly groups", rowsOf(t, w.DB(), `SELECT quarter, province_code_pre2025, district_code,
		province_code_2025, vsic_section, legal_form, new_count, active_count
		FROM business_quarterly WHERE quarter = '2025Q3' ORDER BY ALL`), []string{
		"2025Q3|10|080|15|G|llc|2|5",
		"2025Q3|10|080|∅|G|llc|0|1",  // L has no 2025 province
		"2025Q3|10|082|15|G|llc|1|0", // N: only in the new list
	})

	sameLines(t, "enterprises", rowsOf(t, w.DB(), `SELECT right(tax_code, 2), status, charter_capital_vnd, district_code,
		commune_code, first_quarter, last_quarter FROM enterprises ORDER BY tax_code`), []string{
		"01|active|2000000000|080|15001|2025Q2|2025Q3",
		"02|dissolved|500000000|080|15001|2025Q2|2025Q3",
		"03|suspended|500000000|080|15001|2025Q2|2025Q3",
		"04|active|500000000|080|15001|2025Q2|2025Q3",
		"05|active|500000000|080|15002|2025Q2|2025Q3",
		"06|active|700000000|080|15001|2025Q2|2025Q2", // left the register: last seen state
		"07|active|300000000|080|15001|2025Q3|2025Q3", // the snapshot row wins over the new list's
		"08|dissolved|200000000|080|15001|2025Q3|2025Q3",
		"09|dissolved|500000000|080|15001|2025Q3|2025Q3",
		"10|dissolved|500000000|080|15001|2025Q2|2025Q3",
		"11|active|800000000|080|15003|2025Q4|2025Q4",
		"12|active|100000000|080|∅|2025Q2|2025Q3",
		"13|active|400000000|080|15001|2025Q2|2025Q3",
		"14|active|600000000|082|15001|2025Q3|2025Q3",
		"15|revoked|100000000|080|15001|2025Q2|2025Q3",
	})
	checks := map[string]int{
		"SELECT count(*) FROM enterprise_snapshots WHERE quarter = '2025Q2'":      10,
		"SELECT count(*) FROM enterprise_snapshots WHERE quarter = '2025Q3'":      12,
		"SELECT count(*) FROM enterprise_new_registrations":                       3,
		"SELECT count(*) FROM enterprise_snapshots_history":                       25,
		"SELECT count(*) FROM enterprise_snapshots WHERE registered_on IS NULL":   0,
		"SELECT count(*) FROM enterprises WHERE name = 'Tên trong danh sách mới'": 0,
	}
	for q, want := range checks {
		if got := count(t, w, q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}

	// A corrected 2025Q3 snapshot (B still active, A's capital unchanged)
	// re-derives the events and figures; the replaced rows stay as history.
	_, s2, _, _ := scenario()
	s2[0].CapitalVND = 1_000_000_000
	s2[1].Status, s2[1].ChangedOn = "active", s2[0].ChangedOn
	mustLoad(t, w, fileLoad(t, "s2b.csv", "s2 corrected", "2025Q3", business.Snapshot, s2), OutcomeReplaced)
	sameLines(t, "quarterly after the correction", rowsOf(t, w.DB(), `SELECT quarter, sum(new_count), sum(dissolved_count),
		sum(active_count) FROM business_quarterly WHERE quarter = '2025Q3' GROUP BY quarter`), []string{"2025Q3|3|1|7"})
	if n := count(t, w, "SELECT count(*) FROM business_events WHERE event IN ('capital_changed', 'dissolved') AND quarter = '2025Q3'"); n != 1 {
		t.Errorf("after the correction: %d capital/dissolved events in 2025Q3, want 1 (H)", n)
	}
	if n := count(t, w, "SELECT count(*) FROM enterprise_snapshots_history WHERE NOT is_current AND quarter = '2025Q3'"); n != 12 {
		t.Errorf("replaced rows kept: %d, want 12", n)
	}
}

// TestBusinessQuarterlyGap: a snapshot two quarters after the previous one
// still yields events (compared with the older snapshot), but the quarterly
// change counts stay NULL: the changes cannot be placed in a quarter.
func TestBusinessQuarterlyGap(t *testing.T) {
	w := openTest(t)
	s1, s2, _, _ := scenario()
	mustLoad(t, w, fileLoad(t, "s1.csv", "s1", "2025Q1", business.Snapshot, s1), OutcomeLoaded)
	mustLoad(t, w, fileLoad(t, "s2.csv", "s2", "2025Q3", business.Snapshot, s2), OutcomeLoaded)
	if n := count(t, w, "SELECT count(*) FROM business_events WHERE quarter = '2025Q3' AND previous_quarter = '2025Q1' AND event = 'resumed'"); n != 1 {
		t.Errorf("resumed across the gap: %d", n)
	}
	sameLines(t, "quarterly with a gap", rowsOf(t, w.DB(), `SELECT quarter, sum(dissolved_count), sum(active_count)
		FROM business_quarterly GROUP BY quarter ORDER BY quarter`), []string{"2025Q1|∅|8", "2025Q3|∅|6"})
}

// TestPersonalDataStaysPrivate: no public view has a personal column, and
// no value of one shows up anywhere a view can reach.
func TestPersonalDataStaysPrivate(t *testing.T) {
	w := openTest(t)
	loadScenario(t, w)
	for _, col := range []string{"representative", "phone", "email"} {
		views := rowsOf(t, w.DB(), `SELECT c.table_name FROM information_schema.columns c
			JOIN information_schema.tables v USING (table_schema, table_name)
			WHERE v.table_type = 'VIEW' AND c.table_schema = 'main' AND c.column_name ILIKE '%`+col+`%'`)
		if len(views) > 0 {
			t.Errorf("views with a %s column: %v", col, views)
		}
	}
	views := rowsOf(t, w.DB(), `SELECT table_name FROM information_schema.tables
		WHERE table_type = 'VIEW' AND table_schema = 'main' ORDER BY 1`)
	if len(views) < 15 {
		t.Fatalf("only %d views: %v", len(views), views)
	}
	for _, v := range views {
		for _, line := range rowsOf(t, w.DB(), `SELECT * FROM "`+v+`"`) {
			for _, secret := range []string{"Bí Mật", "0912345678", "bimat@"} {
				if strings.Contains(line, secret) {
					t.Errorf("view %s shows personal data %q: %s", v, secret, line)
				}
			}
		}
	}
	// They are stored, though.
	if n := count(t, w, "SELECT count(*) FROM business_rows WHERE phone = '0912345678' AND email = 'bimat@example.vn'"); n == 0 {
		t.Error("personal data not stored")
	}
}

// A new list alone for a quarter, then the snapshot of that quarter: both
// stay current, the snapshot's rows give the enterprise's state.
func TestBusinessNewListThenSnapshot(t *testing.T) {
	ctx := context.Background()
	w := openTest(t)
	_, s2, newQ3, _ := scenario()
	mustLoad(t, w, fileLoad(t, "n3.csv", "n3", "2025Q3", business.New, newQ3), OutcomeLoaded)
	if got := rowsOf(t, w.DB(), `SELECT right(tax_code, 2), charter_capital_vnd, district_code FROM enterprises ORDER BY 1`); strings.Join(got, ",") != "07|999|081,14|600000000|082" {
		t.Errorf("from the new list alone: %v", got)
	}
	sameLines(t, "quarterly from a new list alone", rowsOf(t, w.DB(), `SELECT quarter, sum(new_count), sum(active_count)
		FROM business_quarterly GROUP BY quarter`), []string{"2025Q3|2|∅"})
	mustLoad(t, w, fileLoad(t, "s2.csv", "s2", "2025Q3", business.Snapshot, s2), OutcomeLoaded)
	if got := rowsOf(t, w.DB(), `SELECT right(tax_code, 2), charter_capital_vnd, district_code FROM enterprises WHERE tax_code IN ('5300100007', '5300100014') ORDER BY 1`); strings.Join(got, ",") != "07|300000000|080,14|600000000|082" {
		t.Errorf("after the snapshot: %v", got)
	}
	for _, k := range []business.Kind{business.New, business.Snapshot} {
		if _, ok, err := w.BusinessLoadCurrent(ctx, quarter("2025Q3"), k); !ok || err != nil {
			t.Errorf("%s not current: %v", k, err)
		}
	}
	sameLines(t, "quarterly from both", rowsOf(t, w.DB(), `SELECT quarter, sum(new_count), sum(active_count)
		FROM business_quarterly GROUP BY quarter`), []string{"2025Q3|3|6"})
}
