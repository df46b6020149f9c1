package business

import (
	"strings"

	"github.com/laocai-dpi/dpi/ingest/province"
)

// field is what a column of a register file means.
type field int

const (
	fNone field = iota
	fOrder
	fTaxCode
	fName
	fForeignName
	fShortName
	fLegalForm
	fRegisteredOn
	fChangedOn
	fAddress
	fCommune
	fDistrict
	fProvince
	fCapital
	fVSIC
	fRepresentative
	fPhone
	fEmail
	fStatus
	nFields
)

var fieldNames = [nFields]string{"", "STT", "Mã số doanh nghiệp", "Tên doanh nghiệp", "Tên bằng tiếng nước ngoài",
	"Tên viết tắt", "Loại hình doanh nghiệp", "Ngày thành lập", "Ngày thay đổi gần nhất", "Địa chỉ trụ sở",
	"Phường/Xã", "Quận/Huyện", "Tỉnh/Thành phố", "Vốn điều lệ", "Ngành nghề kinh doanh chính",
	"Người đại diện theo pháp luật", "Điện thoại", "Email", "Tình trạng hoạt động"}

func (f field) String() string { return fieldNames[f] }

// headerRules match folded header text by meaning. The first rule that
// matches wins, so narrower phrases come first: "tình trạng" before "tỉnh",
// "tên viết tắt" and "người đại diện" before "tên", "ngày thay đổi" before
// "ngày đăng ký".
var headerRules = []struct {
	f     field
	words []string
}{
	{fOrder, []string{"stt", "so tt", "thu tu", "so thu tu", "no"}},
	{fStatus, []string{"tinh trang", "trang thai", "status"}},
	{fTaxCode, []string{"ma so doanh nghiep", "ma so thue", "mst", "ma so dn", "ma doanh nghiep", "ma so", "ma dn", "tax code", "enterprise code"}},
	{fForeignName, []string{"tieng nuoc ngoai", "ten nuoc ngoai", "ten tieng anh", "ten giao dich quoc te", "foreign name", "english name"}},
	{fShortName, []string{"ten viet tat", "viet tat", "short name", "abbreviat"}},
	{fRepresentative, []string{"nguoi dai dien", "dai dien theo phap luat", "dai dien phap luat", "giam doc", "chu doanh nghiep", "representative"}},
	{fLegalForm, []string{"loai hinh", "hinh thuc", "legal form", "type"}},
	{fChangedOn, []string{"ngay thay doi", "thay doi gan nhat", "dang ky thay doi", "thay doi", "ngay cap nhat", "changed", "last change"}},
	{fRegisteredOn, []string{"ngay thanh lap", "ngay dang ky", "ngay cap", "ngay bat dau hoat dong", "thanh lap", "registered", "registration date", "founded"}},
	{fCommune, []string{"phuong xa", "xa phuong", "phuong thi tran", "xa thi tran", "phuong", "xa", "commune", "ward"}},
	{fDistrict, []string{"quan huyen", "huyen thi", "huyen", "quan", "district"}},
	{fProvince, []string{"tinh thanh pho", "tinh tp", "tinh", "province"}},
	{fAddress, []string{"dia chi", "tru so", "address"}},
	{fCapital, []string{"von dieu le", "von dang ky", "von dau tu", "von", "capital"}},
	{fVSIC, []string{"nganh nghe", "ma nganh", "nganh kinh doanh", "nganh", "vsic", "industry"}},
	{fPhone, []string{"dien thoai", "sdt", "so dt", "phone", "tel"}},
	{fEmail, []string{"email", "e mail", "thu dien tu"}},
	{fName, []string{"ten doanh nghiep", "ten dn", "ten cong ty", "ten don vi", "ten", "name"}},
}

// classify reads the text of the header cells above one column.
func classify(text string) field {
	h := foldHeader(text)
	if h == "" {
		return fNone
	}
	for _, r := range headerRules {
		for _, w := range r.words {
			if hasWord(h, w) {
				return r.f
			}
		}
	}
	return fNone
}

// foldHeader folds like province names and also treats '/', '(' and ')' as spaces,
// so "Phường/Xã" and "Quận (Huyện)" read as words.
func foldHeader(s string) string {
	s = strings.NewReplacer("/", " ", "(", " ", ")", " ", "\n", " ", ":", " ").Replace(s)
	return province.Fold(s)
}

// hasWord reports whether phrase occurs in folded text on word boundaries.
func hasWord(text, phrase string) bool {
	for i := 0; i <= len(text); {
		j := strings.Index(text[i:], phrase)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(phrase)
		before := j == 0 || !isWordByte(text[j-1])
		after := end == len(text) || !isWordByte(text[end])
		if before && after {
			return true
		}
		i = j + 1
	}
	return false
}

func isWordByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' }

// required are the columns without which a register file cannot be read.
var required = []field{fTaxCode, fName, fLegalForm, fRegisteredOn, fStatus}
