package warehouse

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// enterpriseSearchColumns are the enterprises view's columns that the
// enterprise_search table copies (sql/migrations/0007_fold.sql), in order.
var enterpriseSearchColumns = []string{"tax_code", "name", "legal_form", "vsic_code", "vsic_section",
	"charter_capital_vnd", "registered_on", "status", "province_code_pre2025", "district_code",
	"province_code_2025", "commune_code", "first_quarter", "last_quarter", "changed_on",
	"commune_code_pre2025", "foreign_name", "short_name", "address", "is_sample", "load_id"}

// enterpriseSearchState are the columns of enterpriseSearchColumns that a
// new load of the same enterprise changes even when nothing about the
// enterprise does.
var enterpriseSearchState = map[string]bool{"first_quarter": true, "last_quarter": true, "is_sample": true, "load_id": true}

// The keys of a row of enterprise_search_delta d: those the load stored
// with the row (business_rows.sort_key, search_key; 0009), else the old
// ones of the same names (t, the row being updated), else fold_vi.
const (
	deltaSortKey = `CASE WHEN d.search_key IS NOT NULL THEN d.sort_key
		ELSE fold_vi(d.name) END`
	deltaSearchKey = `CASE WHEN d.search_key IS NOT NULL THEN d.search_key
		ELSE ' ' || concat_ws(' ', fold_vi(d.name), fold_vi(d.short_name), fold_vi(d.foreign_name)) END`
	deltaSortKeyReuse = `CASE WHEN d.search_key IS NOT NULL THEN d.sort_key
		WHEN t.name IS NOT DISTINCT FROM d.name THEN t.sort_key
		ELSE fold_vi(d.name) END`
	deltaSearchKeyReuse = `CASE WHEN d.search_key IS NOT NULL THEN d.search_key
		WHEN t.name IS NOT DISTINCT FROM d.name AND t.short_name IS NOT DISTINCT FROM d.short_name
			AND t.foreign_name IS NOT DISTINCT FROM d.foreign_name THEN t.search_key
		ELSE ' ' || concat_ws(' ', fold_vi(d.name), fold_vi(d.short_name), fold_vi(d.foreign_name)) END`
)

