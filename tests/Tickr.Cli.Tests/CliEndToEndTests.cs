using System.Text.Json;
using System.Text.RegularExpressions;
using Tickr.Client;

namespace Tickr.Cli.Tests;

/// <summary>
/// The tickr CLI through its entry point against the real server: login, events, buy, tickets, orders, checkin,
/// lists and watch, the stored credentials, and the failures a user meets (exit codes and messages).
/// </summary>
[Collection(TickrServerCollection.Name)]
public sealed partial class CliEndToEndTests(TickrServer server) : IAsyncLifetime
{
    private UserClient _organizer = null!;

    public async Task InitializeAsync() => _organizer = await UserClient.SignInAsync(server.Endpoint, TickrServer.Organizer);

    public async Task DisposeAsync() => await _organizer.DisposeAsync();

    private Task<OnSaleEvent> NewEventAsync(string title, int capacity = 50) =>
        OnSaleEvent.CreateAsync(_organizer.Client, OnSaleEvent.OrganizationId(_organizer), title + " " + Guid.NewGuid().ToString("N")[..6], capacity);

    private static async Task<CliRun> SucceedAsync(CliRunner cli, params string[] args)
    {
        var run = await cli.RunAsync(args);
        Assert.True(run.ExitCode == 0, $"tickr {string.Join(' ', args)}\n{run}");
        return run;
    }

    [Fact]
    public async Task A_participant_logs_in_finds_buys_and_lists_tickets_and_a_scanner_checks_one_in()
    {
        var ev = await NewEventAsync("Cli concert");
        using var participant = new CliRunner(server.Endpoint);

        var login = await SucceedAsync(participant, "login", "--email", TickrServer.Participant, "--password", TickrServer.Password);
        Assert.Contains("Signed in", login.Out);
        Assert.Contains("Amira Jlassi", login.Out);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(participant.CredentialsPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(participant.ConfigDirectory));
        }
        using (var stored = JsonDocument.Parse(await File.ReadAllTextAsync(participant.CredentialsPath)))
        {
            Assert.Equal(server.Endpoint.ToString(), stored.RootElement.GetProperty("current").GetString());
            var credentials = stored.RootElement.GetProperty("servers").GetProperty(server.Endpoint.ToString());
            Assert.Equal(TickrServer.Participant, credentials.GetProperty("email").GetString());
            Assert.False(string.IsNullOrEmpty(credentials.GetProperty("accessToken").GetString()));
            Assert.False(string.IsNullOrEmpty(credentials.GetProperty("refreshToken").GetString()));
        }

        var events = await SucceedAsync(participant, "events", "--search", ev.Title.Split(' ')[^1]);
        Assert.Contains(ev.Title, events.Out);
        Assert.Contains(ev.Slug, events.Out);
        Assert.Contains("45.000 TND", events.Out);

        var buy = await SucceedAsync(participant, "buy", ev.Slug, "regular", "2");
        var number = OrderNumber().Match(buy.Out);
        Assert.True(number.Success, buy.ToString());
        Assert.Contains("Paid order " + number.Value, buy.Out);
        Assert.Contains("90.000 TND", buy.Out);
        var tokens = buy.Tokens();
        Assert.Equal(2, tokens.Count);

        var tickets = await SucceedAsync(participant, "tickets");
        Assert.Contains(ev.Title, tickets.Out);
        Assert.Equal(2, tickets.Tokens("#1 ").Count + tickets.Tokens("#2 ").Count);
        var orders = await SucceedAsync(participant, "orders");
        Assert.Contains(number.Value, orders.Out);
        Assert.Contains("PAID", orders.Out);

