package warehouse

import (
	"context"
	"database/sql"
	"fmt"
)

// enterpriseSearchColumns are the enterprises view's columns that the
// enterprise_search table copies (sql/migrations/0007_fold.sql).
const enterpriseSearchColumns = `tax_code, name, legal_form, vsic_code, vsic_section, charter_capital_vnd,
	registered_on, status, province_code_pre2025, district_code, province_code_2025, commune_code,
	first_quarter, last_quarter, changed_on, commune_code_pre2025, foreign_name, short_name, address,
	is_sample, load_id`

// refreshEnterpriseSearch rebuilds enterprise_search from the enterprises
// view, on the load's connection inside its transaction: a rolled-back
// load leaves the table as it was. An enterprise whose three names did not
// change keeps its keys; only the others are folded (fold_vi costs some
// microseconds a name, a whole register several seconds).
func refreshEnterpriseSearch(ctx context.Context, conn *sql.Conn) error {
	stmts := []string{
		`CREATE OR REPLACE TEMP TABLE enterprise_search_next AS
		SELECT ` + prefixed("e.", enterpriseSearchColumns) + `,
			CASE WHEN o.tax_code IS NOT NULL AND o.name IS NOT DISTINCT FROM e.name
				AND o.short_name IS NOT DISTINCT FROM e.short_name AND o.foreign_name IS NOT DISTINCT FROM e.foreign_name
			THEN o.search_key ELSE ' ' || fold_vi(concat_ws(' ', e.name, e.short_name, e.foreign_name)) END AS search_key,
			CASE WHEN o.tax_code IS NOT NULL AND o.name IS NOT DISTINCT FROM e.name
			THEN o.sort_key ELSE fold_vi(e.name) END AS sort_key
		FROM enterprises e LEFT JOIN enterprise_search o ON o.tax_code = e.tax_code`,
		`DELETE FROM enterprise_search`,
		`INSERT INTO enterprise_search SELECT * FROM enterprise_search_next`,
		`DROP TABLE enterprise_search_next`,
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("enterprise search table: %w", err)
		}
	}
	return nil
}

// prefixed qualifies a comma-separated column list with a table alias.
func prefixed(alias, cols string) string {
	var out []byte
	start := true
	for i := 0; i < len(cols); i++ {
		c := cols[i]
		if start && c != ' ' && c != '\n' && c != '\t' {
			out = append(out, alias...)
			start = false
		}
		out = append(out, c)
		if c == ',' {
			start = true
		}
	}
	return string(out)
}
