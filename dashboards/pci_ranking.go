// Package dashboards turns the warehouse's public views into the tables,
// charts and exports the portal shows. It reads only the public views, the
// same contract analysts use, so what the portal shows is what they can check.
package dashboards

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// ErrNotFound means the requested data is not in the warehouse (e.g. a PCI
// year that was never loaded); the portal maps it to 404.
var ErrNotFound = errors.New("not found")

// Ranking is the all-province PCI table of one year.
type Ranking struct {
	Year       int
	Years      []int          // every year loaded, newest first
	Subindices []SubindexInfo // the year's methodology, in catalogue order
	Rows       []RankingRow   // by rank, then province code
	IsSample   bool           // generated sample data: never present it as official
}

// SubindexInfo describes one sub-index column.
type SubindexInfo struct {
	Key            string
	NameVI, NameEN string
	Weight         *float64 // percent; nil where the weights were never published (2005)
}

// RankingRow is one province.
type RankingRow struct {
	Rank         int
	RankSource   string // "published", or "computed" when the release gives no rank
	ProvinceCode string
	ProvinceName string
	PCI          float64
	Tier         string              // as published; "" where the release has none
	Subindices   map[string]*float64 // every key of Ranking.Subindices; nil = not published
}

// HasTier reports whether the release gives tiers.
func (r *Ranking) HasTier() bool {
	for _, row := range r.Rows {
		if row.Tier != "" {
			return true
		}
	}
	return false
}

// AnyComputed reports whether some rank was computed rather than published.
func (r *Ranking) AnyComputed() bool {
	for _, row := range r.Rows {
		if row.RankSource == "computed" {
			return true
		}
	}
	return false
}

// PCIRanking returns the ranking of year; year 0 means the latest year loaded.
func PCIRanking(ctx context.Context, db *sql.DB, year int) (_ *Ranking, err error) {
	defer func() {
		if err != nil && !errors.Is(err, ErrNotFound) {
			err = fmt.Errorf("pci ranking %d: %w", year, err)
		}
	}()
	years, err := pciYears(ctx, db)
	if err != nil {
		return nil, err
	}
	if year == 0 && len(years) > 0 {
		year = years[0]
	}
	if !slices.Contains(years, year) {
		return nil, fmt.Errorf("%w: PCI %d chưa được nạp / PCI year %d is not loaded", ErrNotFound, year, year)
	}
	r := &Ranking{Year: year, Years: years}
	if r.Subindices, err = pciSubindices(ctx, db, year); err != nil {
		return nil, err
	}
	if err := r.loadScores(ctx, db); err != nil {
		return nil, err
	}
	return r, r.loadSubindexScores(ctx, db)
}

func pciYears(ctx context.Context, db *sql.DB) ([]int, error) {
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT year FROM pci_scores ORDER BY year DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var years []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		years = append(years, y)
	}
	return years, rows.Err()
}

// pciSubindices lists the sub-indices of year's methodology period. The view
// has no ordinal column; DuckDB keeps insertion order for a plain filtered
// scan (preserve_insertion_order, on by default), and the reference loader
// inserts in catalogue order. A test pins this.
func pciSubindices(ctx context.Context, db *sql.DB, year int) ([]SubindexInfo, error) {
	rows, err := db.QueryContext(ctx, `SELECT subindex, name_vi, name_en, weight_percent, weight_exact
		FROM pci_subindices WHERE ? BETWEEN year_from AND coalesce(year_to, 9999)`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SubindexInfo
	for rows.Next() {
		var s SubindexInfo
		var w float64
		var exact bool
		if err := rows.Scan(&s.Key, &s.NameVI, &s.NameEN, &w, &exact); err != nil {
			return nil, err
		}
		if exact { // the 2005 pilot's weights are estimates: show none rather than a guess
			s.Weight = &w
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// loadScores reads the composite and rank. is_sample comes with each score
// row (pci_scores carries it from the current release), so one query answers
// "is any current release of the year sample data".
func (r *Ranking) loadScores(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT rank, rank_source, province_code,
			coalesce(province_name, province_name_in_file), pci, is_sample, coalesce(tier, '')
		FROM pci_scores WHERE year = ? ORDER BY rank, province_code`, r.Year)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var row RankingRow
		var sample bool
		if err := rows.Scan(&row.Rank, &row.RankSource, &row.ProvinceCode, &row.ProvinceName, &row.PCI, &sample, &row.Tier); err != nil {
			return err
		}
		r.IsSample = r.IsSample || sample
		row.Subindices = make(map[string]*float64, len(r.Subindices))
		for _, s := range r.Subindices {
			row.Subindices[s.Key] = nil
		}
		r.Rows = append(r.Rows, row)
	}
	return rows.Err()
}

func (r *Ranking) loadSubindexScores(ctx context.Context, db *sql.DB) error {
	byCode := make(map[string]*RankingRow, len(r.Rows))
	for i := range r.Rows {
		byCode[r.Rows[i].ProvinceCode] = &r.Rows[i]
	}
	rows, err := db.QueryContext(ctx, `SELECT province_code, subindex, score
		FROM pci_subindex_scores WHERE year = ?`, r.Year)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var code, key string
		var score float64
		if err := rows.Scan(&code, &key, &score); err != nil {
			return err
		}
		row := byCode[code]
		if row == nil {
			continue
		}
		if _, inPeriod := row.Subindices[key]; !inPeriod {
			continue // not a column of this year's methodology: not shown
		}
		row.Subindices[key] = &score
	}
	return rows.Err()
}

// PCIYears lists the years loaded, newest first.
func PCIYears(ctx context.Context, db *sql.DB) ([]int, error) { return pciYears(ctx, db) }

// RankingTable is a ranking's rows (filtered and sorted by the caller) as
// a table: rank, code, name, composite, tier, sub-indices.
func RankingTable(r *Ranking, rows []RankingRow, lang string) *Table {
	t := &Table{Title: fmt.Sprintf(tr(lang, "Bảng xếp hạng PCI năm %d", "PCI ranking, %d"), r.Year)}
	t.Columns = []Column{
		{Key: "rank", Label: tr(lang, "Hạng", "Rank"), Kind: KindInteger},
		{Key: "province_code", Label: tr(lang, "Mã tỉnh", "Province code"), Kind: KindCode},
		{Key: "province", Label: tr(lang, "Tỉnh, thành phố", "Province"), Kind: KindText},
		{Key: "pci", Label: tr(lang, "Điểm PCI", "PCI score"), Kind: KindNumber},
		{Key: "tier", Label: tr(lang, "Xếp nhóm", "Tier"), Kind: KindText},
	}
	for _, s := range r.Subindices {
		t.Columns = append(t.Columns, Column{Key: s.Key, Label: tr(lang, s.NameVI, s.NameEN), Kind: KindNumber})
	}
	for _, row := range rows {
		rank := numCell(float64(row.Rank))
		if row.RankSource == "computed" {
			rank.Note = "computed"
		}
		cells := []Cell{rank, textCell(row.ProvinceCode), textCell(row.ProvinceName), numCell(row.PCI), textCell(TierName(row.Tier, lang))}
		for _, s := range r.Subindices {
			if v := row.Subindices[s.Key]; v != nil {
				cells = append(cells, numCell(*v))
			} else {
				cells = append(cells, Cell{})
			}
		}
		t.Rows = append(t.Rows, cells)
	}
	if r.IsSample {
		t.Notes = append(t.Notes, tr(lang, "DỮ LIỆU MẪU, không phải số liệu chính thức.", "SAMPLE data, not official figures."))
	}
	return t
}
