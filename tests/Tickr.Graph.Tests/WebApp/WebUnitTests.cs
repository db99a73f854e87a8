using System.Diagnostics;
using Tickr.Graph.Tests.TestHost;
using Xunit.Abstractions;

namespace Tickr.Graph.Tests.WebApp;

/// <summary>
/// The web app's own unit tests (node --test: dashboard reducers, CSV protection, money strings, offline token
/// verification against real server tokens), run by the suite so that they count and fail it like any other test.
/// One case per test file; Node's report is written to the test output.
/// </summary>
public sealed class WebUnitTests(ITestOutputHelper output)
{
    private static string WebDir => Path.Combine(Repository.Root, "web");

    public static TheoryData<string> TestFiles()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "src", "tests" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(WebDir, folder), "*.test.mjs", SearchOption.AllDirectories).Order())
            {
                data.Add(Path.GetRelativePath(WebDir, file).Replace('\\', '/'));
            }
        }
        return data;
    }

    [Fact]
    public void The_web_app_has_unit_tests() => Assert.NotEmpty(TestFiles());

    [Theory]
    [MemberData(nameof(TestFiles))]
    public async Task Node_test_file_passes(string file)
    {
        var start = new ProcessStartInfo("node", ["--test", "--test-reporter=spec", file])
        {
            WorkingDirectory = WebDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);
        Assert.True(node.ExitCode == 0, $"node --test {file} exited with {node.ExitCode}: {await stdout}{await stderr}");
        // A file whose tests were all skipped or that defines none would pass silently: require real passes.
        Assert.Matches(@"(?m)^\S*\s*pass [1-9]", await stdout);
    }
}