// refreshEnterpriseSearch brings enterprise_search up to date after load
// loadID (which replaced load prevID, or 0), on the load's connection
// inside its transaction: a rolled-back load leaves the table as it was.
//
// Only the enterprises listed by the new load or by the replaced one can
// have a new latest state; every other row of the table stays as it is.
// A load that replaced none merges its rows into the table
// (addToEnterpriseSearch). After a correction, their state is derived as the enterprises view derives it (restricted to
// them) into a temporary table, and applied in place: rows whose
// enterprise changed in nothing but its quarters and latest load get those
// four columns updated, changed ones every column, new ones inserted, and
// those no current load lists any more (only possible when a load was
// replaced) deleted. Updating in place writes only what changed; rebuilding
// the million-row table cost more than the rest of the load. The keys come
// folded with the rows (0009): no name is folded in SQL unless the load
// could not fold it.
func refreshEnterpriseSearch(ctx context.Context, conn *sql.Conn, loadID, prevID int64) error {
	if prevID == 0 {
		return addToEnterpriseSearch(ctx, conn, loadID)
	}
	var same, state, stateChanged, setAll, cols, dcols []string
	for _, c := range enterpriseSearchColumns {
		cols = append(cols, c)
		dcols = append(dcols, "d."+c)
		if c == "tax_code" {
			continue
		}
		setAll = append(setAll, c+" = d."+c)
		if enterpriseSearchState[c] {
			state = append(state, c+" = d."+c)
			stateChanged = append(stateChanged, "t."+c+" IS DISTINCT FROM d."+c)
			continue
		}
		same = append(same, "t."+c+" IS NOT DISTINCT FROM d."+c)
	}
	stmts := []string{
		// The enterprises view (0005), restricted to the touched tax codes,
		// with the keys stored with the latest row.
		`CREATE OR REPLACE TEMP TABLE enterprise_search_delta AS
		WITH touched AS (
			SELECT DISTINCT tax_code FROM business_rows WHERE load_id IN ($1, $2)
		), el AS (
			SELECT r.tax_code, min(l.quarter) AS first_quarter, max(l.quarter) AS last_quarter,
				arg_max(l.load_id, l.quarter || CASE l.kind WHEN 'snapshot' THEN '1' ELSE '0' END) AS latest_load
			FROM business_loads l JOIN business_rows r ON r.load_id = l.load_id
			WHERE l.superseded_at IS NULL AND r.tax_code IN (SELECT tax_code FROM touched)
			GROUP BY r.tax_code
		)
		SELECT el.tax_code, r.name, r.legal_form, r.vsic_code, r.vsic_section, r.charter_capital_vnd,
			r.registered_on, r.status, r.province_code_pre2025, r.district_code,
			r.province_code_2025, r.commune_code_2025 AS commune_code,
			el.first_quarter, el.last_quarter,
			r.changed_on, r.commune_code_pre2025, r.foreign_name, r.short_name, r.address,
			l.is_sample, el.latest_load AS load_id,
			r.sort_key AS sort_key, r.search_key AS search_key
		FROM el
		JOIN business_rows r ON r.load_id = el.latest_load AND r.tax_code = el.tax_code
		JOIN business_loads l ON l.load_id = el.latest_load`,
	}
	if prevID != 0 {
		// Listed by the replaced load only: gone from every current load.
		stmts = append(stmts, `DELETE FROM enterprise_search t
			WHERE t.tax_code IN (SELECT tax_code FROM business_rows WHERE load_id = $2)
			AND NOT EXISTS (SELECT 1 FROM enterprise_search_delta d WHERE d.tax_code = t.tax_code)`)
	}
	stmts = append(stmts,
		`UPDATE enterprise_search t SET `+strings.Join(state, ", ")+`
		FROM enterprise_search_delta d
		WHERE t.tax_code = d.tax_code AND `+strings.Join(same, " AND ")+`
			AND (`+strings.Join(stateChanged, " OR ")+`)`,
		`UPDATE enterprise_search t SET `+strings.Join(setAll, ", ")+`,
			search_key = `+deltaSearchKeyReuse+`, sort_key = `+deltaSortKeyReuse+`
		FROM enterprise_search_delta d
		WHERE t.tax_code = d.tax_code AND NOT (`+strings.Join(same, " AND ")+`)`,
		`INSERT INTO enterprise_search (`+strings.Join(cols, ", ")+`, search_key, sort_key)
		SELECT `+strings.Join(dcols, ", ")+`, `+deltaSearchKey+`, `+deltaSortKey+`
		FROM enterprise_search_delta d
		WHERE NOT EXISTS (SELECT 1 FROM enterprise_search t WHERE t.tax_code = d.tax_code)`,
		`DROP TABLE enterprise_search_delta`,
	)
	for _, q := range stmts {
		args := []any{loadID, prevID}
		if !strings.Contains(q, "$1") && !strings.Contains(q, "$2") {
			args = nil
		} else if !strings.Contains(q, "$1") {
			q = strings.ReplaceAll(q, "$2", "$1")
			args = []any{prevID}
		}
		if _, err := conn.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("enterprise search table: %w", err)
		}
	}
	return nil
}

// rowColumn is the business_rows column of an enterprise_search column.
func rowColumn(c string) string {
	if c == "commune_code" {
		return "commune_code_2025"
	}
	return c
}

