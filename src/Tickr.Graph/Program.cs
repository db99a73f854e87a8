using Tickr.Graph.Commands;
using Tickr.Graph.Hosting;

// `-- schema export [--output path]` prints the contract and exits: no web host, no configuration needed.
if (SchemaExportCommand.Matches(args))
{
    return SchemaExportCommand.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddTickrServer();

var app = builder.Build();
app.UseTickrServer();
app.Run();
return 0;

/// <summary>The Tickr server's entry point (public so that tests can host it with WebApplicationFactory).</summary>
public partial class Program;
