using Tickr.Data;

namespace Tickr.Graph.Commands;

/// <summary>
/// <c>-- migrate</c> applies the pending migrations of the configured database and exits (a deployment step, run once
/// before starting instances with <c>Tickr:Data:MigrateOnStartup=false</c>); <c>-- seed-demo</c> migrates, then adds
/// the demo data to the configured database, whichever it is.
/// </summary>
public static class DataCommands
{
    public const string Migrate = "migrate";
    public const string SeedDemo = "seed-demo";

    /// <summary>The command named by the first argument, or null to run the server.</summary>
    public static string? Match(string[] args) =>
        args.Length > 0 && args[0] is Migrate or SeedDemo ? args[0] : null;

    public static async Task<int> RunAsync(string command, WebApplication app, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var database = app.Services.GetRequiredService<TickrDatabase>();
        try
        {
            var applied = await database.MigrateAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"{database.Provider}: {(applied.Count == 0 ? "no pending migration" : "applied " + string.Join(", ", applied))}").ConfigureAwait(false);
            if (command == SeedDemo)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var summary = await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync().ConfigureAwait(false);
                await output.WriteLineAsync($"Seeded the demo data: {summary}").ConfigureAwait(false);
            }
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync($"{command} failed: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
