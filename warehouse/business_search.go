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

// refreshEnterpriseSearch rebuilds enterprise_search from the enterprises
// view, on the load's connection inside its transaction: a rolled-back
// load leaves the table as it was. An enterprise whose three names did not
// change keeps its keys; only the others are folded (fold_vi costs some
// microseconds a name, a whole register several seconds).
func refreshEnterpriseSearch(ctx context.Context, conn *sql.Conn) error {
	// One statement: the new table is written once, and it replaces the
	// old one, which it still reads for the keys, at COMMIT. The inner
	// query folds each changed name once; the outer reuses it for the
	// search key (an expression repeated in two CASE branches would be
	// computed twice).
	cols := strings.Join(enterpriseSearchColumns, ", ")
	_, err := conn.ExecContext(ctx, `CREATE OR REPLACE TABLE enterprise_search AS
		SELECT `+cols+`,
			CASE WHEN same_names THEN old_search_key
			ELSE ' ' || concat_ws(' ', sort_key, fold_vi(short_name), fold_vi(foreign_name)) END AS search_key,
			sort_key
		FROM (
			SELECT e.*, o.search_key AS old_search_key,
				o.tax_code IS NOT NULL AND o.name IS NOT DISTINCT FROM e.name
					AND o.short_name IS NOT DISTINCT FROM e.short_name
					AND o.foreign_name IS NOT DISTINCT FROM e.foreign_name AS same_names,
				CASE WHEN o.tax_code IS NOT NULL AND o.name IS NOT DISTINCT FROM e.name
				THEN o.sort_key ELSE fold_vi(e.name) END AS sort_key
			FROM enterprises e LEFT JOIN enterprise_search o ON o.tax_code = e.tax_code
		)`)
	if err != nil {
		return fmt.Errorf("enterprise search table: %w", err)
	}
	return nil
}
