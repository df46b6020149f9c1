package dashboards

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// BusinessRef is the reference lists of the business register that the
// enterprise search offers and checks choices against: legal forms,
// statuses, VSIC sections and codes, districts (before July 2025) and
// communes (from July 2025), read from the public reference views.
type BusinessRef struct {
	LegalForms []RefItem
	Statuses   []RefItem
	Sections   []RefItem // VSIC sections A–U
	Districts  []RefItem // pre-2025 districts; Code is the district code
	Communes   []RefItem // 2025 communes
	vsicCodes  []string  // level-4 codes, sorted
	byKind     map[string]map[string]RefItem
}

// LoadBusinessRef reads the reference views (a few hundred rows).
func LoadBusinessRef(ctx context.Context, db *sql.DB) (_ *BusinessRef, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("business reference: %w", err)
		}
	}()
	r := &BusinessRef{byKind: map[string]map[string]RefItem{}}
	lists := []struct {
		kind  string
		dst   *[]RefItem
		query string
	}{
		{"legal_form", &r.LegalForms, `SELECT legal_form, name_vi, coalesce(name_en, '') FROM legal_forms ORDER BY is_dependent_unit, name_vi`},
		{"status", &r.Statuses, `SELECT status, name_vi, coalesce(name_en, '') FROM business_statuses ORDER BY NOT is_operating, status = 'dissolved', name_vi`},
		{"section", &r.Sections, `SELECT section, name_vi, coalesce(name_en, '') FROM vsic_sections ORDER BY section`},
		// Unit names carry their type ("Huyện Bát Xát"): Lào Cai and Yên Bái
		// both had a district and a commune named alike.
		{"district", &r.Districts, `SELECT district_code, unit_type || ' ' || name_vi, '' FROM admin_units_pre2025
			WHERE level = 'district' ORDER BY province_code, district_code`},
		{"commune", &r.Communes, `SELECT commune_code, unit_type || ' ' || name_vi, '' FROM admin_communes_2025 ORDER BY commune_code`},
		{"vsic", nil, `SELECT code, name_vi, '' FROM vsic_codes WHERE level = 4 ORDER BY code`},
	}
	for _, l := range lists {
		items, err := refItems(ctx, db, l.query)
		if err != nil {
			return nil, err
		}
		m := make(map[string]RefItem, len(items))
		for _, it := range items {
			m[it.Code] = it
			if l.kind == "vsic" {
				r.vsicCodes = append(r.vsicCodes, it.Code)
			}
		}
		r.byKind[l.kind] = m
		if l.dst != nil {
			*l.dst = items
		}
	}
	return r, nil
}

func refItems(ctx context.Context, db *sql.DB, query string) ([]RefItem, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RefItem
	for rows.Next() {
		var it RefItem
		if err := rows.Scan(&it.Code, &it.NameVI, &it.NameEN); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// Lookup finds an entry of a list: kind is "legal_form", "status",
// "section", "district", "commune" or "vsic" (level-4 codes).
func (r *BusinessRef) Lookup(kind, code string) (RefItem, bool) {
	it, ok := r.byKind[kind][code]
	return it, ok
}

// hasVSICPrefix reports whether some level-4 VSIC code begins with p.
func (r *BusinessRef) hasVSICPrefix(p string) bool {
	for _, c := range r.vsicCodes {
		if strings.HasPrefix(c, p) {
			return true
		}
	}
	return false
}
