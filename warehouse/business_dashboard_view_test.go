package warehouse_test

import (
	"testing"

	"github.com/laocai-dpi/dpi/dashboards/biztest"
)

// business_quarterly_communes is business_quarterly with the 2025 commune in
// the group: summed over the commune it gives business_quarterly's rows,
// exactly (both ways, NULLs included).
func TestBusinessQuarterlyCommunesSumsToQuarterly(t *testing.T) {
	f := biztest.Open(t)
	const summed = `SELECT quarter, province_code_pre2025, district_code, province_code_2025, vsic_section, legal_form,
		sum(new_count)::BIGINT, sum(new_capital_vnd)::BIGINT, sum(dissolved_count)::BIGINT, sum(suspended_count)::BIGINT,
		sum(resumed_count)::BIGINT, sum(active_count)::BIGINT, bool_or(is_sample)
	FROM business_quarterly_communes GROUP BY ALL`
	const direct = `SELECT quarter, province_code_pre2025, district_code, province_code_2025, vsic_section, legal_form,
		new_count, new_capital_vnd, dissolved_count, suspended_count, resumed_count, active_count, is_sample
	FROM business_quarterly`
	for _, q := range []string{
		"SELECT count(*) FROM (" + summed + " EXCEPT ALL " + direct + ")",
		"SELECT count(*) FROM (" + direct + " EXCEPT ALL " + summed + ")",
	} {
		var n int
		if err := f.DB.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d rows differ", n)
		}
	}
	var rows, communes int
	if err := f.DB.QueryRow(`SELECT count(*), count(DISTINCT commune_code_2025) FROM business_quarterly_communes`).Scan(&rows, &communes); err != nil {
		t.Fatal(err)
	}
	if rows == 0 || communes < 10 {
		t.Errorf("%d rows, %d communes", rows, communes)
	}
}
