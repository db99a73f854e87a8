using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tickr.Data;
using Tickr.Data.Identity;
using Tickr.Data.Ordering;
using Tickr.Domain.Notifications;
using Tickr.Graph.Auth;
using Tickr.Graph.Notifications;
using Tickr.Graph.Tests.Catalog;
using Tickr.Graph.Tests.TestHost;
using Tickr.Graph.Ticketing;
using Tickr.Testing.Smtp;

namespace Tickr.Graph.Tests.Notifications;

/// <summary>A paid order as the tests see it: its id, number, buyer address, event and ticket count.</summary>
public sealed record PaidOrder(Guid OrderId, string Number, string BuyerEmail, Guid EventId, int Tickets);

/// <summary>
/// For one test class: a real SMTP server process (aiosmtpd), a PostgreSQL database of its own, and the Tickr server on
/// them (Development: the instant payment provider) with SMTP configured and its own outbox workers off, so that tests
/// drive dispatchers and schedulers themselves, each on a clock the test controls. Orders are bought over GraphQL as
/// a participant would.
/// </summary>
public sealed class NotificationServer : IAsyncLifetime
{
    private readonly TickrPostgres _postgres = new();
    private CatalogApi? _api;
    private Organizer? _organizer;
    private int _buyers;

    public SmtpServer Smtp { get; } = new();

    public CatalogApi Api => _api ?? throw new InvalidOperationException("Not initialized.");

    public IServiceProvider Services { get; private set; } = null!;

