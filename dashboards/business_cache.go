package dashboards

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// The views behind the business dashboard are computed on every query
// (seconds on a large register), while the register changes only when a
// load commits. So results are kept per register version: the loads' ids
// and counts, which every load, replacement included, changes. A page, its
// downloads and its API then cost one computation between loads. Freshness
// depends on the clock and is judged again on every call.

// bizCacheMax bounds the results kept (one per distinct query).
const bizCacheMax = 256

type bizCacheKey struct {
	db      *sql.DB
	version string
	query   string // BizQuery.Encode(), or "#ref" for the reference
}

var (
	bizMu    sync.Mutex
	bizCache = map[bizCacheKey]any{}
)

// registerVersion changes whenever a load commits: a new load has a new
// id; a replaced one is marked superseded in the same transaction.
func registerVersion(ctx context.Context, db *sql.DB) (string, error) {
	var maxID, n, superseded int64
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(load_id), 0), count(*), count(superseded_at) FROM business_loads`).
		Scan(&maxID, &n, &superseded); err != nil {
		return "", fmt.Errorf("register version: %w", err)
	}
	return fmt.Sprintf("%d/%d/%d", maxID, n, superseded), nil
}

func bizCached(key bizCacheKey) (any, bool) {
	bizMu.Lock()
	defer bizMu.Unlock()
	v, ok := bizCache[key]
	return v, ok
}

func bizStore(key bizCacheKey, v any) {
	bizMu.Lock()
	defer bizMu.Unlock()
	for k := range bizCache { // another version, or full: start again
		if k.db == key.db && k.version != key.version || len(bizCache) >= bizCacheMax {
			delete(bizCache, k)
		}
	}
	bizCache[key] = v
}

// BizReferenceCached is LoadBizReference kept per register version (the
// units offered follow the provinces the register holds).
func BizReferenceCached(ctx context.Context, db *sql.DB) (*BizReference, error) {
	v, err := registerVersion(ctx, db)
	if err != nil {
		return nil, err
	}
	key := bizCacheKey{db, v, "#ref"}
	if r, ok := bizCached(key); ok {
		return r.(*BizReference), nil
	}
	r, err := LoadBizReference(ctx, db)
	if err != nil {
		return nil, err
	}
	bizStore(key, r)
	return r, nil
}

// BusinessQuarterlyCached is BusinessQuarterly kept per register version
// and query; errors are not kept.
func BusinessQuarterlyCached(ctx context.Context, db *sql.DB, ref *BizReference, q BizQuery, now time.Time) (*BizDashboard, error) {
	v, err := registerVersion(ctx, db)
	if err != nil {
		return nil, err
	}
	key := bizCacheKey{db, v, q.Encode()}
	if d, ok := bizCached(key); ok {
		c := *d.(*BizDashboard) // shared and read-only: only freshness is the caller's
		c.ref = ref
		c.Freshness = FreshnessAt(c.Freshness.Latest, c.Freshness.LoadedAt, now)
		return &c, nil
	}
	d, err := BusinessQuarterly(ctx, db, ref, q, now)
	if err != nil {
		return nil, err
	}
	bizStore(key, d)
	return d, nil
}
