// Command dpi is the one binary of the DPI data platform: it ingests files
// into the warehouse, answers read-only SQL, and serves the portal.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// exitError carries a process exit code: 1 = some input was rejected,
// 2 = the command line was wrong.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func main() {
	root := newRoot()
	if err := root.ExecuteContext(context.Background()); err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			if ee.err != nil && ee.err.Error() != "" {
				fmt.Fprintln(os.Stderr, "dpi:", ee.err)
			}
			os.Exit(ee.code)
		}
		fmt.Fprintln(os.Stderr, "dpi:", err)
		os.Exit(1)
	}
}

type globals struct {
	dataDir string
}

func newRoot() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:   "dpi",
		Short: "Nền tảng dữ liệu Sở KH&ĐT / DPI data platform (PCI, đăng ký kinh doanh, cổng thông tin)",
		Long: `dpi — nền tảng dữ liệu và cổng thông tin của Sở Kế hoạch và Đầu tư.
dpi — the data platform and portals of the Department of Planning and Investment.

Mọi dữ liệu nằm trong một thư mục (--data, mặc định ./data hoặc biến DPI_DATA).
All data lives in one folder (--data, default ./data or env DPI_DATA).`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	def := os.Getenv("DPI_DATA")
	if def == "" {
		def = "./data"
	}
	root.PersistentFlags().StringVar(&g.dataDir, "data", def, "thư mục dữ liệu / data folder")
	// Usage errors exit 2, as scripts expect.
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: 2, err: fmt.Errorf("%w\n%s", err, c.UsageString())}
	})
	root.AddCommand(newIngestCmd(g), newSQLCmd(g), newServeCmd(g), newDemoCmd(g), newGenerateCmd(g))
	root.AddCommand(newUsersCmd(g))
	root.AddCommand(newBackupCmd(g), newRestoreCmd(g))
	return root
}

// usageError wraps cobra's argument validators so they exit 2.
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := v(c, args); err != nil {
			return &exitError{code: 2, err: fmt.Errorf("%w\n%s", err, c.UsageString())}
		}
		return nil
	}
}
