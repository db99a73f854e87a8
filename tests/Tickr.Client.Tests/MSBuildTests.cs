using System.Diagnostics;

namespace Tickr.Client.Tests;

/// <summary>
/// The build step as a consumer meets it: a project importing build/Tickr.Client.Generator.targets fails to build on an
/// invalid operation, with the generator's canonical error on the operation's line.
/// </summary>
public class MSBuildTests
{
    [Fact]
    public async Task An_invalid_operation_fails_dotnet_build_with_a_TKR_error_on_its_line()
    {
        var folder = Directory.CreateTempSubdirectory("tickr-client-build-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "Operations"));
            var operation = Path.Combine(folder, "Operations", "Broken.graphql");
            await File.WriteAllTextAsync(operation, "query Broken {\n  shows {\n    id\n    title\n  }\n}\n");
            var root = TestPaths.RepositoryRoot;
            await File.WriteAllTextAsync(Path.Combine(folder, "Probe.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <TickrClientSchema>{TestPaths.TestSchema}</TickrClientSchema>
                    <TickrClientNamespace>Probe</TickrClientNamespace>
                  </PropertyGroup>
                  <Import Project="{Path.Combine(root, "clients", "Tickr.Client", "build", "Tickr.Client.Generator.targets")}" />
                </Project>
                """);
            // The generator is already built (this test project references it): no need to build it again.
            var (exit, output) = await RunAsync(folder, "build", "-p:BuildProjectReferences=false", "-nologo", "-v:m", "-clp:NoSummary");
            Assert.True(exit != 0, output);
            Assert.Contains($"{operation}(4,5): error TKR0101: Cannot query field \"title\" on type \"Show\".", output, StringComparison.Ordinal);
            Assert.DoesNotContain("MSB3073", output, StringComparison.Ordinal); // no second, vaguer error for the exit code
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string folder, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
