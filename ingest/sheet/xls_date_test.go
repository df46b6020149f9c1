package sheet

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
)

// TestXLSDates: numbers whose XF points at a date format (built-in or a
// FORMAT record, BIFF8 and BIFF5) come out as Date; others stay Number.
func TestXLSDates(t *testing.T) {
	u16 := func(v int) []byte { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }
	rec := func(typ int, parts ...[]byte) []byte {
		body := bytes.Join(parts, nil)
		return bytes.Join([][]byte{u16(typ), u16(len(body)), body}, nil)
	}
	f64 := func(v float64) []byte { return binary.LittleEndian.AppendUint64(nil, math.Float64bits(v)) }
	rk := func(v int) []byte { return binary.LittleEndian.AppendUint32(nil, uint32(v)<<2|2) }
	xf := func(fmtID int) []byte { return rec(recXF, u16(0), u16(fmtID), make([]byte, 16)) }
	for _, biff8 := range []bool{true, false} {
		format := func(id int, code string) []byte {
			if biff8 {
				return rec(recFormat, u16(id), u16(len(code)), []byte{0}, []byte(code))
			}
			return rec(recFormat, u16(id), []byte{byte(len(code))}, []byte(code))
		}
		vers := 0x0500
		if biff8 {
			vers = 0x0600
		}
		name := []byte("Dates")
		boundName := append([]byte{byte(len(name))}, name...)
		if biff8 {
			boundName = append([]byte{byte(len(name)), 0}, name...)
		}
		globals := func(sheetOff int) []byte {
			return bytes.Join([][]byte{
				rec(recBOF, u16(vers), u16(bofGlobals), u16(0), u16(0)),
				rec(recDateMode, u16(map[bool]int{true: 1}[biff8])),
				format(164, "dd/mm/yyyy"),
				format(165, `0.00 "ngày"`),
				xf(0), xf(14), xf(164), xf(165), xf(22), xf(4),
				rec(recBoundSheet, binary.LittleEndian.AppendUint32(nil, uint32(sheetOff)), []byte{0, 0}, boundName),
				rec(recEOF),
			}, nil)
		}
		sheet := bytes.Join([][]byte{
			rec(recBOF, u16(vers), u16(bofWorksheet), u16(0), u16(0)),
			rec(recNumber, u16(0), u16(0), u16(1), f64(45000)),                  // built-in 14
			rec(recNumber, u16(0), u16(1), u16(2), f64(45000.5)),                // custom date
			rec(recNumber, u16(0), u16(2), u16(3), f64(3)),                      // custom, quoted text only
			rec(recRK, u16(0), u16(3), u16(4), rk(45001)),                       // built-in 22
			rec(recRK, u16(0), u16(4), u16(5), rk(7)),                           // built-in 4
			rec(recMulRK, u16(1), u16(0), u16(0), rk(1), u16(1), rk(2), u16(1)), // General, then date
			rec(recFormula, u16(2), u16(0), u16(2), f64(44000), make([]byte, 6), u16(0)),
			rec(recNumber, u16(2), u16(1), u16(99), f64(5)), // XF index past the table
			rec(recEOF),
		}, nil)
		wb, err := parseBIFF(append(globals(len(globals(0))), sheet...), "Workbook")
		if err != nil {
			t.Fatalf("biff8=%v: %v", biff8, err)
		}
		want := [][]Cell{
			{date(45000), date(45000.5), num(3), date(45001), num(7)},
			{num(1), date(2)},
			{date(44000), num(5)},
		}
		if wb.Date1904 != biff8 {
			t.Errorf("biff8=%v: Date1904 = %v", biff8, wb.Date1904)
		}
		if d := diffGrids(wb.Sheets[0].Rows, want); d != "" || len(wb.Sheets[0].Rows) != 3 {
			t.Errorf("biff8=%v:%s", biff8, d)
		}
	}
}
