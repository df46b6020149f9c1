//go:build duckdb_arrow

package warehouse

import "testing"

func TestBufferPoolSizeClasses(t *testing.T) {
	for n := 1; n < 1<<20; n += 1 + n/97 {
		c := sizeClass(n)
		if classSize(c) < n || c > 0 && classSize(c-1) >= n {
			t.Fatalf("sizeClass(%d) = %d of %d bytes; class below %d bytes", n, c, classSize(c), classSize(c-1))
		}
		if n > 64 && classSize(c) > n+n/8+1 {
			t.Fatalf("sizeClass(%d): %d bytes, more than an eighth over", n, classSize(c))
		}
	}
	var p bufferPool
	b := p.get(1000)
	if cap(b) < 1000 {
		t.Fatal(cap(b))
	}
	p.Free(append(b[:0], make([]byte, 5000)...)) // grown past its class
	if got := p.get(4000); cap(got) < 4000 {
		t.Fatalf("a slice of %d bytes for 4000", cap(got))
	}
}
