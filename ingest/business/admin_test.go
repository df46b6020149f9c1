package business

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	dpisql "github.com/laocai-dpi/dpi/sql"
)

var (
	q1of2025 = time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	q3of2025 = time.Date(2025, 9, 30, 0, 0, 0, 0, time.UTC)
)

func TestResolveLocationPre2025(t *testing.T) {
	r := mustRef(t)
	// Bản Vược (02710), Bát Xát district (082), now in Xã Bát Xát (02683).
	banVuoc := Location{ProvinceCodePre2025: "10", DistrictCode: "082", CommuneCodePre2025: "02710", ProvinceCode2025: "15", CommuneCode2025: "02683"}
	cocLeu := Location{ProvinceCodePre2025: "10", DistrictCode: "080", CommuneCodePre2025: "02644", ProvinceCode2025: "15", CommuneCode2025: "02647"}
	yenThinh := Location{ProvinceCodePre2025: "15", DistrictCode: "132", CommuneCodePre2025: "04249", ProvinceCode2025: "15", CommuneCode2025: "04279"}
	for _, c := range []struct {
		p, d, c string
		want    Location
	}{
		{"Tỉnh Lào Cai", "Huyện Bát Xát", "Xã Bản Vược", banVuoc},
		{"Lào Cai", "H. Bát Xát", "X. Bản Vược", banVuoc},
		{"Lào Cai", "Bát Xát", "Bản Vược", banVuoc},
		{"LAO CAI", "huyen bat xat", "xa ban vuoc", banVuoc},
		{"Lào Cai", "", "Bản Vược", banVuoc}, // unique in the province: no district needed
		{"", "", "Xã Bản Vược", banVuoc},     // blank province: the register's
		{"Lào Cai", "TP Lào Cai", "P. Cốc Lếu", cocLeu},
		{"Lào Cai", "Thành phố Lào Cai", "Phường Cốc Lếu", cocLeu},
		{"Lào Cai", "TP.Lào Cai", "P.Cốc Lếu", cocLeu},
		{"Lao Cai", "Tp Lao Cai", "Coc Leu", cocLeu},
		{"Yên Bái", "TP Yên Bái", "Phường Yên Thịnh", yenThinh},
		{"Lào Cai", "", "TT. Bát Xát", Location{ProvinceCodePre2025: "10", DistrictCode: "082", CommuneCodePre2025: "02683", ProvinceCode2025: "15", CommuneCode2025: "02683"}},
		{"Lào Cai", "Tx. Sa Pa", "Phường Cầu Mây", Location{ProvinceCodePre2025: "10", DistrictCode: "088", CommuneCodePre2025: "03028", ProvinceCode2025: "15", CommuneCode2025: "03006"}},
		{"Lào Cai", "thị xã Sa Pa", "Sa Pả", Location{ProvinceCodePre2025: "10", DistrictCode: "088", CommuneCodePre2025: "03002", ProvinceCode2025: "15", CommuneCode2025: "03006"}},
		{"Lào Cai", "thị xã Sa Pa", "Phường Sa Pa", Location{ProvinceCodePre2025: "10", DistrictCode: "088", CommuneCodePre2025: "03001", ProvinceCode2025: "15", CommuneCode2025: "03006"}},
		// hoà / hòa: the file's spelling and ours differ in tone placement.
		{"Lào Cai", "", "Xã Vạn Hòa", Location{ProvinceCodePre2025: "10", DistrictCode: "080", CommuneCodePre2025: "02665", ProvinceCode2025: "15", CommuneCode2025: "02647"}},
		{"Lào Cai", "", "Xã Vạn Hoà", Location{ProvinceCodePre2025: "10", DistrictCode: "080", CommuneCodePre2025: "02665", ProvinceCode2025: "15", CommuneCode2025: "02647"}},
	} {
		got, warns, err := r.ResolveLocation(c.p, c.d, c.c, q1of2025)
		if err != nil || got != c.want || len(warns) > 0 {
			t.Errorf("ResolveLocation(%q, %q, %q) = %+v, %q, %v; want %+v", c.p, c.d, c.c, got, warns, err, c.want)
		}
	}
}

