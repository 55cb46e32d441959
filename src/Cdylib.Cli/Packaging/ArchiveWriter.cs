using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Cdylib.Cli.Packaging;

/// <summary>
/// Writes a gzip-compressed tar archive (a prefix archive, an npm package) from files and texts, with
/// fixed owners, times and modes, so the same inputs give the same archive.
/// </summary>
internal sealed class ArchiveWriter : IDisposable
{
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Executable = Regular | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly TarWriter _tar;
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);

    public ArchiveWriter(string path)
    {
        _file = File.Create(path);
        _gzip = new GZipStream(_file, CompressionLevel.Optimal);
        _tar = new TarWriter(_gzip, TarEntryFormat.Pax, leaveOpen: false);
    }

    /// <summary>A copy of <paramref name="source"/> at <paramref name="entry"/> (a '/'-separated path); a library is executable, as installed ones are.</summary>
    public void AddFile(string entry, string source, bool executable = false)
    {
        using var content = File.OpenRead(source);
        Add(entry, content, executable);
    }

    public void AddText(string entry, string text) => Add(entry, new MemoryStream(Encoding.UTF8.GetBytes(text)), executable: false);

    private void Add(string entry, Stream content, bool executable)
    {
        AddFolders(entry);
        var file = new PaxTarEntry(TarEntryType.RegularFile, entry)
        {
            DataStream = content,
            Mode = executable ? Executable : Regular,
            ModificationTime = Epoch,
        };
        _tar.WriteEntry(file);
    }

    /// <summary>Each folder of <paramref name="entry"/> once, before it: tar -x then makes them with ordinary modes.</summary>
    private void AddFolders(string entry)
    {
        for (int slash = entry.IndexOf('/'); slash > 0; slash = entry.IndexOf('/', slash + 1))
        {
            string folder = entry[..(slash + 1)];
            if (_folders.Add(folder))
            {
                _tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, folder) { Mode = Executable | UnixFileMode.UserWrite, ModificationTime = Epoch });
            }
        }
    }

    public void Dispose()
    {
        _tar.Dispose();
        _gzip.Dispose();
        _file.Dispose();
    }
}
