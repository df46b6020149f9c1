package portal_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/laocai-dpi/dpi/dashboards/pcitest"
	"github.com/laocai-dpi/dpi/portal"
)

// newOfficialServer serves VCCI's own workbooks of years.
func newOfficialServer(t *testing.T, years ...int) (*httptest.Server, *pcitest.Fixture) {
	t.Helper()
	f := pcitest.OpenOfficial(t, years...)
	srv := httptest.NewServer(portal.New(f.DB, portal.Options{Logger: testLogger(t)}))
	t.Cleanup(srv.Close)
	return srv, f
}

func TestCompareIndicator(t *testing.T) {
	srv, _ := newOfficialServer(t, 2010, 2011, 2012, 2016)
	const c1 = "Thời gian đăng ký kinh doanh - số ngày (Giá trị trung vị)"

	t.Run("bars of an indicator", func(t *testing.T) {
		r := get(t, srv, "/pci/compare?p=01,10&chart=bar&measure=score&subindex=entry_costs&year=2011&gen=pre2025&indicator=c1")
		if r.Status != 200 {
			t.Fatalf("%d %s", r.Status, r.Body)
		}
		mustContain(t, r.Body, c1+" (c1), 2011", `<select name="indicator" id="indicator">`,
			`<option value="c1" selected>`+c1+` (c1)</option>`, `<option value="">`,
			`href="/pci/compare.csv?p=01,10&amp;chart=bar&amp;measure=score&amp;subindex=entry_costs&amp;year=2011&amp;gen=pre2025&amp;indicator=c1"`,
			"tính trên các tỉnh có giá trị năm đó")
		// no indicator select before a sub-index is chosen
		mustNotContain(t, get(t, srv, "/pci/compare?p=01&year=2011").Body, `name="indicator"`)
	})

	t.Run("API and csv carry the published figures", func(t *testing.T) {
		r := get(t, srv, "/api/v1/pci/compare?p=01&chart=bar&subindex=entry_costs&indicator=oss&year=2016")
		var out struct {
			Query     struct{ Indicator string }
			Indicator struct{ Code, Name string }
			Provinces []struct {
				Series []struct {
					Points []struct {
						Year     int
						Subindex string
						Score    float64
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(r.Body), &out); err != nil {
			t.Fatalf("%v %s", err, r.Body)
		}
		pts := out.Provinces[0].Series[0].Points
		if out.Query.Indicator != "oss" || out.Indicator.Code != "oss" || !strings.Contains(out.Indicator.Name, "bộ phận Một cửa") ||
			len(pts) != 1 || pts[0].Score != 0.9942857027053833 || pts[0].Subindex != "oss" {
			t.Errorf("%s", r.Body)
		}
		csv := get(t, srv, "/pci/compare.csv?p=01&chart=table&subindex=entry_costs&indicator=c1&year=2011").Body
		if !strings.Contains(csv, "Hà Nội") || !strings.Contains(csv, ",2011") || !strings.Contains(csv, ",10") {
			t.Errorf("csv %s", csv)
		}
	})

	t.Run("a line leaves out what cannot be compared, and says so", func(t *testing.T) {
		r := get(t, srv, "/pci/compare?p=10&chart=line&subindex=entry_costs&indicator=c2&year=2012&lang=en")
		mustContain(t, r.Body, "Years left out, where the code c2 names a different indicator: 2016.",
			"Years left out, with no indicator coded c2 (VCCI printed no indicator codes before 2011): 2010.", ", 2011–2012")
	})

	t.Run("bad choices", func(t *testing.T) {
		for q, msg := range map[string]string{
			"p=10&subindex=entry_costs&indicator=c1&year=2016": `2016 has no indicator with code &#34;c1&#34;`,
			"p=10&indicator=c1": "Choose a sub-index before the indicator",
			"p=10&chart=radar&subindex=entry_costs&indicator=c1": "A radar compares sub-indices, not indicators",
		} {
			r := get(t, srv, "/pci/compare?"+q+"&lang=en")
			if r.Status != 400 {
				t.Errorf("%s: %d", q, r.Status)
			}
			mustContain(t, r.Body, msg)
		}
	})
}
