package sheet

import (
	"io"
	"sync"
)

// asyncReader inflates ahead in its own goroutine, so that on a machine
// with two or more cores decompression and XML scanning overlap. Chunks
// cycle between the producer and the reader through two channels; Close
// stops the producer and waits for it, so the source is never read after
// Close returns.
type asyncReader struct {
	full  chan []byte
	free  chan []byte
	stop  chan struct{}
	exit  sync.WaitGroup
	err   error // set by the producer before it closes full
	cur   []byte
	chunk []byte // the buffer cur slices, handed back when consumed
	done  bool
	once  sync.Once
}

const (
	asyncChunk  = 256 << 10
	asyncChunks = 4
)

func newAsyncReader(src io.Reader) *asyncReader { return newCheckedReader(src, nil) }

// newCheckedReader is an asyncReader that also runs check over every chunk
// in the producer goroutine (last says it is the final chunk); an error
// from check ends the stream with that error after the chunks before it.
func newCheckedReader(src io.Reader, check func(chunk []byte, last bool) error) *asyncReader {
	a := &asyncReader{
		full: make(chan []byte, asyncChunks),
		free: make(chan []byte, asyncChunks),
		stop: make(chan struct{}),
	}
	for range asyncChunks {
		a.free <- make([]byte, asyncChunk)
	}
	a.exit.Add(1)
	go a.produce(src, check)
	return a
}

func (a *asyncReader) produce(src io.Reader, check func([]byte, bool) error) {
	defer a.exit.Done()
	defer close(a.full)
	for {
		var buf []byte
		select {
		case buf = <-a.free:
		case <-a.stop:
			return
		}
		n, err := io.ReadFull(src, buf[:cap(buf)])
		if check != nil && (err == nil || err == io.EOF || err == io.ErrUnexpectedEOF) {
			if cerr := check(buf[:n], err != nil); cerr != nil {
				a.err = cerr
				return
			}
		}
		if n > 0 {
			select {
			case a.full <- buf[:n]:
			case <-a.stop:
				return
			}
		}
		if err != nil {
			if err != io.EOF && err != io.ErrUnexpectedEOF {
				a.err = err
			}
			return
		}
	}
}

func (a *asyncReader) Read(p []byte) (int, error) {
	for len(a.cur) == 0 {
		if a.chunk != nil {
			a.free <- a.chunk[:cap(a.chunk)]
			a.chunk = nil
		}
		if a.done {
			return 0, a.finalErr()
		}
		buf, ok := <-a.full
		if !ok {
			a.done = true
			return 0, a.finalErr()
		}
		a.cur, a.chunk = buf, buf
	}
	n := copy(p, a.cur)
	a.cur = a.cur[n:]
	return n, nil
}

func (a *asyncReader) finalErr() error {
	if a.err != nil {
		return a.err
	}
	return io.EOF
}

// Close stops the producer and waits until it no longer reads the source.
func (a *asyncReader) Close() error {
	a.once.Do(func() {
		close(a.stop)
		a.exit.Wait()
	})
	return nil
}

// windowReaderAt serves ReadAt from a 1 MiB window of the file, so that
// inflating a zip entry (which reads its section a few KiB at a time)
// costs one system call per MiB rather than one per 4 KiB.
type windowReaderAt struct {
	mu  sync.Mutex
	f   io.ReaderAt
	buf []byte
	off int64 // file offset of buf[0]
	n   int   // valid bytes in buf
}

func newWindowReaderAt(f io.ReaderAt) *windowReaderAt {
	return &windowReaderAt{f: f, buf: make([]byte, 1<<20), off: -1}
}

func (w *windowReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if len(p) >= len(w.buf)/2 {
		return w.f.ReadAt(p, off)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.off < 0 || off < w.off || off+int64(len(p)) > w.off+int64(w.n) {
		n, err := w.f.ReadAt(w.buf, off)
		if n == 0 && err != nil {
			w.off, w.n = -1, 0
			return 0, err
		}
		w.off, w.n = off, n
	}
	n := copy(p, w.buf[off-w.off:w.n])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
