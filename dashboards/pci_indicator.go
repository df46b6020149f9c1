package dashboards

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Indicator is one indicator of a sub-index in one release.
type Indicator struct {
	Subindex string
	Code     string // VCCI's short code (2011 on) or <subindex>_<nn> (positional)
	Name     string // as published (Vietnamese, or English for English workbooks)
}

// Positional tells a code the loader numbered by column (releases without a
// row of short codes): it means nothing outside its own release.
func (i Indicator) Positional() bool {
	n, ok := strings.CutPrefix(i.Code, i.Subindex+"_")
	return ok && twoDigits.MatchString(n)
}

var twoDigits = regexp.MustCompile(`^[0-9]{2}$`)

// Label is how pages name the indicator: its published name and code.
func (i Indicator) Label() string { return fmt.Sprintf("%s (%s)", i.Name, i.Code) }

// Why a loaded year is not on an indicator's line.
const (
	OmitPositional = "positional" // the chosen year's code is positional: no other year can match it
	OmitAbsent     = "absent"     // no indicator with that code that year (before 2011: no short codes at all)
	OmitRenamed    = "renamed"    // the code exists under another name
)

// OmittedYears are loaded years left off an indicator's line, for one reason.
type OmittedYears struct {
	Reason string
	Years  []int
}

