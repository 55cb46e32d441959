// Uses the Go package `cdylib bindings --lang go` generates for libbnd: no cgo by hand but for one C buffer.
// Every function of the library is called, and each result checked.
// The build writes the package to target/debug/bindings/go/bnd/, where it links the library one folder up
// (with an rpath to it): a go.mod of `require bnd v0.0.0` and `replace bnd => PATH/target/debug/bindings/go/bnd`.
// Exits non-zero on failure.
package main

/*
#include <stdlib.h>
*/
import "C"

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"unsafe"

	"bnd"
)

func check(condition bool, format string, arguments ...any) {
	if !condition {
		fmt.Fprintf(os.Stderr, "bindings_consumer.go: check failed: "+format+"\n", arguments...)
		os.Exit(1)
	}
}

// must is the value of a call that must succeed.
func must[T any](value T, err error) T {
	check(err == nil, "unexpected error: %v", err)
	return value
}

// code is the library's code of an error the call must return.
func code(err error) int32 {
	var failure *bnd.Error
	check(errors.As(err, &failure), "expected a *bnd.Error, got %v", err)
	return failure.Code
}

// panicked is the value f panics with (nil when it does not).
func panicked(f func()) (value any) {
	defer func() { value = recover() }()
	f()
	return nil
}

func main() {
	// The library's own version and hash, against the ones the package was generated from.
	check(bnd.BndInit() == nil, "init")
	check(bnd.AbiVersion == 3 && must(bnd.BndAbiVersion()) == 3, "abi version")
	check(must(bnd.BndApiHash()) == bnd.ApiHash, "api hash")

	// Strings both ways (non-ASCII too), and recorded errors returned as *bnd.Error.
	check(must(bnd.BndGreet("Go")) == "Hello, Go!", "greet")
	check(must(bnd.BndGreet("wörld")) == "Hello, wörld!", "greet non-ASCII")
	hello := "héllo"
	check(must(bnd.BndLength(&hello)) == 5 && must(bnd.BndLength(nil)) == -1, "length")
	abc := "abc"
	check(*must(bnd.BndUpper(&abc)) == "ABC" && must(bnd.BndUpper(nil)) == nil, "upper")
	check(must(bnd.BndRepeat("ab", 3)) == "ababab", "repeat")
	_, err := bnd.BndRepeat("x", -1)
	check(code(err) == bnd.ErrorCodeInvalidArgument, "repeat -1: %v", err)

	// What C would silently mangle is refused before the call: a NUL would cut the text short, and
	// invalid UTF-8 is not text.
	_, err = bnd.BndGreet("nul\x00cut")
	check(code(err) == bnd.ErrorCodeInvalidArgument && strings.Contains(err.Error(), "NUL character at byte 3"), "NUL: %v", err)
	_, err = bnd.BndGreet("bad \xff")
	check(code(err) == bnd.ErrorCodeInvalidUtf8 && strings.Contains(err.Error(), "not valid UTF-8"), "invalid UTF-8: %v", err)

	// out parameters come back as results after the result; the status form returns an error instead of a code.
	found, key, value, err := bnd.BndSplit("key=value")
	check(err == nil && found && key == "key" && value != nil && *value == "value", "split")
	found, key, value, err = bnd.BndSplit("novalue")
	check(err == nil && !found && key == "novalue" && value == nil, "split without '='")
	quotient, remainder, err := bnd.BndDivide(17, 5)
	check(err == nil && quotient == 3 && remainder == 2, "divide")
	_, _, err = bnd.BndDivide(1, 0)
	check(err != nil, "divide by zero")
	check(must(bnd.BndParse("1234")) == 1234, "parse")
	_, err = bnd.BndParse("12x")
	check(code(err) == bnd.ErrorCodeInvalidArgument && strings.Contains(err.Error(), "'12x' is not a number"), "parse 12x: %v", err)
	check(must(bnd.BndUtf8Length("héllo")) == 6, "utf8 length")

	// Spans from slices (lent, not copied), arrays back as slices, a writable span changed in place.
	check(must(bnd.BndChecksum([]byte("abc"))) == 440920331, "checksum")
	check(must(bnd.BndChecksum(nil)) == 2166136261, "checksum of nothing")
	check(must(bnd.BndSum([]int32{1, -2, 30, 400})) == 429, "sum")
	doubled := []float64{1.5, -2.0}
	check(bnd.BndDoubleAll(doubled) == nil && reflect.DeepEqual(doubled, []float64{3.0, -4.0}), "double all: %v", doubled)
	check(reflect.DeepEqual(must(bnd.BndSquares(5)), []int32{0, 1, 4, 9, 16}), "squares")
	reversed := must(bnd.BndReverseBytes("abc"))
	check(string(reversed) == "cba", "reverse bytes")
	empty := must(bnd.BndReverseBytes(""))
	check(empty != nil && len(empty) == 0, "reverse nothing: an empty slice, not nil")
	check(must(bnd.BndNothing()) == nil, "nothing: nil")

	// ref/in values: the new value of a ref comes back as a result; optional values are pointers; enums named integers.
	check(must(bnd.BndBump(40, 2)) == 42, "bump")
	check(must(bnd.BndToggle(false)) == true, "toggle")
	forty := int64(41)
	check(must(bnd.BndIncrementOptional(nil)) == -1 && must(bnd.BndIncrementOptional(&forty)) == 42, "increment optional")
	check(must(bnd.BndNextColor(bnd.ColorBlue)) == bnd.ColorRed, "next color")
	_, err = bnd.BndNextColor(bnd.Color(3))
	check(code(err) == bnd.ErrorCodeInvalidArgument, "next color 3: %v", err)
	check(must(bnd.BndReverseOutcome(bnd.OutcomeLost)) == bnd.OutcomeWon, "reverse outcome")
	check(must(bnd.BndReverseOutcome(bnd.OutcomeWorst)) == bnd.OutcomeWon, "reverse worst")
	check(must(bnd.BndWiden(bnd.WideLow)) == bnd.WideLow|bnd.WideHigh, "widen")

	// Structs by value, by ref (the new value comes back, the argument is left as it was) and in, in slices.
	box := bnd.Box{Min: bnd.Point{X: 1, Y: 2}, Max: bnd.Point{X: 4, Y: 6}, Fill: bnd.ColorBlue}
	check(must(bnd.BndBoxArea(box)) == 12, "box area")
	moved := must(bnd.BndTranslate(box, bnd.Point{X: 10, Y: -1}))
	check(moved.Min.X == 11 && moved.Max.Y == 5 && moved.Fill == bnd.ColorBlue, "translate: %+v", moved)
	upsideDown := bnd.Box{Min: bnd.Point{X: 4, Y: 6}, Max: bnd.Point{X: 1, Y: 2}, Fill: bnd.ColorRed}
	normal := must(bnd.BndNormalize(upsideDown))
	check(normal == bnd.Box{Min: bnd.Point{X: 1, Y: 2}, Max: bnd.Point{X: 4, Y: 6}, Fill: bnd.ColorRed}, "normalize: %+v", normal)
	check(upsideDown.Min.X == 4, "normalize left its argument")
	check(must(bnd.BndCentroid([]bnd.Point{{X: 0, Y: 0}, {X: 4, Y: 2}})) == bnd.Point{X: 2, Y: 1}, "centroid")
	_, err = bnd.BndCentroid(nil)
	check(code(err) == bnd.ErrorCodeInvalidArgument, "centroid of nothing: %v", err)
	check(reflect.DeepEqual(must(bnd.BndCorners(box)), []bnd.Point{{X: 1, Y: 2}, {X: 4, Y: 2}, {X: 4, Y: 6}, {X: 1, Y: 6}}), "corners")
	// A struct's pointer field must point at C memory (cgo refuses a Go pointer inside what it lends C).
	samples := C.malloc(3 * 8)
	defer C.free(samples)
	copy(unsafe.Slice((*float64)(samples), 3), []float64{1.5, 2.5, 3.0})
	check(must(bnd.BndSamplesSum(bnd.Samples{Tag: 1, Values: samples, Count: 3})) == 7.0, "samples sum")
	// cgo cannot lay out a packed struct whose fields lie off their alignment: refused, not called wrongly.
	_, err = bnd.BndPacked(7, -5)
	check(code(err) == bnd.ErrorCodeNotSupported && strings.Contains(err.Error(), "cannot be called from Go"), "packed: %v", err)

	// Callbacks are Go funcs (the user data is the package's business); a panic in one panics again once the
	// call returns, and the func is not called after it.
	var seen []int32
	sum := must(bnd.BndForEach(4, func(item int32) int32 {
		seen = append(seen, item)
		return item * item
	}))
	check(sum == 14 && reflect.DeepEqual(seen, []int32{0, 1, 2, 3}), "for each: %d %v", sum, seen)
	_, err = bnd.BndForEach(4, func(item int32) int32 {
		if item == 2 {
			return -1
		}
		return item
	})
	check(code(err) == bnd.ErrorCodeInvalidOperation, "for each refused: %v", err)
	seen = nil
	raised := panicked(func() {
		bnd.BndForEach(4, func(item int32) int32 {
			seen = append(seen, item)
			if item == 2 {
				panic("panicked in the func")
			}
			return item
		})
	})
	check(raised == "panicked in the func" && reflect.DeepEqual(seen, []int32{0, 1, 2}), "panic: %v %v", raised, seen)
	called := false
	err = bnd.BndCallThenFail(func() { called = true })
	check(code(err) == bnd.ErrorCodeNotSupported && called, "call then fail: %v", err)

	// Handles are values with methods (and package-level functions for static ones), closed by Close; a closed
	// one is refused with an error, not a crash.
	counter := must(bnd.CounterCreate(40))
	check(must(counter.Add(2)) == 42, "add")
	check(must(bnd.BndCounterAdd(counter, 1)) == 43, "add through the function")
	check(must(counter.Value()) == 43 && must(bnd.BndCounterValue(counter)) == 43, "value")
	check(must(counter.Describe()) == "counter at 43" && must(bnd.BndCounterDescribe(counter)) == "counter at 43", "describe")
	other := must(bnd.BndCounterNew(7))
	total := must(bnd.CounterMerge(counter, other))
	alone := must(bnd.BndCounterMerge(counter, nil))
	check(must(total.Value()) == 50 && must(alone.Value()) == 43, "merge")
	for _, value := range []*bnd.Counter{other, total, alone, counter} {
		check(value.Close() == nil, "close")
	}
	_, err = counter.Value()
	check(err != nil && strings.Contains(err.Error(), "closed Counter"), "a closed counter: %v", err)
	_, err = bnd.BndCounterMerge(counter, nil)
	check(err != nil && strings.Contains(err.Error(), "closed Counter"), "merge a closed counter: %v", err)
	_, err = bnd.BndCounterValue(nil)
	check(code(err) == bnd.ErrorCodeNullArgument, "a nil counter: %v", err)

	// The free function is the value's Close: it frees once, then the value is closed, so another Close (or
	// free) frees nothing again and takes no owner from another value.
	once := must(bnd.BndCounterNew(1))
	kept := must(bnd.BndJournalShared())
	check(must(bnd.BndLiveHandles()) == 2, "two live handles")
	check(bnd.BndCounterFree(once) == nil && must(bnd.BndLiveHandles()) == 1, "free")
	check(bnd.BndCounterFree(once) == nil && once.Close() == nil, "free again")
	shared := must(bnd.BndJournalShared()) // the same journal: one handle, two owners
	check(bnd.BndJournalFree(shared) == nil && bnd.BndJournalFree(shared) == nil && shared.Close() == nil, "free shared")
	check(kept.Write("still owned") == nil && must(kept.Text()) == "still owned\n", "kept")
	check(bnd.BndJournalFree(nil) == nil, "free nil")
	check(kept.Close() == nil && must(bnd.BndLiveHandles()) == 0, "all freed")

	disposed := must(bnd.BndJournalsDisposed())
	journal := must(bnd.JournalCreate())
	another := must(bnd.BndJournalNew())
	check(journal.Write("first") == nil && bnd.BndJournalWrite(journal, "second") == nil, "write")
	check(code(journal.Write("third\x00hidden")) == bnd.ErrorCodeInvalidArgument, "write a NUL")
	check(must(journal.Text()) == "first\nsecond\n" && must(bnd.BndJournalText(another)) == "", "text")
	check(journal.Close() == nil && another.Close() == nil, "close journals")
	check(must(bnd.JournalDisposed()) == disposed+2, "disposed")

	// One object is one handle: each return is an owner with a value of its own, each value frees once, and
	// only the last one closed disposes the object.
	disposed = must(bnd.BndJournalsDisposed())
	first := must(bnd.BndJournalShared())
	second := must(bnd.JournalShared())
	again := must(first.Self())
	more := must(bnd.BndJournalSelf(second))
	check(must(bnd.BndLiveHandles()) == 1, "one handle")
	check(again.Close() == nil && more.Close() == nil && first.Close() == nil, "close owners")
	check(second.Write("still here") == nil && must(second.Text()) == "still here\n", "still here")
	check(must(bnd.BndJournalsDisposed()) == disposed, "not disposed yet")
	check(second.Close() == nil && must(bnd.BndJournalsDisposed()) == disposed+1, "disposed by the last close")

	check(must(bnd.BndLiveAllocations()) == 0 && must(bnd.BndLiveHandles()) == 0, "nothing leaked")
	fmt.Println("bindings_consumer.go: all checks passed")
}