// addToEnterpriseSearch is refreshEnterpriseSearch after a load that
// replaced none, so that every current load but loadID made the table as
// it is: an enterprise's new state is its row in the table merged with its
// row in the new load, and no aggregate over the loads is needed. The new
// row is the enterprise's latest unless the table's row comes from a load
// of a later quarter (or of the same quarter's snapshot when the new load
// is a list of new registrations): a quarter loaded out of order only
// widens first_quarter and last_quarter.
func addToEnterpriseSearch(ctx context.Context, conn *sql.Conn, loadID int64) error {
	const rank = `(%[1]s.quarter || CASE %[1]s.kind WHEN 'snapshot' THEN '1' ELSE '0' END)`
	newer := fmt.Sprintf(rank, "nl") + " > " + fmt.Sprintf(rank, "ol")
	older := fmt.Sprintf(rank, "nl") + " < " + fmt.Sprintf(rank, "ol")
	var same, setAll, cols, ncols []string
	for _, c := range enterpriseSearchColumns {
		switch {
		case c == "tax_code":
			cols, ncols = append(cols, c), append(ncols, "n."+c)
		case enterpriseSearchState[c]:
		default:
			same = append(same, "t."+c+" IS NOT DISTINCT FROM n."+rowColumn(c))
			setAll = append(setAll, c+" = n."+rowColumn(c))
			cols, ncols = append(cols, c), append(ncols, "n."+rowColumn(c))
		}
	}
	// The enterprises whose new row is their latest and differs from the
	// table's in more than the quarters and load: found in one pass, so
	// that the two updates below read no more of the new rows than they
	// need (most enterprises change in nothing but those). The new rows
	// are narrowed to the tax codes concerned before they are joined:
	// joining all of them held the million rows of a first load in a hash
	// table (peak RSS 1.5 GiB instead of 0.7).
	const newRows = `business_rows n, business_loads nl, business_loads ol
		WHERE n.load_id = $1 AND nl.load_id = $1 AND n.tax_code = t.tax_code AND ol.load_id = t.load_id`
	const state = `first_quarter = least(t.first_quarter, nl.quarter), last_quarter = greatest(t.last_quarter, nl.quarter),
		is_sample = nl.is_sample, load_id = nl.load_id`
	stmts := []string{
		`CREATE OR REPLACE TEMP TABLE enterprise_search_changed AS
		SELECT t.tax_code FROM enterprise_search t,
			(SELECT * FROM business_rows
				WHERE load_id = $1 AND tax_code IN (SELECT tax_code FROM enterprise_search)) n,
			business_loads nl, business_loads ol
		WHERE nl.load_id = $1 AND n.tax_code = t.tax_code AND ol.load_id = t.load_id AND ` + newer + `
			AND NOT (` + strings.Join(same, " AND ") + `)`,
		// The new row is the latest, with other details.
		`UPDATE enterprise_search t SET ` + state + `, ` + strings.Join(setAll, ", ") + `,
			search_key = ` + strings.ReplaceAll(deltaSearchKeyReuse, "d.", "n.") + `,
			sort_key = ` + strings.ReplaceAll(deltaSortKeyReuse, "d.", "n.") + `
		FROM (SELECT * FROM business_rows
				WHERE load_id = $1 AND tax_code IN (SELECT tax_code FROM enterprise_search_changed)) n,
			business_loads nl
		WHERE nl.load_id = $1 AND n.tax_code = t.tax_code`,
		// The new row is the latest and the enterprise's details did not
		// change (the rows just updated now have load $1: not newer).
		`UPDATE enterprise_search t SET ` + state + `
		FROM (SELECT tax_code FROM business_rows WHERE load_id = $1) n, business_loads nl, business_loads ol
		WHERE nl.load_id = $1 AND n.tax_code = t.tax_code AND ol.load_id = t.load_id AND ` + newer,
		// A later load has the latest row: only the quarters can widen.
		`UPDATE enterprise_search t SET first_quarter = least(t.first_quarter, nl.quarter),
			last_quarter = greatest(t.last_quarter, nl.quarter)
		FROM ` + newRows + ` AND ` + older + ` AND (t.first_quarter > nl.quarter OR t.last_quarter < nl.quarter)`,
		// Enterprises no current load listed before.
		`INSERT INTO enterprise_search (` + strings.Join(cols, ", ") + `, first_quarter, last_quarter, is_sample, load_id, search_key, sort_key)
		SELECT ` + strings.Join(ncols, ", ") + `, nl.quarter, nl.quarter, nl.is_sample, nl.load_id,
			` + strings.ReplaceAll(deltaSearchKey, "d.", "n.") + `, ` + strings.ReplaceAll(deltaSortKey, "d.", "n.") + `
		FROM business_rows n JOIN business_loads nl ON nl.load_id = n.load_id
		WHERE n.load_id = $1 AND n.tax_code NOT IN (SELECT tax_code FROM enterprise_search)`,
		`DROP TABLE enterprise_search_changed`,
	}
	for _, q := range stmts {
		var args []any
		if strings.Contains(q, "$1") {
			args = append(args, loadID)
		}
		if _, err := conn.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("enterprise search table: %w", err)
		}
	}
	return nil
}
