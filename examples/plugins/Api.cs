using System;
using System.Threading;
using System.Threading.Tasks;
using Cdylib;

namespace Plugins;

/// <summary>Where the library writes its lines: implemented by the caller.</summary>
[CExport]
public interface ILogger
{
    /// <summary>Writes one line.</summary>
    /// <param name="line">The line, without its end.</param>
    /// <param name="important">Whether it must not be lost.</param>
    void Log(string line, bool important);

    /// <summary>The least level written; lower ones are dropped.</summary>
    int Level { get; set; }

    /// <summary>Lines written so far.</summary>
    /// <returns>The count.</returns>
    long Count();

    /// <summary>A line the library makes itself (C# supplies it: C does not).</summary>
    /// <param name="text">The text.</param>
    void Note(string text) => Log("note: " + text, important: false);
}

/// <summary>Uses loggers the caller implements.</summary>
public static class Api
{
    private static ILogger? s_kept;

    /// <summary>Writes each line of a text whose level is high enough.</summary>
    /// <param name="logger">Where to write.</param>
    /// <param name="text">Lines separated by '\n'.</param>
    /// <param name="level">The level of these lines.</param>
    /// <returns>How many lines were written.</returns>
    [CExport("plug_log_lines")]
    public static int LogLines(ILogger logger, string text, int level)
    {
        if (level < logger.Level)
        {
            return 0;
        }
        string[] lines = text.Split('\n');
        foreach (string line in lines)
        {
            logger.Log(line, important: level > 5);
        }
        logger.Note($"{lines.Length} lines");
        return lines.Length;
    }

    /// <summary>Keeps the logger for later calls, letting go of the one kept before.</summary>
    /// <param name="logger">The logger, or NULL to keep none.</param>
    [CExport("plug_keep")]
    public static void Keep(ILogger? logger) => Volatile.Write(ref s_kept, logger);

    /// <summary>Writes through the kept logger from several threads at once.</summary>
    /// <param name="threads">How many threads.</param>
    /// <param name="lines">Lines per thread.</param>
    /// <returns>The kept logger's count afterwards.</returns>
    [CExport("plug_log_kept")]
    public static long LogKept(int threads, int lines)
    {
        ILogger logger = Volatile.Read(ref s_kept) ?? throw new InvalidOperationException("no logger is kept");
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            for (int i = 0; i < lines; i++)
            {
                logger.Log($"thread {thread} line {i}", important: false);
            }
        });
        return logger.Count();
    }

    /// <summary>Sets the logger's level and reads it back.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="level">The new level.</param>
    /// <returns>The level the logger reports.</returns>
    [CExport("plug_set_level")]
    public static int SetLevel(ILogger logger, int level)
    {
        logger.Level = level;
        return logger.Level;
    }

    /// <summary>Writes one line and reports the logger's failure instead of failing.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="line">The line.</param>
    /// <returns>0, or the code the logger failed with.</returns>
    [CExport("plug_try_log")]
    public static int TryLog(ILogger logger, string line)
    {
        try
        {
            logger.Log(line, important: true);
            return 0;
        }
        catch (CExportException failure)
        {
            return failure.Code;
        }
    }

    /// <summary>Runs a full collection and the finalizers: objects nothing references release their tables.</summary>
    [CExport("plug_collect")]
    public static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>The number of words in a text (for implementations that call back in).</summary>
    /// <param name="text">The text.</param>
    /// <returns>Its words.</returns>
    [CExport("plug_count_words")]
    public static int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
