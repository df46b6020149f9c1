package province

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedData is ../shared/data next to the module, as in DESIGN.md.
const sharedData = "../../../shared/data"

// readShared reads a CSV file under shared/data into maps keyed by header;
// it skips the test when the shared folder is absent.
func readShared(t *testing.T, rel string) []map[string]string {
	t.Helper()
	f, err := os.Open(sharedPath(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: empty", rel)
	}
	out := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[strings.TrimPrefix(h, "\ufeff")] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

func sharedPath(t *testing.T, rel string) string {
	t.Helper()
	if _, err := os.Stat(sharedData); os.IsNotExist(err) {
		t.Skipf("%s is absent", sharedData)
	}
	return filepath.Join(sharedData, filepath.FromSlash(rel))
}

// readDVHCVN reads the pre-merger list: code → [name, type, ascii].
func readDVHCVN(t *testing.T) map[string][3]string {
	t.Helper()
	b, err := os.ReadFile(sharedPath(t, "admin/dvhcvn_20250301_sorted_pre_merger.json"))
	if err != nil {
		t.Fatal(err)
	}
	var nodes [][]any
	if err := json.Unmarshal(b, &nodes); err != nil {
		t.Fatal(err)
	}
	out := map[string][3]string{}
	for _, n := range nodes {
		code, _ := n[0].(string)
		name, _ := n[1].(string)
		typ, _ := n[2].(string)
		ascii, _ := n[3].(string)
		out[code] = [3]string{name, typ, ascii}
	}
	return out
}

func mustLoad(t *testing.T) *Registry {
	t.Helper()
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return r
}