    public IDbContextFactory<TickrDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<TickrDbContext>>();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Smtp.StartAsync(), _postgres.InitializeAsync());
        var app = new TickrAppFactory()
            .WithSetting("ConnectionStrings:Tickr", _postgres.ConnectionString)
            .WithSetting("Tickr:Email:Smtp:Host", Smtp.Host)
            .WithSetting("Tickr:Email:Smtp:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture))
            .WithSetting("Tickr:Email:Smtp:Security", "None")
            .WithSetting("Tickr:Email:Smtp:Timeout", "00:00:10")
            .WithSetting("Tickr:Email:From", "Tickr <no-reply@tickr.test>")
            .WithSetting("Tickr:Notifications:Enabled", "false");
        _api = new CatalogApi(app);
        Services = app.Services;
        _organizer = await Api.OrganizerAsync("Carthage Live");
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
        await _postgres.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>A dispatcher of the server's database, SMTP sender and event keys, on <paramref name="clock"/>.</summary>
    public OutboxDispatcher Dispatcher(TimeProvider clock, Action<NotificationOptions>? configure = null)
    {
        var options = Configure(configure);
        return new OutboxDispatcher(
            Contexts, Services.GetRequiredService<IEmailSender>(), [new OrderEmailRenderer(Contexts, Services.GetRequiredService<EventKeys>(), clock)],
            clock, Microsoft.Extensions.Options.Options.Create(options), NullLogger<OutboxDispatcher>.Instance);
    }

    public ReminderScheduler Scheduler(TimeProvider clock, OutboxDispatcher dispatcher) =>
        new(Contexts, dispatcher, clock, Microsoft.Extensions.Options.Options.Create(Configure(null)), NullLogger<ReminderScheduler>.Instance);

    private static NotificationOptions Configure(Action<NotificationOptions>? configure)
    {
        var options = new NotificationOptions();
        configure?.Invoke(options);
        return options;
    }

    /// <summary>
    /// A clock at the real current time (plus <paramref name="ahead"/>): the server creates events and orders and queues
    /// their messages at real time, so what it has queued so far is due on this clock.
    /// </summary>
    public static FakeTimeProvider Clock(TimeSpan? ahead = null) => new(DateTimeOffset.UtcNow + (ahead ?? TimeSpan.Zero));

    /// <summary>Deletes every outbox message, so that a test sees only its own.</summary>
    public async Task ClearOutboxAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await db.OutboxMessages.ExecuteDeleteAsync();
    }

    /// <summary>A published event at a venue, with one ticket type, starting in <paramref name="days"/> days; returns its id (global).</summary>
    public async Task<string> PublishedEventAsync(string title = "Nuit du Malouf", double days = 30)
    {
        var organizer = _organizer!;
        var venue = await Api.SucceedAsync("createVenue", new
        {
            organizationId = organizer.Id,
            name = "Théâtre municipal",
            address = "Avenue Habib Bourguiba",
            city = "Tunis",
        }, organizer.Token, "venue { id }");
        var created = await Api.SucceedAsync("createEvent", new
        {
            organizationId = organizer.Id,
            title,
            startsAt = CatalogApi.InDays(days),
            endsAt = CatalogApi.InDays(days + 0.2),
            timeZone = "Africa/Tunis",
            venueId = venue.GetProperty("venue").GetProperty("id").GetString(),
        }, organizer.Token, "event { id }");
        var eventId = created.GetProperty("event").GetProperty("id").GetString()!;
        await Api.AddTicketTypeAsync(organizer, eventId, "Normal", 30_000, 200);
        await Api.SucceedAsync("publishEvent", new { eventId }, organizer.Token, "event { status }");
        return eventId;
    }

    /// <summary>
    /// A new participant (<paramref name="emailPrefix"/>…@tests.tickr.tn, English) reserves <paramref name="quantity"/>
    /// tickets of the event's first type over GraphQL, and the payment is confirmed: the order is PAID, its tickets
    /// issued and its confirmation queued.
    /// </summary>
    public async Task<PaidOrder> BuyAsync(string eventId, int quantity = 2, string emailPrefix = "buyer")
    {
        var (email, token) = await ParticipantAsync(emailPrefix);
        var typeId = await FirstTicketTypeAsync(eventId);
        var reserved = await Api.SucceedAsync("reserveTickets", new
        {
            eventId,
            items = new[] { new { ticketTypeId = typeId, quantity } },
        }, token, "order { id number status }");
        var order = reserved.GetProperty("order");
        var orderId = order.GetProperty("id").GetString()!;
        // Paid through the confirmation use case itself (tickets issued and the email queued in its transaction), as a
        // provider's confirmation does. Not through checkout(DEVELOPMENT): it records the payment as succeeded before
        // applying it, so the order stays RESERVED (reported; Ordering/Checkout.cs is not this module's).
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var (outcome, _) = await OrderBook.ConfirmPaymentAsync(db, CatalogApi.Key(orderId), DateTimeOffset.UtcNow, AuditSource.System, null, default);
            Assert.Equal(ConfirmationOutcome.Paid, outcome);
        }
        return new PaidOrder(CatalogApi.Key(orderId), order.GetProperty("number").GetString()!, email, CatalogApi.Key(eventId), quantity);
    }

    private async Task<string> FirstTicketTypeAsync(string eventId)
    {
        var id = CatalogApi.Key(eventId);
        await using var db = await Contexts.CreateDbContextAsync();
        var type = await db.TicketTypes.AsNoTracking().Where(t => t.EventId == id).OrderBy(t => t.Position).Select(t => t.Id).FirstAsync();
        return CatalogApi.Gid("TicketType", type);
    }

    private async Task<(string Email, string Token)> ParticipantAsync(string prefix)
    {
        var n = Interlocked.Increment(ref _buyers).ToString(CultureInfo.InvariantCulture);
        var email = $"{prefix}{n}-{Guid.NewGuid():N}@tests.tickr.tn";
        var user = new TickrUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            DisplayName = "Nadia Ben Ali",
            Locale = "en",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await using var db = await Contexts.CreateDbContextAsync();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        // A token as login issues it: reserving needs the buyer's email claim.
        return (email, Services.GetRequiredService<AccessTokenIssuer>().CreateAccessToken(user, []).Token);
    }
}
