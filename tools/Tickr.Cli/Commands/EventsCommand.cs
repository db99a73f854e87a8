using System.CommandLine;
using Spectre.Console;
using Tickr.Client;

namespace Tickr.Cli.Commands;

/// <summary>tickr events: the catalog as a table.</summary>
public static class EventsCommand
{
    public static Command Create(CliApp app)
    {
        var search = new Option<string?>("--search", "-q") { Description = "Words to find in the title, description, venue or city" };
        var city = new Option<string?>("--city") { Description = "Only events in this city" };
        var first = new Option<int>("--first", "-n") { Description = "How many events (1 to 100)", DefaultValueFactory = _ => 20 };
        var command = new Command("events", "List published events, upcoming first") { search, city, first };
        command.SetAction((parse, ct) => app.RunAsync(async () =>
        {
            var count = parse.GetValue(first);
            if (count is < 1 or > 100)
            {
                throw new CliException("--first must be between 1 and 100.");
            }
            await using var session = app.Open(parse, requireSignIn: false);
            var filter = new EventFilter { Search = Output.Given(parse.GetValue(search)), City = Output.Given(parse.GetValue(city)) };
            var page = (await session.Client.SearchEventsAsync(filter, first: count, cancellationToken: ct).ConfigureAwait(false)).EnsureData().Events;
            if (page.Nodes.Count == 0)
            {
                app.Out.MarkupLine("No events found.");
                return ExitCodes.Success;
            }
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Event").AddColumn("When").AddColumn("Where").AddColumn(new TableColumn("From").RightAligned())
                .AddColumn("On sale").AddColumn(new TableColumn("Slug").NoWrap());
            foreach (IEventSummary e in page.Nodes)
            {
                table.AddRow(
                    Output.Escape(e.Title),
                    Output.Escape(Output.When(e.LocalStartsAt)),
                    Output.Escape(e.Venue is { } v ? $"{v.Name}, {v.City}" : ""),
                    Output.Escape(e.PriceRange?.Min.Formatted ?? "—"),
                    e.IsOnSale ? "[green]yes[/]" : "[grey]no[/]",
                    Output.Escape(e.Slug));
            }
            app.Out.Write(table);
            app.Out.MarkupLine(page.TotalCount > page.Nodes.Count
                ? $"{page.Nodes.Count} of {page.TotalCount} events (--first for more)."
                : $"{page.TotalCount} event(s).");
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
