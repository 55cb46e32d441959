using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Cdylib.Runtime;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The handle table the generated shims call (<see cref="Handles"/>), used directly: one handle per
/// object with a count of owners, the last free ends it and disposes once, a freed handle stays
/// refused, and the same holds when threads return and free the same object at once. The table is
/// the process's, so these tests read <see cref="Handles.Live"/> as a difference (no other test in
/// this project makes handles; the tests of one class never run at the same time).
/// </summary>
public sealed unsafe class HandleTableTests
{
    private sealed class Plain;

    private sealed class Resource : IDisposable
    {
        private int _disposed;

        public int Disposed => Volatile.Read(ref _disposed);

        public void Dispose() => Interlocked.Increment(ref _disposed);
    }

    private sealed class Other;

    private static ErrorCode CodeOf(Action action) => (ErrorCode)Assert.Throws<CExportException>(action).Code;

    [Fact]
    public void The_same_object_returned_twice_is_the_same_handle_with_two_owners()
    {
        long live = Handles.Live;
        var resource = new Resource();
        void* first = Handles.Allocate(resource);
        void* second = Handles.Allocate(resource);
        Assert.True(first == second);
        Assert.Equal(live + 1, Handles.Live); // distinct handles, not owners

        Handles.Free<Resource>(first);
        Assert.Same(resource, Handles.Get<Resource>(second, "self")); // one owner left: still live
        Assert.Equal(0, resource.Disposed);
        Assert.Equal(live + 1, Handles.Live);

        Handles.Free<Resource>(second);
        Assert.Equal(1, resource.Disposed);
        Assert.Equal(live, Handles.Live);

        // Ended: every use and a third free are refused; nothing is disposed again.
        Assert.Equal(ErrorCode.InvalidHandle, CodeOf(() => Handles.Get<Resource>(first, "self")));
        Assert.Equal(ErrorCode.InvalidHandle, CodeOf(() => Handles.Free<Resource>(first)));
        Assert.Equal(1, resource.Disposed);
        Assert.Equal(live, Handles.Live);
    }

    [Fact]
    public void Different_objects_get_different_handles()
    {
        var a = new Plain();
        var b = new Plain();
        void* first = Handles.Allocate(a);
        void* second = Handles.Allocate(b);
        Assert.True(first != second);
        Assert.Same(a, Handles.Get<Plain>(first, "a"));
        Assert.Same(b, Handles.Get<Plain>(second, "b"));
        Handles.Free<Plain>(first);
        Handles.Free<Plain>(second);
    }

    [Fact]
    public void A_free_of_the_wrong_type_is_refused_and_takes_no_owner_away()
    {
        var resource = new Resource();
        void* handle = Handles.Allocate(resource);
        Assert.Equal(ErrorCode.InvalidHandle, CodeOf(() => Handles.Free<Other>(handle)));
        Assert.Same(resource, Handles.Get<Resource>(handle, "self"));
        Handles.Free<Resource>(handle);
        Assert.Equal(1, resource.Disposed);
    }

    [Fact]
    public void A_disposed_object_is_never_handed_out_again()
    {
        long live = Handles.Live;
        var resource = new Resource();
        void* handle = Handles.Allocate(resource);
        Handles.Free<Resource>(handle);
        Assert.Equal(1, resource.Disposed);

        var refused = Assert.Throws<CExportException>(() => Handles.Allocate(resource));
        Assert.Equal(ErrorCode.InvalidOperation, (ErrorCode)refused.Code);
        Assert.Equal("this Resource was disposed when its last handle was freed; it cannot be handed out again", refused.Message);
        Assert.Equal(1, resource.Disposed);
        Assert.Equal(live, Handles.Live);
    }

    [Fact]
    public void An_object_that_is_not_disposable_gets_a_new_handle_after_its_last_free_and_the_old_one_stays_refused()
    {
        var plain = new Plain();
        void* old = Handles.Allocate(plain);
        Handles.Free<Plain>(old);
        void* renewed = Handles.Allocate(plain); // the freed slot again, with a new generation
        Assert.True(renewed != old);
        Assert.Equal(ErrorCode.InvalidHandle, CodeOf(() => Handles.Get<Plain>(old, "self")));
        Assert.Same(plain, Handles.Get<Plain>(renewed, "self"));
        Handles.Free<Plain>(renewed);
    }

    [Fact]
    public void Threads_returning_one_object_at_once_get_one_handle_with_an_owner_each()
    {
        const int Threads = 4;
        const int Rounds = 300;
        long live = Handles.Live;
        Resource[] resources = Enumerable.Range(0, Rounds).Select(_ => new Resource()).ToArray();
        var handles = new nint[Threads];
        var barrier = new Barrier(Threads + 1); // the workers and this thread (left undisposed: a failed check leaves them waiting)
        Thread[] workers = Enumerable.Range(0, Threads).Select(thread => new Thread(() =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                barrier.SignalAndWait(); // all return the round's object at once
                handles[thread] = (nint)Handles.Allocate(resources[round]);
                barrier.SignalAndWait();
            }
        }) { IsBackground = true }).ToArray();
        Array.ForEach(workers, worker => worker.Start());
        for (int round = 0; round < Rounds; round++)
        {
            barrier.SignalAndWait();
            barrier.SignalAndWait();
            Resource resource = resources[round];
            Assert.Single(handles.Distinct());
            Assert.Equal(live + 1, Handles.Live);
            void* handle = (void*)handles[0];
            for (int free = 0; free < Threads - 1; free++)
            {
                Handles.Free<Resource>(handle);
                Assert.Same(resource, Handles.Get<Resource>(handle, "self"));
                Assert.Equal(0, resource.Disposed);
            }
            Handles.Free<Resource>(handle);
            Assert.Equal(1, resource.Disposed);
            Assert.Equal(live, Handles.Live);
        }
        Array.ForEach(workers, worker => worker.Join());
    }

    [Fact]
    public void Returns_racing_with_the_last_free_never_dispose_twice_nor_hand_out_a_disposed_object()
    {
        // Four threads each take and free one shared object, over and over, so its count touches 0
        // while others return it. A return either gets the live handle (and an object that is not
        // disposed until its own free) or, after the last free, is refused; then a fresh object is shared.
        const int Threads = 4;
        const int Rounds = 20_000;
        long live = Handles.Live;
        var gate = new object();
        Resource shared = new();
        var made = new List<Resource> { shared };
        int refused = 0;
        int wrong = 0;
        Thread[] workers = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                Resource current;
                lock (gate)
                {
                    if (shared.Disposed != 0)
                    {
                        shared = new Resource();
                        made.Add(shared);
                    }
                    current = shared;
                }
                void* handle;
                try
                {
                    handle = Handles.Allocate(current);
                }
                catch (CExportException error) when (error.Code == (int)ErrorCode.InvalidOperation)
                {
                    Interlocked.Increment(ref refused);
                    continue;
                }
                if (!ReferenceEquals(Handles.Get<Resource>(handle, "self"), current) || current.Disposed != 0)
                {
                    Interlocked.Increment(ref wrong);
                }
                Handles.Free<Resource>(handle);
            }
        }) { IsBackground = true }).ToArray();
        Array.ForEach(workers, worker => worker.Start());
        Array.ForEach(workers, worker => worker.Join());
        Assert.Equal(0, wrong);
        Assert.Equal(live, Handles.Live);
        Assert.All(made, resource => Assert.Equal(1, resource.Disposed)); // each once, however shared
    }
}
