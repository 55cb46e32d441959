using System.CommandLine;
using System.Text;
using Cdylib.Cli;

// Console.Out flushes on every write: one system call per line, which made listing 44,000 exports
// spend most of its time in write(2). The verbs write through this buffer instead; it is flushed on
// exit. The console stream ignores a closed pipe (`cdylib exports … | head`), as Console.Out does. Long
// listings bypass its buffer (Utf8Lines writes UTF-8 to the stream), so a small one serves the rest.
using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), bufferSize: 1 << 13) { AutoFlush = false };
return CommandTree.Parse(args).Invoke(new InvocationConfiguration { Output = output });
