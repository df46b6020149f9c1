package dashboards

import (
	"context"
	"database/sql"
	"fmt"
)

// RefItem is a code with its names from a reference view; NameEN is empty
// where the reference has none (units are named in Vietnamese in both
// languages).
type RefItem struct {
	Code, NameVI, NameEN string
}

// Name in the page's language, falling back to Vietnamese.
func (r RefItem) Name(lang string) string {
	if lang == "en" && r.NameEN != "" {
		return r.NameEN
	}
	return r.NameVI
}

// BizReference is what the business dashboard names and validates against,
// from the public reference views: VSIC sections, legal forms, districts
// before 1 July 2025 and communes from it, of the provinces the register
// covers, and the pre-2025 provinces.
type BizReference struct {
	Sections, Forms, Districts, Communes, Provinces map[string]RefItem
	// Lists in the order the form offers them.
	SectionList, FormList, DistrictList, CommuneList []RefItem
}

// LoadBizReference reads the reference views. Units are those of the
// provinces present in the register (the new Lào Cai: old Lào Cai and Yên
// Bái), so that the form does not offer the whole country.
func LoadBizReference(ctx context.Context, db *sql.DB) (*BizReference, error) {
	r := &BizReference{Sections: map[string]RefItem{}, Forms: map[string]RefItem{}, Districts: map[string]RefItem{},
		Communes: map[string]RefItem{}, Provinces: map[string]RefItem{}}
	load := func(query string, m map[string]RefItem, list *[]RefItem) error {
		items, err := refItems(ctx, db, query)
		if err != nil {
			return fmt.Errorf("business reference: %w", err)
		}
		for _, it := range items {
			m[it.Code] = it
		}
		if list != nil {
			*list = items
		}
		return nil
	}
	// each generation's codes against its own list: codes were reused
	pre := `province_code IN (SELECT DISTINCT province_code_pre2025 FROM business_current_rows)`
	post := `province_code IN (SELECT DISTINCT province_code_2025 FROM business_current_rows)`
	for _, l := range []struct {
		q    string
		m    map[string]RefItem
		list *[]RefItem
	}{
		{`SELECT section, name_vi, coalesce(name_en, '') FROM vsic_sections ORDER BY section`, r.Sections, &r.SectionList},
		{`SELECT legal_form, name_vi, coalesce(name_en, '') FROM legal_forms ORDER BY is_dependent_unit, legal_form`, r.Forms, &r.FormList},
		{`SELECT district_code, unit_type || ' ' || name_vi, '' FROM admin_units_pre2025
			WHERE level = 'district' AND ` + pre + ` ORDER BY province_code, district_code`, r.Districts, &r.DistrictList},
		{`SELECT commune_code, unit_type || ' ' || name_vi, '' FROM admin_communes_2025
			WHERE ` + post + ` ORDER BY name_ascii, commune_code`, r.Communes, &r.CommuneList},
		{`SELECT code, name_vi, '' FROM provinces WHERE generation = 'pre2025'`, r.Provinces, nil},
	} {
		if err := load(l.q, l.m, l.list); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Dimension is a breakdown's reference table.
func (r *BizReference) Dimension(by string) map[string]RefItem {
	switch by {
	case ByDistrict:
		return r.Districts
	case ByCommune:
		return r.Communes
	case ByProvince:
		return r.Provinces
	case BySection:
		return r.Sections
	case ByForm:
		return r.Forms
	}
	return nil
}

// Name of a code of a breakdown; the unknown group (code "") is named as
// such, and a code missing from the reference is shown as it is.
func (r *BizReference) Name(by, code, lang string) string {
	if code == "" {
		return tr(lang, "(không xác định)", "(unknown)")
	}
	if it, ok := r.Dimension(by)[code]; ok {
		return it.Name(lang)
	}
	return code
}

// DimensionLabel names a breakdown.
func DimensionLabel(by, lang string) string {
	switch by {
	case ByDistrict:
		return tr(lang, "Huyện, thị xã, thành phố (trước 1/7/2025)", "District (before 1 July 2025)")
	case ByCommune:
		return tr(lang, "Xã, phường (từ 1/7/2025)", "Commune (from 1 July 2025)")
	case ByProvince:
		return tr(lang, "Tỉnh cũ (trước 1/7/2025)", "Former province (before 1 July 2025)")
	case BySection:
		return tr(lang, "Ngành kinh tế (VSIC cấp 1)", "Industry (VSIC section)")
	case ByForm:
		return tr(lang, "Loại hình doanh nghiệp", "Legal form")
	}
	return by
}
