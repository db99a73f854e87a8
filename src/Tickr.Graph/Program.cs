using Tickr.Graph.Commands;
using Tickr.Graph.Hosting;

// `-- schema export [--output path]` prints the contract and exits: no web host, no configuration needed.
if (SchemaExportCommand.Matches(args))
{
    return SchemaExportCommand.Run(args, Console.Out, Console.Error);
}

// `-- migrate` and `-- seed-demo` use the configured database and exit; anything after the command is configuration.
var command = DataCommands.Match(args);
var builder = WebApplication.CreateBuilder(command is null ? args : args[1..]);
builder.AddTickrServer();

var app = builder.Build();
if (command is not null)
{
    return await DataCommands.RunAsync(command, app, Console.Out, Console.Error);
}
await app.InitializeTickrDataAsync();
app.UseTickrServer();
await app.RunAsync();
return 0;

/// <summary>The Tickr server's entry point (public so that tests can host it with WebApplicationFactory).</summary>
public partial class Program;
