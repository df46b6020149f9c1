package content

import (
	"context"
	"time"
)

// RunScheduler runs PublishDue at once — at the server's start, so items
// whose time passed while it was down are published then, marked late — and
// then every interval (default one minute) until ctx ends. report, when not
// nil, is called after every run that published something or failed.
func (s *Service) RunScheduler(ctx context.Context, every time.Duration, report func([]*Item, error)) {
	if every <= 0 {
		every = time.Minute
	}
	run := func() {
		items, err := s.PublishDue(ctx, s.now())
		if report != nil && (len(items) > 0 || err != nil) {
			report(items, err)
		}
	}
	run()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			run()
		}
	}
}
