// Uses the Go package `cdylib bindings --lang go` generates for libtasks: each async export is a blocking
// function (Name), one whose context's end cancels the operation (NameContext), and one returning a channel
// that delivers one Result (NameAsync). The completion callbacks come on the library's threads, or inside
// the start call; goroutines wait on channels. Every function of the library is called and each result
// checked: results, failures (codes and messages), cancellation before, during and after the end, results
// nobody reads, 2,400 operations at once, then no handle or allocation left, and an exit with one running.
// The build writes the package to target/debug/bindings/go/tasks/ (a go.mod of `require tasks v0.0.0` and
// `replace tasks => PATH/target/debug/bindings/go/tasks`). Exits non-zero on failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"tasks"
)

func check(condition bool, format string, arguments ...any) {
	if !condition {
		fmt.Fprintf(os.Stderr, "tasks_bindings.go: check failed: "+format+"\n", arguments...)
		os.Exit(1)
	}
}

// must is the value of a call that must succeed.
func must[T any](value T, err error) T {
	check(err == nil, "unexpected error: %v", err)
	return value
}

// expectError checks that err is a *tasks.Error with code and a message containing text.
func expectError(err error, code int32, text string) {
	var failure *tasks.Error
	check(errors.As(err, &failure), "expected a *tasks.Error with code %d, got %v", code, err)
	check(failure.Code == code && strings.Contains(failure.Message, text), "expected code %d and %q, got %v", code, text, err)
}

