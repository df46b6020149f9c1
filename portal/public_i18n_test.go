package portal

import "testing"

func TestSiteMessagesSameKeys(t *testing.T) {
	for k := range siteMessages["vi"] {
		if _, ok := siteMessages["en"][k]; !ok {
			t.Errorf("en lacks %q", k)
		}
	}
	for k := range siteMessages["en"] {
		if _, ok := siteMessages["vi"][k]; !ok {
			t.Errorf("vi lacks %q", k)
		}
	}
}
