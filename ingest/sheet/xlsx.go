package sheet

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads every worksheet with raw cell values, so a number formatted
// as "0.00" keeps the precision stored in the file.
func readXLSX(path string, data []byte) (wb *Workbook, err error) {
	defer func() {
		if r := recover(); r != nil { // excelize panics on some malformed parts
			wb, err = nil, fmt.Errorf("%s: %w: %v / tệp xlsx hỏng", path, ErrFormat, r)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v (truncated or not an xlsx workbook?) / tệp xlsx hỏng hoặc bị cắt", path, ErrFormat, err)
	}
	defer f.Close()
	wb = &Workbook{Path: path, Format: "xlsx"}
	for _, name := range f.GetSheetList() {
		s, err := xlsxSheet(f, name)
		if err != nil {
			return nil, fmt.Errorf("%s: sheet %q: %w: %v / không đọc được trang tính", path, name, ErrFormat, err)
		}
		wb.Sheets = append(wb.Sheets, s)
	}
	return wb, nil
}

func xlsxSheet(f *excelize.File, name string) (*Sheet, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	s := &Sheet{Name: name}
	for r := 0; rows.Next(); r++ {
		raw, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		cells := make([]Cell, len(raw))
		for c, v := range raw {
			if v == "" {
				continue
			}
			typ, err := f.GetCellType(name, cellName(c, r))
			if err != nil {
				return nil, err
			}
			cells[c] = xlsxCell(typ, v)
		}
		s.Rows = append(s.Rows, cells)
	}
	return s, rows.Error()
}

func xlsxCell(typ excelize.CellType, v string) Cell {
	switch typ {
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString, excelize.CellTypeDate:
		return Cell{Kind: Text, Str: v}
	case excelize.CellTypeBool:
		if v == "1" || v == "TRUE" || v == "true" {
			return Cell{Kind: Bool, Num: 1}
		}
		return Cell{Kind: Bool}
	case excelize.CellTypeError:
		return Cell{Kind: Error, Str: v}
	}
	// Numbers, formulas with a cached result, and unset types: a number when it parses.
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		return Cell{Kind: Number, Num: n}
	}
	return Cell{Kind: Text, Str: v}
}

func cellName(c, r int) string {
	name, _ := excelize.CoordinatesToCellName(c+1, r+1)
	return name
}
