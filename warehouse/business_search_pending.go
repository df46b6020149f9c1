package warehouse

import (
	"context"
	"fmt"
	"strings"
)

// RefreshEnterpriseSearch applies the business loads not yet reflected in
// enterprise_search (enterprise_search_pending, 0010), in one transaction:
// a single load through refreshEnterpriseSearch (what changed only), more
// than one by rebuilding the table from the enterprises view, since each
// incremental step assumes the table was right just before its load. Open
// calls it; it returns how many loads it applied.
func (w *Warehouse) RefreshEnterpriseSearch(ctx context.Context) (n int, err error) {
	if w.readOnly {
		return 0, nil
	}
	defer func() {
		if err != nil {
			err = fmt.Errorf("tìm kiếm doanh nghiệp / enterprise search: %w", err)
		}
	}()
	conn, err := w.db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	type pending struct{ load, prev int64 }
	var ps []pending
	rows, err := conn.QueryContext(ctx, `SELECT load_id, prev_id FROM enterprise_search_pending ORDER BY load_id`)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.load, &p.prev); err != nil {
			rows.Close()
			return 0, err
		}
		ps = append(ps, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ps) == 0 {
		return 0, err
	}
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return 0, err
	}
	done := false
	defer func() {
		if !done {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	if len(ps) == 1 {
		err = refreshEnterpriseSearch(ctx, conn, ps[0].load, ps[0].prev)
	} else {
		err = rebuildEnterpriseSearch(ctx, conn)
	}
	if err != nil {
		return 0, err
	}
	if _, err := conn.ExecContext(ctx, `DELETE FROM enterprise_search_pending`); err != nil {
		return 0, err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return 0, err
	}
	done = true
	return len(ps), nil
}

// rebuildEnterpriseSearch writes enterprise_search anew from the
// enterprises view, each row's keys taken from the business row it shows
// (stored by its load, 0009) or folded here where the load left them NULL.
func rebuildEnterpriseSearch(ctx context.Context, conn execer) error {
	cols := make([]string, len(enterpriseSearchColumns))
	for i, c := range enterpriseSearchColumns {
		cols[i] = "e." + c
	}
	_, err := conn.ExecContext(ctx, `DELETE FROM enterprise_search;
		INSERT INTO enterprise_search SELECT `+strings.Join(cols, ", ")+`,
			CASE WHEN r.search_key IS NOT NULL THEN r.search_key
				ELSE ' ' || concat_ws(' ', fold_vi(e.name), fold_vi(e.short_name), fold_vi(e.foreign_name)) END,
			CASE WHEN r.search_key IS NOT NULL THEN r.sort_key ELSE fold_vi(e.name) END
		FROM enterprises e LEFT JOIN business_rows r ON r.load_id = e.load_id AND r.tax_code = e.tax_code`)
	return err
}