// PCIIndicators lists the indicators of a sub-index in a year's release,
// by code (positional codes sort in column order).
func PCIIndicators(ctx context.Context, db *sql.DB, year int, subindex string) ([]Indicator, error) {
	rows, err := db.QueryContext(ctx, `SELECT indicator_code, any_value(indicator_name) FROM pci_indicator_values
		WHERE year = ? AND subindex = ? GROUP BY indicator_code ORDER BY lower(indicator_code), indicator_code`, year, subindex)
	if err != nil {
		return nil, fmt.Errorf("pci indicators %d %s: %w", year, subindex, err)
	}
	defer rows.Close()
	var out []Indicator
	for rows.Next() {
		i := Indicator{Subindex: subindex}
		if err := rows.Scan(&i.Code, &i.Name); err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// resolveIndicator names the query's indicator from the query's year (the
// latest loaded if none) and finds the years it can be compared over: a bar
// shows that year alone; a line or table every year where the same short
// code carries the same name. Positional codes match nothing but themselves.
func (c *Compare) resolveIndicator(ctx context.Context, db *sql.DB, ref *Reference) ([]int, error) {
	q := &c.Query
	if q.Year == 0 {
		var y sql.NullInt64
		if err := db.QueryRowContext(ctx, `SELECT max(year) FROM pci_scores`).Scan(&y); err != nil {
			return nil, err
		}
		if !y.Valid {
			return nil, fmt.Errorf("%w: chưa có số liệu PCI / no PCI data loaded", ErrNotFound)
		}
		q.Year = int(y.Int64)
	}
	rows, err := db.QueryContext(ctx, `SELECT s.year, (SELECT any_value(indicator_name) FROM pci_indicator_values v
			WHERE v.year = s.year AND v.subindex = ? AND v.indicator_code = ?)
		FROM (SELECT DISTINCT year FROM pci_scores) s ORDER BY 1`, q.Subindex, q.Indicator)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[int]string{}
	var loaded []int
	for rows.Next() {
		var y int
		var name sql.NullString
		if err := rows.Scan(&y, &name); err != nil {
			return nil, err
		}
		loaded = append(loaded, y)
		if name.Valid {
			names[y] = name.String
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	name, ok := names[q.Year]
	if !ok {
		sub, _ := ref.Subindex(q.Subindex)
		if !slices.Contains(loaded, q.Year) {
			return nil, &InvalidError{VI: fmt.Sprintf("Chưa có số liệu PCI năm %d", q.Year), EN: fmt.Sprintf("No PCI data for %d", q.Year)}
		}
		return nil, &InvalidError{
			VI: fmt.Sprintf("Năm %d không có chỉ tiêu mã %q trong chỉ số thành phần “%s”", q.Year, cut(q.Indicator), sub.NameVI),
			EN: fmt.Sprintf("%d has no indicator with code %q in the sub-index “%s”", q.Year, cut(q.Indicator), sub.NameEN)}
	}
	ind := Indicator{Subindex: q.Subindex, Code: q.Indicator, Name: name}
	c.Indicator = &ind
	c.Subindices = []SubindexInfo{{Key: ind.Code, NameVI: ind.Label(), NameEN: ind.Label()}}
	if q.Chart == ChartBar {
		c.ViewYears = []int{q.Year}
		return c.ViewYears, nil
	}
	omit := map[string][]int{}
	for _, y := range loaded {
		n, has := names[y]
		switch {
		case y == q.Year || (has && n == name && !ind.Positional()):
			c.ViewYears = append(c.ViewYears, y)
		case ind.Positional():
			omit[OmitPositional] = append(omit[OmitPositional], y)
		case !has:
			omit[OmitAbsent] = append(omit[OmitAbsent], y)
		default:
			omit[OmitRenamed] = append(omit[OmitRenamed], y)
		}
	}
	for _, r := range []string{OmitPositional, OmitAbsent, OmitRenamed} {
		if len(omit[r]) > 0 {
			c.Omitted = append(c.Omitted, OmittedYears{Reason: r, Years: omit[r]})
		}
	}
	return c.ViewYears, nil
}

// indicatorNotes say what an indicator view is and is not.
func (c *Compare) indicatorNotes(lang string) []string {
	ind := c.Indicator
	sub, _ := c.ref.Subindex(ind.Subindex)
	n := []string{fmt.Sprintf(tr(lang, "Chỉ tiêu “%s” (mã %s) của chỉ số thành phần “%s”, giá trị như VCCI công bố, tên theo bản công bố năm %d.",
		"Indicator “%s” (code %s) of the sub-index “%s”, values as published by VCCI, named as in the %d release."),
		ind.Name, ind.Code, tr(lang, sub.NameVI, sub.NameEN), c.Query.Year)}
	n = append(n, tr(lang, "Trung vị cả nước, chênh lệch và thứ hạng của chỉ tiêu được tính trên các tỉnh có giá trị năm đó; hạng 1 là giá trị cao nhất, dù với một số chỉ tiêu (số ngày, chi phí) giá trị thấp hơn là tốt hơn.",
		"The national median, differences and ranks of an indicator are computed over the provinces that have a value that year; rank 1 is the highest value, although for some indicators (days, costs) lower is better."))
	for _, o := range c.Omitted {
		var vi, en string
		switch o.Reason {
		case OmitPositional:
			vi, en = "Không so sánh qua các năm: năm %d chỉ có mã theo vị trí cột (trước 2011), không ổn định giữa các bản công bố; bỏ các năm %s.",
				"Not compared over years: in %d the indicator has only a positional code (before 2011), not stable from one release to the next; years left out: %s."
			n = append(n, fmt.Sprintf(tr(lang, vi, en), c.Query.Year, yearList(o.Years)))
			continue
		case OmitAbsent:
			vi, en = "Bỏ các năm không có chỉ tiêu mã %s (trước 2011 VCCI không in mã chỉ tiêu): %s.", "Years left out, with no indicator coded %s (VCCI printed no indicator codes before 2011): %s."
		case OmitRenamed:
			vi, en = "Bỏ các năm mà mã %s mang tên chỉ tiêu khác: %s.", "Years left out, where the code %s names a different indicator: %s."
		}
		n = append(n, fmt.Sprintf(tr(lang, vi, en), ind.Code, yearList(o.Years)))
	}
	return n
}

// yearList writes years compactly: 2005–2010, 2016.
func yearList(years []int) string {
	var out string
	for i := 0; i < len(years); {
		j := i
		for j+1 < len(years) && years[j+1] == years[j]+1 {
			j++
		}
		if out != "" {
			out += ", "
		}
		if j == i {
			out += fmt.Sprint(years[i])
		} else {
			out += fmt.Sprintf("%d–%d", years[i], years[j])
		}
		i = j + 1
	}
	return out
}
