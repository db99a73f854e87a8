using System.Diagnostics;
using Tickr.Graph.Commands;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests;

public sealed class SchemaTests
{
    private static string Normalize(string sdl) => sdl.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');

    [Fact]
    public async Task Committed_schema_matches_the_running_server()
    {
        Assert.True(File.Exists(Repository.SchemaFile), $"{Repository.SchemaFile} is missing: run `{SchemaExportCommand.RegenerateHint}`.");
        var committed = Normalize(await File.ReadAllTextAsync(Repository.SchemaFile));

        await using var factory = new TickrAppFactory();
        var served = Normalize(await factory.CreateClient().GetStringAsync("/graphql?sdl"));

        Assert.True(committed == served,
            $"schema/schema.graphql differs from the running server's schema. If the change is intended, run `{SchemaExportCommand.RegenerateHint}` "
            + "from the repository root and commit the file (clients are generated from it).");
        Assert.Equal(Normalize(SchemaExportCommand.PrintSchema()), served);
    }

    [Fact]
    public void Export_command_writes_the_schema_to_the_given_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "tickr-schema-" + Guid.NewGuid().ToString("N"), "out.graphql");
        try
        {
            using var output = new StringWriter();
            var code = SchemaExportCommand.Run(["schema", "export", "--output", path], output, TextWriter.Null);

            Assert.Equal(0, code);
            Assert.Equal(SchemaExportCommand.PrintSchema(), File.ReadAllText(path));
            Assert.Contains(path, output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Export_command_refuses_unknown_arguments()
    {
        using var error = new StringWriter();
        Assert.Equal(2, SchemaExportCommand.Run(["schema", "export", "--bogus"], TextWriter.Null, error));
        Assert.Contains("Usage", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Default_output_is_the_repository_schema_file()
    {
        var nested = Path.Combine(Repository.Root, "src", "Tickr.Graph");
        Assert.Equal(Repository.SchemaFile, SchemaExportCommand.DefaultPath(nested));
    }

    [Fact]
    public async Task The_program_exports_and_exits_without_starting_the_web_server()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Tickr.Graph.dll");
        var path = Path.Combine(Path.GetTempPath(), "tickr-schema-" + Guid.NewGuid().ToString("N") + ".graphql");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "schema", "export", "--output", path })
        {
            start.ArgumentList.Add(argument);
        }
        // Production without a signing key would refuse to start the server: proof that the command never builds it.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(cts.Token);

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stdout}{await stderr}");
            Assert.DoesNotContain("Now listening", await stdout, StringComparison.Ordinal);
            Assert.Equal(SchemaExportCommand.PrintSchema(), await File.ReadAllTextAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
