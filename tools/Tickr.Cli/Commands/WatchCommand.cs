using System.CommandLine;
using System.Globalization;
using System.Threading.Channels;
using Spectre.Console;
using Spectre.Console.Rendering;
using Tickr.Client;

namespace Tickr.Cli.Commands;

/// <summary>
/// tickr watch: an event's inventory and check-ins in a table redrawn in place (Spectre.Console's live display), fed by
/// the inventoryChanged and checkInsChanged subscriptions over one graphql-transport-ws socket. Ends on Ctrl+C.
/// </summary>
public static class WatchCommand
{
    public static Command Create(CliApp app)
    {
        var eventKey = new Argument<string>("event") { Description = "The event's id or slug" };
        var command = new Command("watch", "Watch an event's remaining tickets and check-ins live, until Ctrl+C") { eventKey };
        command.SetAction((parse, ct) => app.RunAsync(async () =>
        {
            await using var session = app.Open(parse, requireSignIn: false);
            var ev = await EventLookup.FindAsync(session.Client, parse.GetValue(eventKey)!, null, ct).ConfigureAwait(false);
            var state = new WatchState(ev);
            await RunAsync(app.Out, session.Client, ev, state, ct).ConfigureAwait(false);
            app.Out.MarkupLine("Stopped.");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static async Task RunAsync(IAnsiConsole console, ITickrClient client, EventTicketing_Event ev, WatchState state, CancellationToken cancellationToken)
    {
        var updates = Channel.CreateUnbounded<Action<WatchState>>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pumps = new List<Task>
        {
            PumpAsync(client.InventoryChangedAsync(ev.Id, stop.Token), updates.Writer, (s, r) => s.Apply(r.InventoryChanged), stop.Token),
        };
        // Check-in counts are the organization's: the event shows its lists only to them.
        if (ev.CheckInLists is not null)
        {
            pumps.Add(PumpAsync(client.CheckInsChangedAsync(ev.Id, stop.Token), updates.Writer, (s, r) => s.Apply(r.CheckInsChanged), stop.Token));
        }
        try
        {
            await console.Live(state.Render()).AutoClear(false).StartAsync(async live =>
            {
                live.Refresh();
                try
                {
                    await foreach (var apply in updates.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                    {
                        apply(state);
                        while (updates.Reader.TryRead(out var next))
                        {
                            next(state);
                        }
                        live.UpdateTarget(state.Render());
                        live.Refresh();
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C: the last table stays on the screen.
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(pumps).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The subscriptions stop with the display.
            }
        }
    }

    /// <summary>Forwards a subscription's events as state changes; a failure ends the display with it.</summary>
    private static async Task PumpAsync<T>(IAsyncEnumerable<GraphQLResponse<T>> stream, ChannelWriter<Action<WatchState>> writer, Action<WatchState, T> apply, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await foreach (var response in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var data = response.EnsureData();
                writer.TryWrite(s => apply(s, data));
            }
            writer.TryWrite(s => s.Note = "the server ended a subscription");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            writer.TryComplete(e is CliException ? e : new CliException($"The live feed failed: {e.Message}", e));
        }
    }
}

/// <summary>What the watch table shows, updated by each event.</summary>
public sealed class WatchState
{
    private readonly string _title;
    private readonly List<TypeRow> _types;
    private List<ListRow>? _lists;

    public WatchState(EventTicketing_Event ev)
    {
        _title = ev.Title;
        _types = ev.TicketTypes.Select(t => new TypeRow(t.Id, t.Name) { Remaining = t.Remaining, Sold = t.Sold, Held = t.Held, Capacity = t.Capacity }).ToList();
        _lists = ev.CheckInLists?.Select(l => new ListRow(l.Id, l.Name) { CheckedIn = l.CheckedIn, Total = l.Total }).ToList();
    }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public int Updates { get; private set; }

    public string? Note { get; set; }

    public void Apply(InventoryChanged_InventoryChanged update)
    {
        foreach (var t in update.TicketTypes)
        {
            var row = _types.Find(r => r.Id == t.TicketTypeId);
            if (row is null)
            {
                row = new TypeRow(t.TicketTypeId, t.TicketTypeId);
                _types.Add(row);
            }
            row.Remaining = t.Remaining;
            row.Sold = t.Sold;
            row.Held = t.Held;
        }
        Touch(update.At);
    }

    public void Apply(CheckInsChanged_CheckInsChanged update)
    {
        _lists = update.Lists.Select(l => new ListRow(l.ListId, l.Name) { CheckedIn = l.CheckedIn, Total = l.Total }).ToList();
        Touch(update.At);
    }

    private void Touch(DateTimeOffset at)
    {
        UpdatedAt = at;
        Updates++;
    }

    public IRenderable Render()
    {
        var header = new Markup($"[bold]{Markup.Escape(_title)}[/] — live, Ctrl+C to stop"
            + (UpdatedAt is { } at ? $" · updated {at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)} ({Updates})" : " · waiting for changes")
            + (Note is { } note ? $" · [yellow]{Markup.Escape(note)}[/]" : ""));
        var inventory = new Table().Border(TableBorder.Rounded).Title("Inventory")
            .AddColumn("Ticket type")
            .AddColumn(new TableColumn("Remaining").RightAligned())
            .AddColumn(new TableColumn("Sold").RightAligned())
            .AddColumn(new TableColumn("Held").RightAligned())
            .AddColumn(new TableColumn("Capacity").RightAligned());
        foreach (var t in _types)
        {
            inventory.AddRow(Markup.Escape(t.Name), Number(t.Remaining), Number(t.Sold), Number(t.Held), Number(t.Capacity));
        }
        var parts = new List<IRenderable> { header, inventory };
        if (_lists is { } lists)
        {
            var checkIns = new Table().Border(TableBorder.Rounded).Title("Check-ins")
                .AddColumn("List")
                .AddColumn(new TableColumn("Checked in").RightAligned())
                .AddColumn(new TableColumn("Of").RightAligned())
                .AddColumn(new TableColumn("Rate").RightAligned());
            foreach (var l in lists)
            {
                var rate = l.Total == 0 ? 0 : (double)l.CheckedIn / l.Total;
                checkIns.AddRow(Markup.Escape(l.Name), Number(l.CheckedIn), Number(l.Total), rate.ToString("P0", CultureInfo.InvariantCulture));
            }
            if (lists.Count == 0)
            {
                checkIns.AddRow("[grey](no list yet)[/]", "", "", "");
            }
            parts.Add(checkIns);
        }
        return new Rows(parts);
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "—";

    private sealed class TypeRow(string id, string name)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public int Remaining { get; set; }

        public int? Sold { get; set; }

        public int? Held { get; set; }

        public int? Capacity { get; set; }
    }

    private sealed class ListRow(string id, string name)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public int CheckedIn { get; set; }

        public int Total { get; set; }
    }
}