func TestResolveLocation2025(t *testing.T) {
	r := mustRef(t)
	for _, c := range []struct {
		p, d, c   string
		want      Location
		warnsWith string
	}{
		// Xã Bát Xát (02683) is TT Bát Xát + Bản Vược + Bản Qua + Quang Kim +
		// Phìn Ngan, all of Bát Xát district: district known, old commune not.
		{"Tỉnh Lào Cai", "", "Xã Bát Xát", Location{ProvinceCodePre2025: "10", DistrictCode: "082", ProvinceCode2025: "15", CommuneCode2025: "02683"}, ""},
		{"Lào Cai", "", "X. Bat Xat", Location{ProvinceCodePre2025: "10", DistrictCode: "082", ProvinceCode2025: "15", CommuneCode2025: "02683"}, ""},
		// Phường Lào Cai spans the old city (080) and Bảo Thắng (086).
		{"Lào Cai", "", "Phường Lào Cai", Location{ProvinceCodePre2025: "10", ProvinceCode2025: "15", CommuneCode2025: "02647"}, "nhiều huyện"},
		// A stale district that holds exactly one of the old communes pins
		// both the district and the old commune.
		{"Lào Cai", "Huyện Bát Xát", "Xã Cốc San", Location{ProvinceCodePre2025: "10", DistrictCode: "082", CommuneCodePre2025: "02749", ProvinceCode2025: "15", CommuneCode2025: "02746"}, ""},
		{"Lào Cai", "", "Xã Cốc San", Location{ProvinceCodePre2025: "10", ProvinceCode2025: "15", CommuneCode2025: "02746"}, "several former districts"},
		// A stale district that is not one of them is ignored, with a warning.
		{"Lào Cai", "Huyện Văn Bàn", "Xã Bát Xát", Location{ProvinceCodePre2025: "10", DistrictCode: "082", ProvinceCode2025: "15", CommuneCode2025: "02683"}, "holds no part"},
		{"Lào Cai", "Quận Đống Đa", "Xã Bát Xát", Location{ProvinceCodePre2025: "10", DistrictCode: "082", ProvinceCode2025: "15", CommuneCode2025: "02683"}, "abolished"},
		// Old names in a file after the reform: both generations, no warning.
		{"Lào Cai", "TP Yên Bái", "Phường Yên Thịnh", Location{ProvinceCodePre2025: "15", DistrictCode: "132", CommuneCodePre2025: "04249", ProvinceCode2025: "15", CommuneCode2025: "04279"}, ""},
		{"Lào Cai", "Thành phố Lào Cai", "Phường Cốc Lếu", Location{ProvinceCodePre2025: "10", DistrictCode: "080", CommuneCodePre2025: "02644", ProvinceCode2025: "15", CommuneCode2025: "02647"}, ""},
		{"Yên Bái", "", "Phường Yên Thịnh", Location{ProvinceCodePre2025: "15", DistrictCode: "132", CommuneCodePre2025: "04249", ProvinceCode2025: "15", CommuneCode2025: "04279"}, ""},
	} {
		got, warns, err := r.ResolveLocation(c.p, c.d, c.c, q3of2025)
		joined := strings.Join(warns, "\n")
		if err != nil || got != c.want || (c.warnsWith == "") != (len(warns) == 0) || !strings.Contains(joined, c.warnsWith) {
			t.Errorf("ResolveLocation(%q, %q, %q) = %+v, %q, %v; want %+v with a warning containing %q", c.p, c.d, c.c, got, warns, err, c.want, c.warnsWith)
		}
		for _, w := range warns {
			if !strings.Contains(w, " / ") {
				t.Errorf("warning %q is not Vietnamese / English", w)
			}
		}
	}
}

func TestResolveLocationGenerationOrder(t *testing.T) {
	r := mustRef(t)
	// "Hợp Thành" is a commune of both generations (old 02680, new 02680,
	// the new one also taking Tả Phời). Before the reform the old one is
	// meant, after it the new one.
	pre, _, err := r.ResolveLocation("Lào Cai", "", "Xã Hợp Thành", q1of2025)
	if err != nil || pre.CommuneCodePre2025 != "02680" || pre.CommuneCode2025 != "02680" {
		t.Errorf("before the reform: %+v, %v", pre, err)
	}
	post, _, err := r.ResolveLocation("Lào Cai", "", "Xã Hợp Thành", q3of2025)
	if err != nil || post.CommuneCode2025 != "02680" || post.CommuneCodePre2025 != "" || post.DistrictCode != "080" {
		t.Errorf("after the reform: %+v, %v", post, err)
	}
	// A 2025 name in a file dated before the reform resolves, with a warning.
	loc, warns, err := r.ResolveLocation("Lào Cai", "", "Xã Bảo Thắng", q1of2025)
	if err != nil || loc.CommuneCode2025 != "02905" || len(warns) == 0 || !strings.Contains(warns[0], "before 1 July 2025") {
		t.Errorf("2025 name before the reform: %+v, %q, %v", loc, warns, err)
	}
}