        // The scanner, on their own machine (own credentials file), by the list id.
        using var scanner = new CliRunner(server.Endpoint);
        await SucceedAsync(scanner, "login", "-e", TickrServer.Scanner, "-p", TickrServer.Password);
        var admitted = await scanner.RunAsync("checkin", tokens[0], "--list", ev.CheckInListId, "--device", "north-door", "--gate", "Porte 1");
        Assert.True(admitted.ExitCode == ExitCodes.Success, admitted.ToString());
        Assert.Contains("OK", admitted.Out);
        Assert.Contains("Regular ticket of " + TickrServer.Participant, admitted.Out);

        var twice = await scanner.RunAsync("checkin", tokens[0], "--list", ev.CheckInListId);
        Assert.True(twice.ExitCode == ExitCodes.Refused, twice.ToString());
        Assert.Contains("ALREADY_CHECKED_IN", twice.Out);
        Assert.Contains("north-door at gate Porte 1", twice.Out);

        var forged = await scanner.RunAsync("checkin", tokens[1][..^4] + "AAAA", "--list", ev.CheckInListId);
        Assert.True(forged.ExitCode == ExitCodes.Refused, forged.ToString());
        Assert.Contains("INVALID_SIGNATURE", forged.Out);

        // The organizer's view of the gate.
        using var organizer = new CliRunner(server.Endpoint);
        await SucceedAsync(organizer, "login", "-e", TickrServer.Organizer, "-p", TickrServer.Password);
        var lists = await SucceedAsync(organizer, "lists", ev.Slug);
        Assert.Contains("Main gate", lists.Out);
        Assert.Contains("1 / 2", lists.Out);
        Assert.Contains(ev.CheckInListId, lists.Out);
    }

    [Fact]
    public async Task Failures_are_one_line_on_standard_error_with_a_non_zero_exit_code()
    {
        var ev = await NewEventAsync("Cli errors", capacity: 2);
        using var cli = new CliRunner(server.Endpoint);

        var anonymous = await cli.RunAsync("tickets");
        Assert.Equal(ExitCodes.Failure, anonymous.ExitCode);
        Assert.Contains("Not signed in", anonymous.Error);
        Assert.Contains("tickr login", anonymous.Error);

        var wrongPassword = await cli.RunAsync("login", "--email", TickrServer.Participant, "--password", "not-the-password");
        Assert.Equal(ExitCodes.Failure, wrongPassword.ExitCode);
        Assert.Contains("Sign-in failed", wrongPassword.Error);
        Assert.False(File.Exists(cli.CredentialsPath));

        await SucceedAsync(cli, "login", "--email", TickrServer.Participant, "--password", TickrServer.Password);

        var unknownType = await cli.RunAsync("buy", ev.Slug, "VIP", "1");
        Assert.Equal(ExitCodes.Failure, unknownType.ExitCode);
        Assert.Contains("no ticket type 'VIP'", unknownType.Error);
        Assert.Contains("Regular (45.000 TND, 2 left)", unknownType.Error);

        var unknownEvent = await cli.RunAsync("buy", "no-such-event-" + Guid.NewGuid().ToString("N")[..6], "Regular", "1");
        Assert.Equal(ExitCodes.Failure, unknownEvent.ExitCode);
        Assert.Contains("No event", unknownEvent.Error);

        var soldOut = await cli.RunAsync("buy", ev.Id, "Regular", "3");
        Assert.Equal(ExitCodes.Failure, soldOut.ExitCode);
        Assert.Contains("Sold out: 2 Regular ticket(s) left, 3 asked", soldOut.Error);

        var usage = await cli.RunAsync("checkin", "TKR1.x");
        Assert.NotEqual(ExitCodes.Success, usage.ExitCode);
        Assert.Contains("--list", usage.Error);

        var notStaff = await cli.RunAsync("checkin", "TKR1.x", "--list", ev.CheckInListId);
        Assert.Equal(ExitCodes.Failure, notStaff.ExitCode);
        Assert.Contains("Check-in failed", notStaff.Error);

        var unreachable = await cli.RunAsync("events", "--server", "http://127.0.0.1:1/graphql");
        Assert.Equal(ExitCodes.Failure, unreachable.ExitCode);
        Assert.Contains("Cannot reach the server", unreachable.Error);
    }

    [Fact]
    public async Task An_expired_access_token_is_renewed_with_the_refresh_token_and_saved()
    {
        using var cli = new CliRunner(server.Endpoint);
        await SucceedAsync(cli, "login", "--email", TickrServer.Participant, "--password", TickrServer.Password);
        var text = await File.ReadAllTextAsync(cli.CredentialsPath);
        var before = JsonDocument.Parse(text).RootElement.GetProperty("servers").GetProperty(server.Endpoint.ToString());
        var oldRefresh = before.GetProperty("refreshToken").GetString()!;
        var expiry = before.GetProperty("accessTokenExpiresAt").GetString()!;
        await File.WriteAllTextAsync(cli.CredentialsPath, text.Replace(expiry, DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O")));

        var whoami = await SucceedAsync(cli, "whoami");
        Assert.Contains(TickrServer.Participant, whoami.Out);

        var after = JsonDocument.Parse(await File.ReadAllTextAsync(cli.CredentialsPath)).RootElement.GetProperty("servers").GetProperty(server.Endpoint.ToString());
        Assert.NotEqual(oldRefresh, after.GetProperty("refreshToken").GetString());
        Assert.True(after.GetProperty("accessTokenExpiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Watch_redraws_inventory_and_check_ins_as_they_change_and_ends_on_cancel()
    {
        var ev = await NewEventAsync("Cli watch", capacity: 20);
        using var organizer = new CliRunner(server.Endpoint);
        await SucceedAsync(organizer, "login", "-e", TickrServer.Organizer, "-p", TickrServer.Password);
        using var stop = new CancellationTokenSource();
        var watch = organizer.StartAsync(["watch", ev.Slug], stop.Token);

        // checkInsChanged's first message (the current counts) arrives at once: the display is live.
        await Until(() => watch.Out.Contains("updated", StringComparison.Ordinal), watch);
        await Task.Delay(300);

        await using var participant = await UserClient.SignInAsync(server.Endpoint, TickrServer.Participant);
        var order = (await participant.Client.ReserveTicketsAsync(new ReserveTicketsInput
        {
            EventId = ev.Id,
            Items = [new ReservationItemInput { TicketTypeId = ev.TicketTypeId, Quantity = 3 }],
        })).EnsureData().ReserveTickets.Order!;
        var paid = (await participant.Client.CheckoutAsync(new CheckoutInput { OrderId = order.Id, Provider = PaymentProviderKind.Development })).EnsureData().Checkout.Order!;
        await Until(() => InventoryRow().IsMatch(watch.Out), watch);

        await using var scanner = await UserClient.SignInAsync(server.Endpoint, TickrServer.Scanner);
        var scan = (await scanner.Client.CheckInTicketAsync(new CheckInInput { Token = paid.Tickets[0].Token!, ListId = ev.CheckInListId, DeviceId = "watch-test" })).EnsureData().CheckIn;
        Assert.Equal(CheckInResult.Ok, scan.Result);
        await Until(() => CheckInRow().IsMatch(watch.Out), watch);

        await stop.CancelAsync();
        var ended = await watch.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(ended.ExitCode == ExitCodes.Success, ended.ToString());
        Assert.Contains("Stopped.", ended.Out);
    }

    private static async Task Until(Func<bool> condition, CliRun run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (run.Completion.IsCompleted || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not seen in time.\n{run}");
            }
            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"TK-[A-Z0-9]+")]
    private static partial Regex OrderNumber();

    /// <summary>Regular: 17 remaining, 3 sold, 0 held, of 20.</summary>
    [GeneratedRegex(@"Regular\W+17\W+3\W+0\W+20")]
    private static partial Regex InventoryRow();

    /// <summary>Main gate: 1 checked in of 3.</summary>
    [GeneratedRegex(@"Main gate\W+1\W+3\W+33")]
    private static partial Regex CheckInRow();
}
