package main

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"path/filepath"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/pci"
	"github.com/laocai-dpi/dpi/warehouse"
)

func newIngestCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ingest",
		Short: "Nạp tệp vào kho dữ liệu / load files into the warehouse",
	}
	var year int
	var by string
	pciCmd := &cobra.Command{
		Use:   "pci FILE...",
		Short: "Nạp bảng PCI của VCCI (xls, xlsx, csv) / load VCCI PCI releases",
		Long: `Nạp các tệp PCI do VCCI công bố (xls, xlsx) hoặc CSV dạng dài (year,province,subindex,value).
Mỗi tệp nạp trọn vẹn hoặc không nạp gì; nạp lại cùng tệp không thay đổi gì.
Loads PCI releases as VCCI publishes them (xls, xlsx) or the long CSV
(year,province,subindex,value). Each file loads whole or not at all; the same
file twice changes nothing; a corrected file for a year replaces that year and
keeps the old figures as history.

Exit: 0 all loaded, 1 some file rejected (reason on stderr), 2 usage error.`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			return runIngestPCI(c.Context(), g, args, year, by)
		},
	}
	pciCmd.Flags().IntVar(&year, "year", 0, "năm của bảng PCI nếu tệp không ghi rõ / edition year when the file does not say")
	pciCmd.Flags().StringVar(&by, "by", currentUser(), "người nạp (ghi vào nhật ký) / who loads (for the ingest log)")
	cmd.AddCommand(pciCmd, newIngestBusinessesCmd(g))
	return cmd
}

func currentUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "unknown"
}

func runIngestPCI(ctx context.Context, g *globals, files []string, year int, by string) error {
	parser, wh, err := openForPCILoad(ctx, g)
	if err != nil {
		return err
	}
	defer wh.Close()
	bar := progressbar.NewOptions(len(files),
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription("Nạp PCI / loading PCI"),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetVisibility(isTerminal(os.Stderr)))
	rejected := 0
	for _, f := range files {
		res, notes, err := loadPCIFile(ctx, wh, parser, f, year, by)
		bar.Add(1)
		if err != nil {
			rejected++
			bar.Clear()
			fmt.Fprintf(os.Stderr, "TỪ CHỐI / REJECTED %s\n", err)
			continue
		}
		bar.Clear()
		fmt.Printf("%s\t%s\tyears=%v\trows=%d\n", filepath.Base(f), res.Outcome, res.Years, res.Rows)
		for _, n := range notes {
			fmt.Fprintf(os.Stderr, "  ghi chú / note: %s\n", n)
		}
	}
	bar.Finish()
	if rejected > 0 {
		return &exitError{code: 1, err: fmt.Errorf("%d/%d tệp bị từ chối, kho dữ liệu không đổi với các tệp đó / %d of %d files rejected; the warehouse is unchanged by them", rejected, len(files), rejected, len(files))}
	}
	return nil
}

// loadPCIFile parses and loads one file, and records the attempt whatever
// happens. notes are what the parser saw and set aside (stale sheets, VCCI's
// own misspellings), for the user to read.
func loadPCIFile(ctx context.Context, wh *warehouse.Warehouse, parser *pci.Parser, path string, year int, by string) (res warehouse.LoadResult, notes []string, err error) {
	name := filepath.Base(path)
	data, err := os.ReadFile(path)
	sha := ""
	if err == nil {
		sha = ingest.SHA256(data)
	}
	defer func() {
		a := warehouse.Attempt{Kind: "pci", File: name, SHA256: sha, By: by, Outcome: res.Outcome, Years: res.Years, IngestID: res.IngestID}
		if err != nil {
			a.Outcome, a.Message = warehouse.OutcomeRejected, err.Error()
		}
		if aerr := warehouse.Audit(wh.Dir(), a); aerr != nil && err == nil {
			err = aerr
		}
	}()
	if err != nil {
		return res, nil, err
	}
	rels, err := parser.Parse(name, data, year)
	if err != nil {
		return res, nil, err
	}
	for _, r := range rels {
		for _, n := range r.Notes {
			notes = append(notes, fmt.Sprintf("%d: %s", r.Year, n))
		}
	}
	res, err = wh.LoadPCI(ctx, warehouse.PCILoad{FileName: name, Data: data, SHA256: sha, Releases: rels, LoadedBy: by})
	return res, notes, err
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// openForPCILoad gives what every PCI load needs: the parser with its
// reference tables and the warehouse opened read-write.
func openForPCILoad(ctx context.Context, g *globals) (*pci.Parser, *warehouse.Warehouse, error) {
	parser, err := pci.NewParser()
	if err != nil {
		return nil, nil, err
	}
	wh, err := warehouse.Open(ctx, g.dataDir, warehouse.Options{})
	if err != nil {
		return nil, nil, err
	}
	return parser, wh, nil
}
