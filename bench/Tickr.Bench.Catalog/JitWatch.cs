namespace Tickr.Bench.Catalog;

/// <summary>
/// How many methods a .NET process has JIT-compiled so far, from the runtime's own summary: with
/// <c>DOTNET_JitDisasmSummary=1</c> and <c>DOTNET_JitStdOutFile=PATH</c> (both honoured by release runtimes) the JIT
/// appends one line per compiled method (tier 0, instrumented, tier 1, OSR) to PATH. The warm-up runs until these
/// counts stop moving: tiered compilation is what makes a fresh .NET process slow, and on a loaded two-core machine it
/// keeps recompiling for a minute or more — far past a fixed 10 s.
/// </summary>
internal sealed class JitWatch(string name, string path)
{
    public const string SummaryVariable = "DOTNET_JitDisasmSummary";
    public const string OutputVariable = "DOTNET_JitStdOutFile";

    public string Name => name;

    /// <summary>This process's own watch, when run.sh started it with the two variables set; else null.</summary>
    public static JitWatch? Self() =>
        Environment.GetEnvironmentVariable(SummaryVariable) == "1" && Environment.GetEnvironmentVariable(OutputVariable) is { Length: > 0 } path
            ? new JitWatch("client", path)
            : null;

    /// <summary>Methods compiled so far (lines in the file; the runtime may buffer a few).</summary>
    public long Count()
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[64 * 1024];
            long lines = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
            return lines;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }
}
