using System.Diagnostics;
using System.Text;

namespace Tickr.GraphQL.AspNetCore.Tests.TestHost;

/// <summary>Runs a Node script of tests/conformance-http (its packages installed by <c>npm ci</c>, see test.sh).</summary>
public static class NodeScript
{
    public static string Directory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TickrGraph.sln")))
            {
                dir = dir.Parent;
            }
            if (dir is null)
            {
                throw new InvalidOperationException("Repository root (TickrGraph.sln) not found above " + AppContext.BaseDirectory);
            }
            return Path.Combine(dir.FullName, "tests", "conformance-http");
        }
    }

    /// <summary>Runs <c>node script args…</c>; returns stdout, throws with stderr when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string script, TimeSpan timeout, params string[] args)
    {
        var dir = Directory;
        if (!System.IO.Directory.Exists(Path.Combine(dir, "node_modules", "graphql-http")))
        {
            throw new InvalidOperationException($"Node packages missing: run 'npm ci --prefix {dir}' (test.sh does it).");
        }
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {timeout}: {await stderr}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}:\n{await stderr}\n{await stdout}");
        }
        return await stdout;
    }
}
