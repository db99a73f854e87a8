using System.Diagnostics;
using System.Text;

namespace Tickr.GraphQL.Tests.Conformance;

/// <summary>
/// Runs the graphql-js reference scripts of <c>tests/conformance</c> with Node.js and returns their output.
/// Any failure (Node missing, packages not installed, script error, timeout) fails the calling test with a
/// message that says what to do.
/// </summary>
internal static class NodeRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root: the nearest ancestor of the test binaries that holds TickrGraph.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>tests/conformance, where the Node scripts and their package.json live.</summary>
    public static string ScriptsDirectory => Path.Combine(RepositoryRoot, "tests", "conformance");

    /// <summary>tests/Tickr.GraphQL.Tests/Conformance, where the schema and the corpus live.</summary>
    public static string DataDirectory => Path.Combine(RepositoryRoot, "tests", "Tickr.GraphQL.Tests", "Conformance");

    /// <summary>
    /// Runs <c>node &lt;script&gt; args...</c> in tests/conformance, feeding <paramref name="stdin"/> when given,
    /// and returns standard output. Fails the test when the script exits with a non-zero code.
    /// </summary>
    public static string Run(string script, IReadOnlyList<string>? args = null, string? stdin = null)
    {
        var dir = ScriptsDirectory;
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "graphql")))
        {
            Assert.Fail(
                $"The graphql-js packages of the conformance tests are not installed ({Path.Combine(dir, "node_modules")} is missing). " +
                "Run the README test command (./test.sh), which installs them, or run: npm ci --prefix tests/conformance");
        }

        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        psi.ArgumentList.Add(Path.Combine(dir, script));
        foreach (var a in args ?? [])
        {
            psi.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("Process.Start returned null.");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Assert.Fail($"Could not start Node.js ('node' must be on PATH; the README test command installs it): {e.Message}");
            throw; // unreachable: Assert.Fail throws
        }

        using (process)
        {
            // Read both streams concurrently so a chatty script cannot dead-lock on a full pipe.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
            }
            process.StandardInput.Close();

            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node {script} did not finish within {Timeout.TotalSeconds} s.");
            }
            process.WaitForExit();
            var output = stdout.GetAwaiter().GetResult();
            var errors = stderr.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
            {
                Assert.Fail($"node {script} exited with code {process.ExitCode}:\n{errors}\n{output}");
            }
            return output;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TickrGraph.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"TickrGraph.sln not found above {AppContext.BaseDirectory}.");
    }
}
