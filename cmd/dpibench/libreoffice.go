package main

// The LibreOffice check of the export benchmark: the issue's "the 1M-row
// export opens in LibreOffice with every row present", measured rather
// than assumed. soffice converts every sheet of our xlsx and ods to CSV;
// the data sheets' records are counted with encoding/csv (a quoted field
// may hold a line break) and compared with the rows exported.

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// libreOfficeCheck converts path and reports how many data rows LibreOffice
// read, against want.
func libreOfficeCheck(dir, path string, want int) error {
	soffice := ""
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		fmt.Printf("  LibreOffice: not installed, %s not checked\n", filepath.Base(path))
		return nil
	}
	out, err := os.MkdirTemp(dir, "lo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	version, _ := exec.Command(soffice, "--version").Output()
	start := time.Now()
	// Filter options: comma, double quote, UTF-8, from line 1, …, -1 = every sheet.
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(out, "profile"), "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", out, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("soffice %s: %v\n%s", path, err, b)
	}
	took := time.Since(start)
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	sheets, _ := filepath.Glob(filepath.Join(out, base+"-*.csv"))
	rows, data := 0, 0
	for _, s := range sheets {
		sheet := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(s), base+"-"), ".csv")
		if !strings.HasPrefix(sheet, "Dữ liệu") && !strings.HasPrefix(sheet, "Data") {
			continue // the metadata sheet
		}
		n, err := csvRecords(s)
		if err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
		rows += n - 1 // each data sheet repeats the header
		data++
	}
	verdict := "every row present"
	if rows != want {
		verdict = "ROWS MISSING"
	}
	fmt.Printf("  %s opens %s: %d data rows on %d sheet(s) of %d exported, %s (converted in %v)\n",
		strings.TrimSpace(strings.SplitN(string(version), "(", 2)[0]), filepath.Base(path), rows, data, want, verdict, took.Round(time.Second))
	if rows != want {
		return errors.New("LibreOffice did not read every exported row")
	}
	return nil
}

func csvRecords(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	n := 0
	for {
		_, err := r.Read()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}
