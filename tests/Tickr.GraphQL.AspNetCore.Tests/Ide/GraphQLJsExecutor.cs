using System.Diagnostics;

namespace Tickr.GraphQL.AspNetCore.Tests.Ide;

/// <summary>
/// Runs one GraphQL request through graphql-js (graphql-js-host.cjs). The IDE tests need a real GraphQL endpoint —
/// real introspection for the docs and autocompletion — while Tickr's HTTP transport is built elsewhere; the IDE,
/// not the engine, is under test here.
/// </summary>
internal static class GraphQLJsExecutor
{
    public static async Task<string> ExecuteAsync(string requestJson, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ide", "graphql-js-host.cjs"));
        start.ArgumentList.Add(RepositoryPaths.GraphQLJs);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        await process.StandardInput.WriteAsync(requestJson.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("graphql-js failed: " + await error);
        }
        return await output;
    }
}