func TestResolveLocationErrors(t *testing.T) {
	r := mustRef(t)
	for _, c := range []struct {
		p, d, c string
		asOf    time.Time
		kind    error
		mention string // in the message (did-you-mean)
	}{
		{"Hà Nội", "", "Phường Cốc Lếu", q1of2025, ErrOutsideProvince, "Hà Nội"},
		{"Thành phố Hà Nội", "", "Phường Ba Đình", q3of2025, ErrOutsideProvince, "outside"},
		{"Lào Kai", "", "Phường Cốc Lếu", q1of2025, ErrUnknownProvince, "did you mean Lào Cai"},
		{"Lào Cai", "", "Xã Bản Vượt", q1of2025, ErrUnknownCommune, "Xã Bản Vược"},
		{"Lào Cai", "", "Phường Cốc Lết", q3of2025, ErrUnknownCommune, "Phường Cốc Lếu"},
		{"Lào Cai", "Huyện Bát Sát", "Bản Vược", q1of2025, ErrUnknownDistrict, "did you mean Huyện Bát Xát"},
		{"Lào Cai", "Huyện Bát Sát", "Bản Vược", q3of2025, ErrUnknownDistrict, "Huyện Bát Xát"},
		{"Lào Cai", "", "Xã Không Có", q1of2025, ErrUnknownCommune, "unknown commune"},
		{"Lào Cai", "Huyện Bát Xát", "", q1of2025, ErrMissingCommune, "missing"},
	} {
		_, _, err := r.ResolveLocation(c.p, c.d, c.c, c.asOf)
		var le *LocationError
		if !errors.As(err, &le) || !errors.Is(err, c.kind) {
			t.Errorf("ResolveLocation(%q, %q, %q) error %v, want %v", c.p, c.d, c.c, err, c.kind)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, c.mention) || !strings.Contains(msg, " / ") {
			t.Errorf("ResolveLocation(%q, %q, %q) error %q should mention %q, Vietnamese / English", c.p, c.d, c.c, msg, c.mention)
		}
	}
}

// A commune name shared by two districts needs the district; the tables of
// the province have none such, so this uses a copy of them with one added.
func TestResolveLocationAmbiguousAndSplit(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range []string{refFileLegalForms, refFileStatuses, refFileVSICSections, refFileVSICCodes, refFileDistricts, refFileCommunes2025} {
		b, err := dpisql.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	communes, _ := dpisql.FS.ReadFile(refFileCommunesPre2025)
	links, _ := dpisql.FS.ReadFile(refFileCrosswalk)
	// A second "Bản Vược" in Văn Bàn (089), and Cốc Lếu split between
	// Phường Lào Cai and Phường Cam Đường.
	fsys[refFileCommunesPre2025] = &fstest.MapFile{Data: append(communes, "10,089,09999,Bản Vược,Xã,Ban Vuoc\n"...)}
	fsys[refFileCrosswalk] = &fstest.MapFile{Data: append(
		[]byte(strings.Replace(string(links), "02644,02647,full", "02644,02647,partial\n02644,02671,partial", 1)),
		"09999,03103,full\n"...)}
	r, err := loadRef(fsys)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = r.ResolveLocation("Lào Cai", "", "Xã Bản Vược", q1of2025)
	if !errors.Is(err, ErrAmbiguousCommune) || !strings.Contains(err.Error(), "Huyện Văn Bàn") {
		t.Errorf("ambiguous name without district: %v", err)
	}
	loc, _, err := r.ResolveLocation("Lào Cai", "Văn Bàn", "Xã Bản Vược", q1of2025)
	if err != nil || loc.CommuneCodePre2025 != "09999" {
		t.Errorf("ambiguous name with district: %+v, %v", loc, err)
	}
	loc, warns, err := r.ResolveLocation("Lào Cai", "TP Lào Cai", "Phường Cốc Lếu", q1of2025)
	if err != nil || loc.CommuneCodePre2025 != "02644" || loc.CommuneCode2025 != "" || loc.ProvinceCode2025 != "15" ||
		len(warns) != 1 || !strings.Contains(warns[0], "split between") {
		t.Errorf("split commune: %+v, %q, %v", loc, warns, err)
	}
}

func TestResolveLocationCache(t *testing.T) {
	r := mustRef(t)
	a, wa, ea := r.ResolveLocation("Lào Cai", "", "Phường Lào Cai", q3of2025)
	b, wb, eb := r.ResolveLocation("Lào Cai", "", "Phường Lào Cai", time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC))
	if a != b || ea != nil || eb != nil || len(wa) != len(wb) {
		t.Errorf("same texts, same generation: %+v %+v", a, b)
	}
	// Appending to a returned warning list must not change the cache.
	_ = append(wa, "x")
	_, wc, _ := r.ResolveLocation("Lào Cai", "", "Phường Lào Cai", q3of2025)
	if len(wc) != 1 {
		t.Errorf("cached warnings changed: %q", wc)
	}
}

func BenchmarkResolveLocationRepeat(b *testing.B) {
	r := mustRef(b)
	for b.Loop() {
		r.ResolveLocation("Tỉnh Lào Cai", "Thành phố Lào Cai", "Phường Cốc Lếu", q1of2025)
	}
}
