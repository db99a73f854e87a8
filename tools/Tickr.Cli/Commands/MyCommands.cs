using System.CommandLine;
using Spectre.Console;
using Tickr.Client;

namespace Tickr.Cli.Commands;

/// <summary>tickr tickets and tickr orders: what the signed-in user holds and bought.</summary>
public static class MyCommands
{
    public static Command Tickets(CliApp app)
    {
        var first = new Option<int>("--first", "-n") { Description = "How many tickets (1 to 100)", DefaultValueFactory = _ => 50 };
        var command = new Command("tickets", "List your tickets (valid ones first), then their tokens") { first };
        command.SetAction((parse, ct) => app.RunAsync(async () =>
        {
            await using var session = app.Open(parse, requireSignIn: true);
            var me = (await session.Client.MyTicketsAsync(first: Page(parse.GetValue(first)), cancellationToken: ct).ConfigureAwait(false)).EnsureData().Me
                ?? throw NoAccount(session);
            var tickets = me.Tickets.Nodes;
            if (tickets.Count == 0)
            {
                app.Out.MarkupLine("You hold no tickets yet (`tickr buy`).");
                return ExitCodes.Success;
            }
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("#").AddColumn("Event").AddColumn("When").AddColumn("Type").AddColumn("Status").AddColumn("Holder");
            var number = 0;
            foreach (ITicketInfo t in tickets)
            {
                number++;
                table.AddRow(
                    number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Output.Escape(t.Event?.Title ?? "?"),
                    Output.Escape(t.Event is { } e ? Output.When(e.LocalStartsAt) : ""),
                    Output.Escape(t.TicketType?.Name ?? "?"),
                    t.Status == TicketStatus.Valid ? "[green]valid[/]" : "[red]revoked[/]",
                    Output.Escape(t.HolderEmail));
            }
            app.Out.Write(table);
            app.Out.MarkupLine(me.Tickets.TotalCount > tickets.Count ? $"{tickets.Count} of {me.Tickets.TotalCount} tickets." : $"{tickets.Count} ticket(s). Tokens:");
            number = 0;
            foreach (var t in tickets)
            {
                number++;
                if (t.Token is { } token)
                {
                    app.Out.WriteRaw($"#{number} {token}");
                }
            }
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static Command Orders(CliApp app)
    {
        var first = new Option<int>("--first", "-n") { Description = "How many orders (1 to 100)", DefaultValueFactory = _ => 20 };
        var command = new Command("orders", "List your orders, newest first") { first };
        command.SetAction((parse, ct) => app.RunAsync(async () =>
        {
            await using var session = app.Open(parse, requireSignIn: true);
            var me = (await session.Client.MyOrdersAsync(first: Page(parse.GetValue(first)), cancellationToken: ct).ConfigureAwait(false)).EnsureData().Me
                ?? throw NoAccount(session);
            if (me.Orders.Nodes.Count == 0)
            {
                app.Out.MarkupLine("No orders yet.");
                return ExitCodes.Success;
            }
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Order").AddColumn("Event").AddColumn("Tickets").AddColumn(new TableColumn("Total").RightAligned())
                .AddColumn("Status").AddColumn("Placed");
            foreach (var o in me.Orders.Nodes)
            {
                table.AddRow(
                    Output.Escape(o.Number),
                    Output.Escape(o.Event?.Title ?? "?"),
                    Output.Escape(string.Join(", ", o.Lines.Select(l => $"{l.Quantity} × {l.TicketTypeName}"))),
                    Output.Escape(o.Total.Formatted),
                    Output.Escape(o.Status.ToString().ToUpperInvariant()),
                    Output.Escape(o.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
            }
            app.Out.Write(table);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static int Page(int first) =>
        first is >= 1 and <= 100 ? first : throw new CliException("--first must be between 1 and 100.");

    private static CliException NoAccount(TickrSession session) =>
        new($"The stored tokens no longer name an account on {session.EndpointKey}: run `tickr login`.");
}
