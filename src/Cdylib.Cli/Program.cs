using System.Text;
using Cdylib.Cli;

// Console.Out flushes on every write: one system call per line, which made listing 44,000 exports
// spend most of its time in write(2). The verbs write through this buffer instead; it is flushed on
// exit. The console stream ignores a closed pipe (`cdylib exports … | head`), as Console.Out does. Long
// listings bypass its buffer (Utf8Lines writes UTF-8 to the stream), so a small one serves the rest.
using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), bufferSize: 1 << 13) { AutoFlush = false };

// Standard error as Console.Error writes it (UTF-8, each write flushed), made without Console.Error:
// the pipeline asks for its writer on every run, and Console.Error's first use reads the terminal's
// encoding, about a fifth of a millisecond of a run that usually writes nothing there.
using var error = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false), bufferSize: 256) { AutoFlush = true };
return CommandTree.Run(args, output, error);
