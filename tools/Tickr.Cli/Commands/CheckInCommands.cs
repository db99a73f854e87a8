using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tickr.Client;

namespace Tickr.Cli.Commands;

/// <summary>tickr checkin (scan a token at a gate) and tickr lists (an event's gates, or a new one).</summary>
public static class CheckInCommands
{
    public static Command CheckIn(CliApp app)
    {
        var token = new Argument<string>("token") { Description = "The ticket's token (the QR code's text, TKR1.…)" };
        var list = new Option<string>("--list", "-l") { Description = "The check-in list (gate) id, as `tickr lists <event>` shows it", Required = true };
        var device = new Option<string?>("--device") { Description = "This scanner's name, shown in \"already checked in by …\" (default: tickr-cli@<host>)" };
        var gate = new Option<string?>("--gate") { Description = "The entrance this scanner stands at, e.g. \"Porte 1\" (1 to 50 characters): admissions are counted per gate on the dashboard" };
        var command = new Command("checkin", "Scan a ticket at a check-in list: exit code 0 lets the holder in, 2 refuses them")
        {
            token, list, device, gate,
        };
        command.SetAction((parse, ct) => app.RunAsync(async () =>
        {
            await using var session = app.Open(parse, requireSignIn: true);
            var deviceId = parse.GetValue(device) is { Length: > 0 } named ? named : $"tickr-cli@{Environment.MachineName}";
            var scan = (await session.Client.CheckInTicketAsync(new CheckInInput
            {
                Token = parse.GetValue(token)!.Trim(),
                ListId = parse.GetValue(list)!,
                DeviceId = deviceId,
                Gate = parse.GetValue(gate) is { Length: > 0 } entrance ? entrance : null,
            }, ct).ConfigureAwait(false)).EnsureData().CheckIn;
            Output.ThrowIfErrors("Check-in", scan.Errors);
            var result = scan.Result ?? throw new CliException("The server made no scan and said no more.");
            var console = app.Out;
            if (result == CheckInResult.Ok)
            {
                console.MarkupLine("[bold green]OK[/] — let them in.");
            }
            else
            {
                console.MarkupLine($"[bold red]{Wire(result)}[/] — do not let them in: {Output.Escape(Explain(result))}");
            }
            if (scan.Ticket is { } ticket)
            {
                console.MarkupLine($"  {Output.Escape(ticket.TicketTypeName)} ticket of {Output.Escape(ticket.HolderEmail)}");
            }
            if (scan.FirstCheckIn is { } first)
            {
                console.MarkupLine($"  first checked in at {Output.Escape(first.ListName)} on {first.ScannedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} by {Output.Escape(first.DeviceId)}{(first.Gate is { } at ? $" at gate {Output.Escape(at)}" : "")}{(first.Offline ? " (offline)" : "")}");
            }
            return result == CheckInResult.Ok ? ExitCodes.Success : ExitCodes.Refused;
        }, ct));
        return command;
    }

    public static Command Lists(CliApp app)
    {
        var eventKey = new Argument<string>("event") { Description = "The event's slug or id" };
        var create = new Option<string?>("--create") { Description = "Create a list with this name first (admitting every ticket type)" };
        var command = new Command("lists", "Show an event's check-in lists (gates) with their ids and counts; its organization only")
        {
            eventKey, create,
        };
        command.SetAction((parse, ct) => app.RunAsync(async () =>
        {
            await using var session = app.Open(parse, requireSignIn: true);
            var ev = await EventLookup.FindAsync(session.Client, parse.GetValue(eventKey)!, null, ct).ConfigureAwait(false);
            if (parse.GetValue(create) is { Length: > 0 } name)
            {
                var created = (await session.Client.CreateCheckInListAsync(new CreateCheckInListInput { EventId = ev.Id, Name = name, TicketTypeIds = [] }, ct).ConfigureAwait(false))
                    .EnsureData().CreateCheckInList;
                Output.ThrowIfErrors("Creating the list", created.Errors);
                app.Out.MarkupLine($"Created check-in list [bold]{Output.Escape(created.CheckInList!.Name)}[/]:");
                app.Out.WriteRaw(created.CheckInList.Id);
            }
            var lists = (await session.Client.EventCheckInAsync(ev.Id, ct).ConfigureAwait(false)).EnsureData().Event?.CheckInLists
                ?? throw new CliException($"Only {ev.Title}'s organization sees its check-in lists.");
            if (lists.Count == 0)
            {
                app.Out.MarkupLine($"{Output.Escape(ev.Title)} has no check-in list yet (`tickr lists {Output.Escape(ev.Slug)} --create \"Main gate\"`).");
                return ExitCodes.Success;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumn("List").AddColumn("Admits").AddColumn(new TableColumn("Checked in").RightAligned()).AddColumn("Id");
            foreach (var l in lists)
            {
                table.AddRow(
                    Output.Escape(l.Name),
                    Output.Escape(l.AdmitsAllTicketTypes ? "every type" : string.Join(", ", l.TicketTypes.Select(t => t.Name))),
                    $"{l.CheckedIn} / {l.Total}",
                    Output.Escape(l.Id));
            }
            app.Out.Write(table);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    /// <summary>The result as the API spells it (ALREADY_CHECKED_IN).</summary>
    public static string Wire(CheckInResult result) => result switch
    {
        CheckInResult.Ok => "OK",
        CheckInResult.AlreadyCheckedIn => "ALREADY_CHECKED_IN",
        CheckInResult.InvalidSignature => "INVALID_SIGNATURE",
        CheckInResult.Revoked => "REVOKED",
        CheckInResult.WrongEvent => "WRONG_EVENT",
        CheckInResult.NotValidForList => "NOT_VALID_FOR_LIST",
        CheckInResult.NotPaid => "NOT_PAID",
        _ => result.ToString().ToUpperInvariant(),
    };

    private static string Explain(CheckInResult result) => result switch
    {
        CheckInResult.AlreadyCheckedIn => "this ticket was already admitted at this list.",
        CheckInResult.InvalidSignature => "not a Tickr ticket, or altered.",
        CheckInResult.Revoked => "refunded, cancelled or transferred (an old QR code).",
        CheckInResult.WrongEvent => "a ticket of another event.",
        CheckInResult.NotValidForList => "this list does not admit its ticket type.",
        CheckInResult.NotPaid => "its order is not paid.",
        _ => "refused.",
    };
}
