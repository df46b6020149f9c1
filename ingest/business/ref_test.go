package business

import (
	"sync"
	"testing"
)

var (
	testRefOnce sync.Once
	testRef     *Ref
	testRefErr  error
)

// mustRef loads the embedded reference tables once for the package's tests.
func mustRef(t testing.TB) *Ref {
	t.Helper()
	testRefOnce.Do(func() { testRef, testRefErr = LoadRef() })
	if testRefErr != nil {
		t.Fatal(testRefErr)
	}
	return testRef
}

func TestRefTables(t *testing.T) {
	r := mustRef(t)
	if n := len(r.LegalForms()); n != 8 {
		t.Errorf("%d legal forms, want 8", n)
	}
	dep := 0
	for _, f := range r.LegalForms() {
		if f.DependentUnit {
			dep++
		}
	}
	if dep != 3 {
		t.Errorf("%d dependent-unit forms, want 3 (branch, representative office, business location)", dep)
	}
	if n := len(r.Statuses()); n != 6 {
		t.Errorf("%d statuses, want 6", n)
	}
	for _, s := range r.Statuses() {
		if s.Operating != (s.Key == "active") {
			t.Errorf("status %s: operating %v", s.Key, s.Operating)
		}
	}
	secs := r.VSICSections()
	if len(secs) != 21 || secs[0].Section != "A" || secs[20].Section != "U" {
		t.Errorf("sections: %d, want the 21 sections A..U", len(secs))
	}
	// VSIC 2018 (Quyết định 27/2018/QĐ-TTg): 88 divisions, 242 groups.
	if n := len(r.VSICDivisions()); n != 88 {
		t.Errorf("%d divisions, want 88", n)
	}
	groups := map[string]bool{}
	perSection := map[string]int{}
	for _, c := range r.VSICCodes() {
		groups[c.Code[:3]] = true
		perSection[c.Section]++
	}
	if len(groups) != 242 {
		t.Errorf("classes cover %d groups, want all 242", len(groups))
	}
	for _, s := range secs {
		if perSection[s.Section] == 0 {
			t.Errorf("section %s has no class", s.Section)
		}
	}
	if n := len(r.VSICCodes()); n < 460 || n > 486 {
		t.Errorf("%d classes; VSIC 2018 has at most 486", n)
	}
}

func TestLegalFormLookup(t *testing.T) {
	r := mustRef(t)
	for text, want := range map[string]string{
		"Công ty TNHH một thành viên": "llc_single",
		"Công ty TNHH MTV":            "llc_single",
		"CÔNG TY TNHH MTV":            "llc_single",
		"Cty TNHH 1TV":                "llc_single",
		"cong ty tnhh mot thanh vien": "llc_single",
		"Công ty trách nhiệm hữu hạn một thành viên":         "llc_single",
		"Công ty TNHH 2 TV trở lên":                          "llc_multi",
		"CÔNG TY TRÁCH NHIỆM HỮU HẠN HAI THÀNH VIÊN TRỞ LÊN": "llc_multi",
		"Công ty TNHH hai thành viên trở lên":                "llc_multi",
		"Công ty cổ phần":                                    "jsc",
		"CTCP":                                               "jsc",
		"Cty CP":                                             "jsc",
		"Công ty hợp danh":                                   "partnership",
		"DNTN":                                               "private_enterprise",
		"Doanh nghiệp tư nhân":                               "private_enterprise",
		"Chi nhánh":                                          "branch",
		"Chi nhánh công ty":                                  "branch",
		"Chi nhánh Cty":                                      "branch",
		"VPĐD":                                               "representative_office",
		"Văn phòng đại diện":                                 "representative_office",
		"Địa điểm kinh doanh":                                "business_location",
		"ĐĐKD":                                               "business_location",
		"  Địa  điểm   KD ":                                  "business_location",
	} {
		if got, ok := r.LegalForm(text); !ok || got != want {
			t.Errorf("LegalForm(%q) = %q, %v; want %q", text, got, ok, want)
		}
	}
	for _, text := range []string{"", "Công ty", "Hợp tác xã", "Công ty TNHH"} {
		if got, ok := r.LegalForm(text); ok {
			t.Errorf("LegalForm(%q) = %q, want no match", text, got)
		}
	}
}

func TestStatusLookup(t *testing.T) {
	r := mustRef(t)
	for text, want := range map[string]string{
		"Đang hoạt động":                                  "active",
		"NNT đang hoạt động":                              "active",
		"NNT đang hoạt động (đã được cấp GCN ĐKT)":        "active",
		"DANG HOAT DONG":                                  "active",
		"Tạm ngừng kinh doanh":                            "suspended",
		"Tạm ngừng hoạt động":                             "suspended",
		"Đang làm thủ tục giải thể":                       "dissolving",
		"Đã giải thể":                                     "dissolved",
		"Giải thể":                                        "dissolved",
		"Đã giải thể, phá sản, chấm dứt tồn tại":          "dissolved",
		"Không hoạt động tại địa chỉ đã đăng ký":          "not_at_address",
		"Bị thu hồi GCNĐKDN":                              "revoked",
		"Bị thu hồi Giấy chứng nhận đăng ký doanh nghiệp": "revoked",
	} {
		if got, ok := r.Status(text); !ok || got != want {
			t.Errorf("Status(%q) = %q, %v; want %q", text, got, ok, want)
		}
	}
	if got, ok := r.Status("Đang kiểm tra"); ok {
		t.Errorf("Status(Đang kiểm tra) = %q, want no match", got)
	}
}

func TestVSICLookup(t *testing.T) {
	r := mustRef(t)
	for _, c := range []struct {
		code         string
		section      string
		known, divOK bool
	}{
		{"4933", "H", true, true},
		{"49331", "H", true, true}, // sub-class: judged by its class
		{"5510", "I", true, true},  // Sa Pa's hotels
		{"0127", "A", true, true},  // tea
		{"127", "A", true, true},   // 0127 with its leading zero lost
		{"4781", "G", true, true},  // VSIC 2018: retail of food at markets
		{"4934", "H", false, true}, // division 49 exists, class does not: a warning
		{"0411", "", false, false}, // division 04 does not exist: an error
		{"8399", "", false, false}, // no division 83
		{"49", "", false, false},   // a division is not a class
		{"4933a", "", false, false},
		{"", "", false, false},
	} {
		sec, known, divOK := r.VSIC(c.code)
		if sec != c.section || known != c.known || divOK != c.divOK {
			t.Errorf("VSIC(%q) = %q, %v, %v; want %q, %v, %v", c.code, sec, known, divOK, c.section, c.known, c.divOK)
		}
	}
	if got := r.VSICName("4933"); got != "Vận tải hàng hóa bằng đường bộ" {
		t.Errorf("VSICName(4933) = %q", got)
	}
	if got := r.VSICName("4934"); got != "Vận tải đường sắt, đường bộ và vận tải đường ống" {
		t.Errorf("VSICName(4934) = %q, want the division's name", got)
	}
}
