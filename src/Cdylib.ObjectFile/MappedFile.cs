using System;
using System.Buffers;
using System.IO;
using System.IO.MemoryMappedFiles;

namespace Cdylib.ObjectFile;

/// <summary>
/// A file mapped read-only into memory, its bytes handed to the readers as <see cref="Memory"/>
/// without a copy: only the pages a reader touches are read from disk. Listing the dynamic symbols of
/// a 100 MB library touches a few megabytes of it.
/// </summary>
/// <remarks>
/// Files that cannot be mapped (pipes, devices, /proc files that report length 0, empty files: mmap
/// refuses length 0) are read into an array instead. The memory is valid until <see cref="Dispose"/>;
/// everything <see cref="BinaryFile"/> returns is copied out of it, so a parsed file outlives the map.
/// </remarks>
public sealed class MappedFile : IDisposable
{
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly ViewMemory? _viewMemory;

    private MappedFile(ReadOnlyMemory<byte> memory)
    {
        Memory = memory;
    }

    private MappedFile(MemoryMappedFile map, MemoryMappedViewAccessor view, int length)
    {
        _map = map;
        _view = view;
        _viewMemory = new ViewMemory(view, length);
        Memory = _viewMemory.Memory;
    }

    /// <summary>The whole file.</summary>
    public ReadOnlyMemory<byte> Memory { get; private set; }

    /// <summary>Maps <paramref name="path"/> read-only.</summary>
    /// <exception cref="ObjectFileException">The file does not exist, is a directory, cannot be read, or is 2 GiB or larger.</exception>
    public static MappedFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            long length = stream.CanSeek ? stream.Length : -1;
            if (length > Array.MaxLength)
            {
                throw new ObjectFileException($"Cannot read the file: it is {length} bytes; files of 2 GiB or more are not supported");
            }

            // Length 0 is an empty file, or a /proc file that has content all the same: read, don't map.
            if (length <= 0 || !TryMap(stream, length, out var mapped))
            {
                return new MappedFile(ReadToEnd(stream));
            }

            return mapped;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            // Callers print the path beside the message; .NET's own messages repeat it and call a directory "access denied".
            string reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException when Directory.Exists(path) => "it is a directory",
                _ => e.Message,
            };
            throw new ObjectFileException($"Cannot read the file: {reason}", e);
        }
    }

    /// <summary>Unmaps the file: <see cref="Memory"/> is empty after, and what was read from it must not be used.</summary>
    public void Dispose()
    {
        Memory = ReadOnlyMemory<byte>.Empty;
        _viewMemory?.Release();
        _view?.Dispose();
        _map?.Dispose();
    }

    private static bool TryMap(FileStream stream, long length, out MappedFile mapped)
    {
        MemoryMappedFile? map = null;
        try
        {
            map = MemoryMappedFile.CreateFromFile(stream, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            mapped = new MappedFile(map, view, (int)length);
            return true;
        }
        catch (IOException)
        {
            // Not mappable (a character device, a FUSE file without mmap): read it instead.
            map?.Dispose();
            mapped = null!;
            return false;
        }
    }

    private static byte[] ReadToEnd(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The mapped view as <see cref="Memory{T}"/>: the pointer is acquired once and released on dispose.</summary>
    private sealed unsafe class ViewMemory : MemoryManager<byte>
    {
        private readonly MemoryMappedViewAccessor _view;
        private readonly int _length;
        private byte* _pointer;

        public ViewMemory(MemoryMappedViewAccessor view, int length)
        {
            _view = view;
            _length = length;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref _pointer);

            // The view starts at a page boundary; the file's first byte may lie further in.
            _pointer += view.PointerOffset;
        }

        public void Release()
        {
            if (_pointer != null)
            {
                _pointer = null;
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
            }
        }

        public override Span<byte> GetSpan() =>
            _pointer == null ? throw new ObjectDisposedException(nameof(MappedFile)) : new Span<byte>(_pointer, _length);

        public override MemoryHandle Pin(int elementIndex = 0) =>
            new(_pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing) => Release();
    }
}