// eventually waits until done holds: results nobody reads are freed when the garbage collector finds them.
func eventually(what string, done func() bool) {
	deadline := time.Now().Add(20 * time.Second)
	for !done() {
		check(time.Now().Before(deadline), "%s did not happen within 20 s", what)
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
}

func live() (int64, int64) {
	return must(tasks.TasksLiveHandles()), must(tasks.TasksLiveAllocations())
}

func nothingLive() bool {
	handles, allocations := live()
	return handles == 0 && allocations == 0
}

func main() {
	check(tasks.TasksInit() == nil, "init")
	check(must(tasks.TasksAbiVersion()) == tasks.AbiVersion, "abi version")
	check(must(tasks.TasksApiHash()) == tasks.ApiHash, "api hash")

	results()
	failures()
	cancellation()
	concurrency()

	eventually("every handle and allocation freed", nothingLive)
	exitWhileRunning()
	fmt.Println("tasks_bindings.go: all checks passed")
}

// exitWhileRunning leaves the blocking form of a method that never ends waiting in a goroutine: the
// process still exits, and the callback never comes.
func exitWhileRunning() {
	returned := make(chan error, 1)
	go func() { returned <- tasks.TasksForever() }()
	eventually("the operation started", func() bool {
		handles, _ := live()
		return handles == 1
	})
	select {
	case err := <-returned:
		check(false, "forever returned: %v", err)
	case <-time.After(20 * time.Millisecond):
	}
}

// results: each result shape through each form.
func results() {
	background := context.Background()
	check(must(tasks.TasksAddLater(2, 3, 20)) == 5, "add later")
	check(must(tasks.TasksAddLaterContext(background, 4, 5, 1)) == 9, "add later with a context")
	sum := <-tasks.TasksAddLaterAsync(background, 6, 7, 5)
	check(sum.Err == nil && sum.Value == 13, "add later through the channel: %+v", sum)
	check(must(tasks.TasksGreet("wörld")) == "hello, wörld", "greet")
	greeting := <-tasks.TasksGreetAsync(background, "Go")
	check(greeting.Err == nil && greeting.Value == "hello, Go", "greet through the channel: %+v", greeting)
	check(must(tasks.TasksSleep(5)) == 5, "sleep")
	check(must(tasks.TasksSleepContext(background, 1)) == 1, "sleep with a context")

	// Task.FromResult: the callback ran inside the start call, so the channel holds the result already.
	select {
	case even := <-tasks.TasksIsEvenAsync(background, 42):
		check(even.Err == nil && even.Value, "is even through the channel")
	default:
		check(false, "an already-complete task's result is not in its channel when the start function returned")
	}
	check(!must(tasks.TasksIsEven(7)), "is even")
	check(must(tasks.TasksIsEvenContext(background, 8)), "is even with a context")

	// A handle result is an owning *Counter; the async method is a method on it too.
	counter := must(tasks.TasksCounterLater(40))
	check(counter != nil && must(counter.Value()) == 40, "counter later")
	check(must(counter.Next()) == 41, "next")
	check(must(counter.NextContext(background)) == 42, "next with a context")
	next := <-counter.NextAsync(background)
	check(next.Err == nil && next.Value == 43, "next through the channel: %+v", next)
	check(must(tasks.TasksCounterNext(counter)) == 44, "tasks_counter_next")
	check(must(tasks.TasksCounterNextContext(background, counter)) == 45, "tasks_counter_next with a context")
	next = <-tasks.TasksCounterNextAsync(background, counter)
	check(next.Err == nil && next.Value == 46, "tasks_counter_next through the channel: %+v", next)
	check(must(tasks.TasksCounterValue(counter)) == 46, "tasks_counter_value")
	other := <-tasks.TasksCounterLaterAsync(background, -1)
	check(other.Err == nil && must(other.Value.Value()) == -1, "counter later through the channel")
	third := must(tasks.TasksCounterLaterContext(background, 3))
	check(must(third.Value()) == 3, "counter later with a context")
	check(counter.Close() == nil && other.Value.Close() == nil && tasks.TasksCounterFree(third) == nil, "close")
	handles, allocations := live()
	check(handles == 0 && allocations == 0, "after the results: %d handles, %d allocations live", handles, allocations)
}

// failures: codes and messages from the callback's thread, and arguments refused before the start.
func failures() {
	background := context.Background()
	_, err := tasks.TasksAddLater(2147483647, 1, 0)
	expectError(err, tasks.ErrorCodeOverflow, "overflow")
	overflow := <-tasks.TasksAddLaterAsync(background, 2147483647, 1, 3)
	expectError(overflow.Err, tasks.ErrorCodeOverflow, "overflow")
	check(overflow.Value == 0, "a failed operation's value is the zero value")
	expectError(tasks.TasksFailLater(1042, 5), 1042, "failed on purpose with 1042")
	expectError(tasks.TasksFailLaterContext(background, 1043, 1), 1043, "failed on purpose with 1043")
	expectError(<-tasks.TasksFailLaterAsync(background, 1044, 0), 1044, "failed on purpose with 1044")
	// A method that throws before returning a task still fails through the operation.
	expectError(tasks.TasksThrowNow("not now"), tasks.ErrorCodeInvalidOperation, "not now")
	expectError(tasks.TasksThrowNowContext(background, "not now either"), tasks.ErrorCodeInvalidOperation, "not now either")
	expectError(<-tasks.TasksThrowNowAsync(background, "nor now"), tasks.ErrorCodeInvalidOperation, "nor now")

	// Text C would cut short or mangle: the operation never starts.
	_, err = tasks.TasksGreet("nul\x00cut")
	expectError(err, tasks.ErrorCodeInvalidArgument, "NUL character")
	greeting := <-tasks.TasksGreetAsync(background, "bad \xff utf-8")
	expectError(greeting.Err, tasks.ErrorCodeInvalidUtf8, "not valid UTF-8")

	// A closed Counter is refused by the package; a stale handle by the library (the start function returns
	// NULL and never calls back). The copy keeps the handle's number after the original freed it, and has no
	// finalizer: the test's way to forge a stale handle.
	counter := must(tasks.TasksCounterLater(0))
	stale := *counter
	check(counter.Close() == nil, "close")
	_, err = counter.Next()
	expectError(err, tasks.ErrorCodeInvalidArgument, "closed Counter")
	_, err = stale.Next()
	expectError(err, tasks.ErrorCodeInvalidHandle, "")
	next := <-stale.NextAsync(background)
	expectError(next.Err, tasks.ErrorCodeInvalidHandle, "")
	handles, allocations := live()
	check(handles == 0 && allocations == 0, "after the failures: %d handles, %d allocations live", handles, allocations)
}

// cancellation: before the start, while running (with and without a token, by cancel and by deadline),
// after the end, and operations nobody waits for.
func cancellation() {
	// Before: a context already ended starts nothing.
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	expectError(tasks.TasksForeverContext(ended), tasks.ErrorCodeCancelled, "not started")
	_, err := tasks.TasksAddLaterContext(ended, 1, 2, 0)
	expectError(err, tasks.ErrorCodeCancelled, "not started")
	expired, cancelExpired := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancelExpired()
	expectError(<-tasks.TasksForeverAsync(expired), tasks.ErrorCodeTimeout, "not started")

	// During: the method sees its token set and ends CANCELLED, on one of the library's threads.
	running, cancel := context.WithCancel(context.Background())
	forever := tasks.TasksForeverAsync(running)
	time.Sleep(20 * time.Millisecond)
	select {
	case err := <-forever:
		check(false, "forever ended by itself: %v", err)
	default:
	}
	cancel()
	expectError(<-forever, tasks.ErrorCodeCancelled, "cancel")
	running, cancel = context.WithCancel(context.Background())
	sum := tasks.TasksAddLaterAsync(running, 1, 2, 60000)
	cancel()
	expectError((<-sum).Err, tasks.ErrorCodeCancelled, "cancel")

	// A method without a token ends at once as CANCELLED: its callback runs inside the cancel.
	running, cancel = context.WithCancel(context.Background())
	started := time.Now()
	go func() {
		time.Sleep(10 * time.Millisecond)
		cancel()
	}()
	_, err = tasks.TasksSleepContext(running, 60000)
	expectError(err, tasks.ErrorCodeCancelled, "cancel")
	check(time.Since(started) < 30*time.Second, "the cancelled sleep took %v", time.Since(started))

	// A deadline that passes cancels too, and says so with TIMEOUT.
	timed, cancelTimed := context.WithTimeout(context.Background(), 20*time.Millisecond)
	expectError(tasks.TasksForeverContext(timed), tasks.ErrorCodeTimeout, "deadline")
	cancelTimed()

	// After the end, the context's end changes nothing.
	finished, cancel := context.WithCancel(context.Background())
	check(must(tasks.TasksAddLaterContext(finished, 1, 1, 0)) == 2, "add later before the cancel")
	early := tasks.TasksIsEvenAsync(finished, 2)
	cancel()
	even := <-early
	check(even.Err == nil && even.Value, "is even after the cancel: %+v", even)

	// Nobody waits: each operation still ends (cancelled, or with its result), its handle is freed and a
	// string or counter that arrives is freed (the counter by its finalizer, when the collector finds it).
	for i := 0; i < 50; i++ {
		abandoned, cancel := context.WithCancel(context.Background())
		_ = tasks.TasksForeverAsync(abandoned)
		_ = tasks.TasksSleepAsync(abandoned, 60000)
		_ = tasks.TasksGreetAsync(abandoned, "unread")
		_ = tasks.TasksCounterLaterAsync(abandoned, int64(i))
		_ = tasks.TasksAddLaterAsync(abandoned, int32(i), 1, 2)
		cancel()
		_ = tasks.TasksGreetAsync(context.Background(), "unread too")
		_ = tasks.TasksCounterLaterAsync(context.Background(), int64(i))
	}
	eventually("the unread results freed", nothingLive)
}

// concurrency: 2,400 operations at once from as many goroutines, the callbacks on the library's threads,
// each result checked; 1,000 of them on one counter.
func concurrency() {
	const each = 200
	var wait sync.WaitGroup
	var mu sync.Mutex
	var wrong []string
	fail := func(format string, arguments ...any) {
		mu.Lock()
		wrong = append(wrong, fmt.Sprintf(format, arguments...))
		mu.Unlock()
	}
	counter := must(tasks.TasksCounterLater(0))
	nexts := make(chan int64, 1000)
	for i := 0; i < each; i++ {
		i := int32(i)
		wait.Add(12)
		go func() {
			defer wait.Done()
			if sum, err := tasks.TasksAddLater(i, i, i%7); err != nil || sum != 2*i {
				fail("add later %d: %d, %v", i, sum, err)
			}
		}()
		go func() {
			defer wait.Done()
			if text, err := tasks.TasksGreet(fmt.Sprint("go ", i)); err != nil || text != fmt.Sprint("hello, go ", i) {
				fail("greet %d: %q, %v", i, text, err)
			}
		}()
		go func() {
			defer wait.Done()
			if even := <-tasks.TasksIsEvenAsync(context.Background(), i); even.Err != nil || even.Value != (i%2 == 0) {
				fail("is even %d: %+v", i, even)
			}
		}()
		go func() {
			defer wait.Done()
			if err := tasks.TasksFailLater(1000+i, int32(i%3)); err == nil || !strings.Contains(err.Error(), fmt.Sprint("failed on purpose with ", 1000+i)) {
				fail("fail later %d: %v", i, err)
			}
		}()
		go func() {
			defer wait.Done()
			ctx, cancel := context.WithCancel(context.Background())
			forever := tasks.TasksForeverAsync(ctx)
			cancel()
			var failure *tasks.Error
			if err := <-forever; !errors.As(err, &failure) || failure.Code != tasks.ErrorCodeCancelled {
				fail("forever %d: %v", i, err)
			}
		}()
		go func() {
			defer wait.Done()
			made, err := tasks.TasksCounterLater(int64(i))
			if err != nil || must(made.Value()) != int64(i) {
				fail("counter later %d: %v", i, err)
			}
			made.Close()
		}()
		for k := 0; k < 5; k++ {
			go func() {
				defer wait.Done()
				value, err := counter.Next()
				if err != nil {
					fail("next: %v", err)
				}
				nexts <- value
			}()
		}
		go func() {
			defer wait.Done()
			if delay, err := tasks.TasksSleep(i % 4); err != nil || delay != i%4 {
				fail("sleep %d: %d, %v", i, delay, err)
			}
		}()
	}
	wait.Wait()
	close(nexts)
	check(len(wrong) == 0, "%d operations wrong, the first: %s", len(wrong), strings.Join(wrong, "; "))
	// Each of the 1,000 increments gave a different value: 1 to 1,000.
	var values []int64
	for value := range nexts {
		values = append(values, value)
	}
	sort.Slice(values, func(a, b int) bool { return values[a] < values[b] })
	for i, value := range values {
		check(value == int64(i+1), "the counter's values are not 1 to %d: %d at %d", len(values), value, i)
	}
	check(len(values) == 5*each && must(counter.Value()) == 5*each, "%d increments", len(values))
	check(counter.Close() == nil, "close")
}
