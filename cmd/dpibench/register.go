package main

// A synthetic enterprise register (the shape of the business-registration
// lists: codes, Vietnamese names and addresses, dates, amounts), written as
// an Excel-style xlsx (every text in the shared-string table, dates as
// serial numbers with date formats) and as a CSV with the same rows. The
// data is deterministic: the same n gives the same files.

import (
	"archive/zip"
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

var registerHeader = []string{
	"Mã số doanh nghiệp", "Tên doanh nghiệp", "Tên viết tắt", "Loại hình", "Ngày thành lập",
	"Ngày cập nhật", "Tỉnh/Thành phố", "Quận/Huyện", "Phường/Xã", "Địa chỉ trụ sở",
	"Người đại diện", "Chức danh", "Điện thoại", "Email", "Mã ngành chính",
	"Ngành nghề kinh doanh chính", "Vốn điều lệ (VNĐ)", "Số lao động", "Tình trạng", "Doanh thu (triệu VNĐ)",
}

var (
	regFamily  = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Giàng", "Lò", "Vàng", "Sùng"}
	regMiddle  = []string{"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Thu", "A", "Seo"}
	regGiven   = []string{"An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến", "Chư", "Páo", "Sử", "Dền"}
	regTrade   = []string{"THƯƠNG MẠI", "DỊCH VỤ", "XÂY DỰNG", "SẢN XUẤT", "VẬN TẢI", "DU LỊCH", "NÔNG SẢN", "CÔNG NGHỆ", "KHOÁNG SẢN", "LÂM NGHIỆP", "THƯƠNG MẠI VÀ DỊCH VỤ", "ĐẦU TƯ"}
	regProper  = []string{"HOÀNG PHÁT", "MINH ANH", "SA PA", "LÀO CAI", "BẮC HÀ", "KIM THÀNH", "HỒNG HÀ", "PHÚ THỊNH", "AN KHANG", "THÀNH ĐẠT", "VIỆT TRUNG", "TÂY BẮC", "HOÀNG LIÊN", "MƯỜNG KHƯƠNG", "BÁT XÁT", "VĂN BÀN"}
	regForm    = []string{"CÔNG TY TNHH", "CÔNG TY TNHH MỘT THÀNH VIÊN", "CÔNG TY CỔ PHẦN", "DOANH NGHIỆP TƯ NHÂN", "HỢP TÁC XÃ"}
	regKind    = []string{"Công ty trách nhiệm hữu hạn hai thành viên trở lên", "Công ty trách nhiệm hữu hạn một thành viên", "Công ty cổ phần", "Doanh nghiệp tư nhân", "Hợp tác xã"}
	regProv    = []string{"Lào Cai", "Yên Bái", "Hà Giang", "Lai Châu", "Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Hải Phòng"}
	regDist    = []string{"Thành phố Lào Cai", "Thị xã Sa Pa", "Huyện Bát Xát", "Huyện Mường Khương", "Huyện Si Ma Cai", "Huyện Bắc Hà", "Huyện Bảo Thắng", "Huyện Bảo Yên", "Huyện Văn Bàn"}
	regWard    = []string{"Phường Cốc Lếu", "Phường Duyên Hải", "Phường Kim Tân", "Phường Bắc Lệnh", "Xã Cốc San", "Xã Tả Phời", "Phường Phố Mới", "Xã Bản Phiệt", "Thị trấn Phố Lu", "Xã Gia Phú"}
	regStreet  = []string{"Hoàng Liên", "Trần Hưng Đạo", "Nguyễn Huệ", "Điện Biên", "Lê Lợi", "Hồng Hà", "Cầu Mây", "Xuân Viên", "Thủ Dầu Một", "Ngô Quyền"}
	regTitle   = []string{"Giám đốc", "Tổng giám đốc", "Chủ tịch Hội đồng quản trị", "Chủ doanh nghiệp", "Giám đốc điều hành"}
	regStatus  = []string{"Đang hoạt động", "Đang hoạt động", "Đang hoạt động", "Tạm ngừng kinh doanh", "Đã giải thể", "Không hoạt động tại địa chỉ đã đăng ký"}
	regSector  = []string{"4620", "4632", "4659", "4933", "5510", "4100", "4210", "0210", "0810", "6201", "4722", "1079"}
	regSectors = []string{"Bán buôn nông, lâm sản nguyên liệu", "Bán buôn thực phẩm", "Bán buôn máy móc, thiết bị khác", "Vận tải hàng hóa bằng đường bộ", "Dịch vụ lưu trú ngắn ngày", "Xây dựng nhà các loại", "Xây dựng công trình đường sắt và đường bộ", "Trồng rừng và chăm sóc rừng", "Khai thác đá, cát, sỏi, đất sét", "Lập trình máy vi tính", "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh", "Sản xuất thực phẩm khác chưa được phân vào đâu"}
)

// registerValue is one generated cell: a string, a number, or a date.
type registerValue struct {
	s    string
	n    float64
	kind byte // 's', 'n', 'd' (date), 't' (date and time)
}

type registerGen struct {
	rng *rand.Rand
	row [20]registerValue
	sb  strings.Builder
}

func newRegisterGen() *registerGen { return &registerGen{rng: rand.New(rand.NewPCG(2026, 5))} }

func (g *registerGen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *registerGen) person() string {
	return g.pick(regFamily) + " " + g.pick(regMiddle) + " " + g.pick(regGiven)
}

// next fills g.row with row i (0-based, after the header).
func (g *registerGen) next(i int) {
	r := &g.row
	str := func(c int, s string) { r[c] = registerValue{s: s, kind: 's'} }
	num := func(c int, v float64) { r[c] = registerValue{n: v, kind: 'n'} }
	form := g.rng.IntN(len(regForm))
	proper := g.pick(regProper)
	trade := g.pick(regTrade)
	str(0, fmt.Sprintf("%010d", 5300000000+int64(i)*37%99999999))
	str(1, regForm[form]+" "+trade+" "+proper+" "+strconv.Itoa(1+g.rng.IntN(999)))
	str(2, strings.ReplaceAll(proper, " ", "")+" CO., LTD")
	str(3, regKind[form])
	founded := 34700 + g.rng.IntN(10800) // 1995 … 2024
	r[4] = registerValue{n: float64(founded), kind: 'd'}
	r[5] = registerValue{n: float64(founded+g.rng.IntN(3000)) + float64(g.rng.IntN(86400))/86400, kind: 't'}
	str(6, g.pick(regProv))
	str(7, g.pick(regDist))
	str(8, g.pick(regWard))
	str(9, "Số "+strconv.Itoa(1+g.rng.IntN(500))+", đường "+g.pick(regStreet)+", tổ "+strconv.Itoa(1+g.rng.IntN(40)))
	str(10, g.person())
	str(11, g.pick(regTitle))
	str(12, "0"+strconv.Itoa(200000000+g.rng.IntN(799999999)))
	str(13, "lienhe"+strconv.Itoa(i)+"@"+strings.ToLower(strings.ReplaceAll(proper, " ", ""))+".vn")
	sector := g.rng.IntN(len(regSector))
	str(14, regSector[sector])
	str(15, regSectors[sector])
	num(16, float64(100+g.rng.IntN(50000))*1e6)
	num(17, float64(1+g.rng.IntN(300)))
	str(18, g.pick(regStatus))
	num(19, float64(g.rng.IntN(100000000))/100)
}

// writeRegister writes n data rows (plus a header row) as register.xlsx and
// register.csv in dir, unless files of that size are already there.
func writeRegister(dir string, n int) (xlsxPath, csvPath string, err error) {
	xlsxPath = filepath.Join(dir, fmt.Sprintf("register_%d.xlsx", n))
	csvPath = filepath.Join(dir, fmt.Sprintf("register_%d.csv", n))
	if _, e1 := os.Stat(xlsxPath); e1 == nil {
		if _, e2 := os.Stat(csvPath); e2 == nil {
			return xlsxPath, csvPath, nil
		}
	}
	if err := writeRegisterCSV(csvPath, n); err != nil {
		return "", "", err
	}
	return xlsxPath, csvPath, writeRegisterXLSX(xlsxPath, n)
}

func writeRegisterCSV(path string, n int) error {
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(bw)
	w.Write(registerHeader)
	g := newRegisterGen()
	rec := make([]string, 20)
	for i := 0; i < n; i++ {
		g.next(i)
		for c, v := range g.row {
			switch v.kind {
			case 's':
				rec[c] = v.s
			case 'n':
				rec[c] = strconv.FormatFloat(v.n, 'f', -1, 64)
			case 'd':
				rec[c] = serialTime(v.n).Format("02/01/2006")
			case 't':
				rec[c] = serialTime(v.n).Format("02/01/2006 15:04:05")
			}
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(path+".tmp", path)
}

func serialTime(v float64) time.Time {
	return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Add(time.Duration(v * 86400 * float64(time.Second))).Round(time.Second)
}

const (
	regContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	regRootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	regWorkbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="Danh sách doanh nghiệp" sheetId="1" r:id="rId1"/></sheets></workbook>`
	regWorkbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	// Styles: 0 General, 1 date (built-in 14), 2 date and time (custom),
	// 3 thousands (built-in 3), 4 two decimals (built-in 4).
	regStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\ hh:mm:ss"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
)

// writeRegisterXLSX writes the workbook the way Excel does: every text cell
// refers to the shared-string table, written after the sheet.
func writeRegisterXLSX(path string, n int) error {
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return err
	}
	defer f.Close()
	bf := bufio.NewWriterSize(f, 1<<20)
	zw := zip.NewWriter(bf)
	for _, p := range []struct{ name, body string }{
		{"[Content_Types].xml", regContentTypes}, {"_rels/.rels", regRootRels},
		{"xl/workbook.xml", regWorkbook}, {"xl/_rels/workbook.xml.rels", regWorkbookRels},
		{"xl/styles.xml", regStyles},
	} {
		w, err := zw.Create(p.name)
		if err != nil {
			return err
		}
		io.WriteString(w, p.body)
	}
	zs, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(zs, 1<<20)
	sst := map[string]int{}
	var order []string
	refs := 0
	index := func(s string) int {
		refs++
		if i, ok := sst[s]; ok {
			return i
		}
		sst[s] = len(order)
		order = append(order, s)
		return len(order) - 1
	}
	cols := make([]string, 20)
	for c := range cols {
		cols[c] = string(rune('A' + c))
	}
	w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:T` +
		strconv.Itoa(n+1) + `"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>`)
	var num []byte
	writeRow := func(r int, vals []registerValue) {
		rs := strconv.Itoa(r)
		w.WriteString(`<row r="` + rs + `" spans="1:20">`)
		for c, v := range vals {
			w.WriteString(`<c r="` + cols[c] + rs + `"`)
			switch v.kind {
			case 's':
				w.WriteString(` t="s"><v>`)
				num = strconv.AppendInt(num[:0], int64(index(v.s)), 10)
			case 'd':
				w.WriteString(` s="1"><v>`)
				num = strconv.AppendFloat(num[:0], v.n, 'f', -1, 64)
			case 't':
				w.WriteString(` s="2"><v>`)
				num = strconv.AppendFloat(num[:0], v.n, 'g', 17, 64)
			default:
				if c == 19 {
					w.WriteString(` s="4"><v>`)
				} else {
					w.WriteString(` s="3"><v>`)
				}
				num = strconv.AppendFloat(num[:0], v.n, 'f', -1, 64)
			}
			w.Write(num)
			w.WriteString(`</v></c>`)
		}
		w.WriteString(`</row>`)
	}
	head := make([]registerValue, 20)
	for c, h := range registerHeader {
		head[c] = registerValue{s: h, kind: 's'}
	}
	writeRow(1, head)
	g := newRegisterGen()
	for i := 0; i < n; i++ {
		g.next(i)
		writeRow(i+2, g.row[:])
	}
	w.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	if err := w.Flush(); err != nil {
		return err
	}
	zs, err = zw.Create("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	w = bufio.NewWriterSize(zs, 1<<20)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, refs, len(order))
	for _, s := range order {
		w.WriteString(`<si><t>`)
		xmlEscape(w, s)
		w.WriteString(`</t></si>`)
	}
	w.WriteString(`</sst>`)
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := bf.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(path+".tmp", path)
}

func xmlEscape(w *bufio.Writer, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			w.WriteString("&amp;")
		case '<':
			w.WriteString("&lt;")
		case '>':
			w.WriteString("&gt;")
		default:
			w.WriteByte(c)
		}
	}
}
