package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/laocai-dpi/dpi/ingest"
	"github.com/laocai-dpi/dpi/ingest/pci"
	"github.com/laocai-dpi/dpi/warehouse"
)

func newDemoCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Nạp dữ liệu MẪU (không phải số liệu thật) / load SAMPLE data (not real figures)",
		Long: `Nạp dữ liệu mẫu do máy sinh ra (PCI 2017–2019, đánh dấu "mẫu" ở mọi nơi hiển thị).
Chạy lại nhiều lần không thay đổi gì; không bao giờ ghi đè số liệu thật.
Loads generated sample data (PCI 2017–2019, marked as sample wherever shown).
Idempotent; never overwrites real figures.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			ctx := c.Context()
			parser, wh, err := openForPCILoad(ctx, g)
			if err != nil {
				return err
			}
			defer wh.Close()
			real, err := wh.RealPCIYears(ctx)
			if err != nil {
				return err
			}
			for _, y := range pci.SampleYears {
				if real[y] {
					fmt.Printf("PCI %d đã có số liệu thật, bỏ qua dữ liệu mẫu / PCI %d has real figures: sample not loaded\n", y, y)
					return nil
				}
			}
			data := parser.SampleCSV()
			rels, err := parser.Parse(pci.SampleFileName, data, 0)
			if err != nil {
				return err
			}
			res, err := wh.LoadPCI(ctx, warehouse.PCILoad{FileName: pci.SampleFileName, Data: data,
				SHA256: ingest.SHA256(data), Releases: rels, LoadedBy: "dpi demo", IsSample: true})
			if err != nil {
				return err
			}
			fmt.Printf("Dữ liệu MẪU / SAMPLE data: %s %s years=%v\n", pci.SampleFileName, res.Outcome, res.Years)
			return nil
		},
	}
}
