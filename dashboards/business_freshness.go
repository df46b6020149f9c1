package dashboards

import (
	"context"
	"database/sql"
	"time"
)

// BusinessDataAsOf is the last day the business-registration data covers:
// the end of the latest quarter of the warehouse's current loads
// (business_loads, superseded_at IS NULL). ok is false when nothing is
// loaded, or when there is no warehouse (db nil).
func BusinessDataAsOf(ctx context.Context, db *sql.DB) (asOf time.Time, ok bool, err error) {
	if db == nil {
		return asOf, false, nil
	}
	var t sql.NullTime
	err = db.QueryRowContext(ctx, `SELECT max(quarter_end) FROM business_loads WHERE superseded_at IS NULL`).Scan(&t)
	if err != nil || !t.Valid {
		return asOf, false, err
	}
	return time.Date(t.Time.Year(), t.Time.Month(), t.Time.Day(), 0, 0, 0, 0, time.UTC), true, nil
}
