package dashboards

import (
	"context"
	"database/sql"
	"time"
)

// LatestBusinessLoad is the latest quarter of the warehouse's current
// business-register loads and when its latest current load was made (what
// FreshnessAt judges). ok is false when nothing is loaded, or when there is
// no warehouse (db nil).
func LatestBusinessLoad(ctx context.Context, db *sql.DB) (quarter string, loadedAt time.Time, ok bool, err error) {
	if db == nil {
		return "", loadedAt, false, nil
	}
	err = db.QueryRowContext(ctx, `SELECT quarter, max(loaded_at) FROM business_loads
		WHERE superseded_at IS NULL GROUP BY quarter ORDER BY quarter DESC LIMIT 1`).Scan(&quarter, &loadedAt)
	if err == sql.ErrNoRows {
		return "", loadedAt, false, nil
	}
	return quarter, loadedAt, err == nil, err
}
