using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using Tickr.Data.Notifications;
using Tickr.Data.Ordering;
using Tickr.Domain.Common;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Email;
using Tickr.Graph.Notifications;
using Tickr.Graph.Tests.Ticketing;
using Tickr.Testing.Smtp;

namespace Tickr.Graph.Tests.Notifications;

/// <summary>
/// The outbox end to end: orders bought over GraphQL queue their emails in the payment's transaction; dispatchers on
/// clocks the tests move deliver them to a real SMTP server process (aiosmtpd) from the server's PostgreSQL database.
/// Covers what the outbox promises: nothing lost while SMTP is down, each message delivered once by concurrent
/// dispatchers, no retry of a refused recipient, reminders queued once, and a dead dispatcher's messages delivered
/// after its lease. Each test starts from an empty outbox.
/// </summary>
public sealed class OutboxDeliveryTests(NotificationServer server) : IClassFixture<NotificationServer>
{
    private SmtpServer Smtp => server.Smtp;

    [Fact]
    public async Task A_paid_order_gets_its_confirmation_with_one_inline_QR_per_ticket_signed_with_the_event_key_at_the_current_version()
    {
        await server.ClearOutboxAsync();
        var eventId = await server.PublishedEventAsync("Nuit du Malouf");
        var order = await server.BuyAsync(eventId, quantity: 2);
        var queued = await MessageAsync($"confirmation:{order.OrderId}");
        Assert.Equal(OrderBook.ConfirmationEmail, queued.Kind);
        Assert.Null(queued.SentAt);

        // A ticket changed after the order was paid (as a transfer does): the email renders its current version.
        Guid bumped;
        await using (var db = await server.Contexts.CreateDbContextAsync())
        {
            bumped = await db.Tickets.Where(t => t.OrderId == order.OrderId).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
            await db.Tickets.Where(t => t.Id == bumped).ExecuteUpdateAsync(s => s.SetProperty(t => t.Version, 2));
        }

        var result = await server.Dispatcher(NotificationServer.Clock()).DispatchOnceAsync();

        Assert.Equal(new OutboxDispatchResult(1, 1, 0, 0), result);
        var email = Assert.Single(Smtp.MessagesTo(order.BuyerEmail));
        Assert.Equal($"Your tickets for Nuit du Malouf (order {order.Number})", email.Subject);
        Assert.Contains("Hello Nadia Ben Ali,", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Théâtre municipal, Tunis", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("2 × Normal", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("60.000 TND", email.TextBody, StringComparison.Ordinal);

        using var key = await PublicKeyAsync(order.EventId);
        var images = email.BodyParts.OfType<MimePart>().Where(p => p.ContentId is not null).ToList();
        Assert.Equal(2, images.Count);
        var claims = new List<TicketClaims>();
        foreach (var image in images)
        {
            Assert.Equal("image/png", image.ContentType.MimeType);
            Assert.Contains($"src=\"cid:{image.ContentId}\"", email.HtmlBody, StringComparison.Ordinal);
            var verification = TicketToken.Verify(await DecodeAsync(image), key.Key);
            Assert.True(verification.IsValid, verification.Status.ToString());
            Assert.Equal(TicketEmails.QrContentId(verification.Claims.TicketId), image.ContentId);
            claims.Add(verification.Claims);
        }
        Assert.All(claims, c => Assert.Equal(order.EventId, c.EventId));
        Assert.Equal(2, claims.Select(c => c.TicketId).Distinct().Count());
        Assert.Equal(2, claims.Single(c => c.TicketId == bumped).Version);

        var sent = await MessageAsync($"confirmation:{order.OrderId}");
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.LockedUntil);
        Assert.Equal(0, sent.Attempts);
    }

    [Fact]
    public async Task While_SMTP_is_down_nothing_is_lost_messages_wait_with_their_attempts_and_error_then_go_out_when_it_is_back()
    {
        await server.ClearOutboxAsync();
        var eventId = await server.PublishedEventAsync("Festival de Sousse");
        await Smtp.StopAsync();
        try
        {
            var orders = new[] { await server.BuyAsync(eventId, 1), await server.BuyAsync(eventId, 3) };
            var clock = NotificationServer.Clock();
            var dispatcher = server.Dispatcher(clock);

            Assert.Equal(new OutboxDispatchResult(2, 0, 2, 0), await dispatcher.DispatchOnceAsync());
            foreach (var order in orders)
            {
                var message = await MessageAsync($"confirmation:{order.OrderId}");
                Assert.Equal(1, message.Attempts);
                Assert.False(string.IsNullOrWhiteSpace(message.LastError));
                Assert.Null(message.SentAt);
                Assert.Null(message.FailedAt);
                Assert.Null(message.LockedUntil);
                Assert.True(message.NextAttemptAt >= clock.GetUtcNow().AddSeconds(29), message.NextAttemptAt.ToString("O"));
            }

            // Backing off: nothing is due before 30 s; then a second failed attempt waits twice as long.
            Assert.Equal(0, (await dispatcher.DispatchOnceAsync()).Claimed);
            clock.Advance(TimeSpan.FromSeconds(31));
            Assert.Equal(new OutboxDispatchResult(2, 0, 2, 0), await dispatcher.DispatchOnceAsync());
            Assert.All(await MessagesAsync(orders), m => Assert.Equal(2, m.Attempts));
            clock.Advance(TimeSpan.FromSeconds(31));
            Assert.Equal(0, (await dispatcher.DispatchOnceAsync()).Claimed);

            await Smtp.StartAsync();
            clock.Advance(TimeSpan.FromSeconds(31));
            Assert.Equal(new OutboxDispatchResult(2, 2, 0, 0), await dispatcher.DispatchOnceAsync());

            foreach (var order in orders)
            {
                var email = Assert.Single(Smtp.MessagesTo(order.BuyerEmail));
                Assert.Equal(order.Tickets, email.BodyParts.OfType<MimePart>().Count(p => p.ContentId is not null));
            }
            Assert.All(await MessagesAsync(orders), m =>
            {
                Assert.NotNull(m.SentAt);
                Assert.Equal(2, m.Attempts);
            });
        }
        finally
        {
            await Smtp.StartAsync();
        }
    }

    [Fact]
    public async Task Two_dispatchers_on_the_same_database_deliver_each_message_exactly_once()
    {
        await server.ClearOutboxAsync();
        var eventId = await server.PublishedEventAsync("Jazz à Carthage");
        var orders = new List<PaidOrder>();
        for (var i = 0; i < 8; i++)
        {
            orders.Add(await server.BuyAsync(eventId, 1));
        }
        var clock = NotificationServer.Clock();
        var first = server.Dispatcher(clock, o => o.BatchSize = 2);
        var second = server.Dispatcher(clock, o => o.BatchSize = 2);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = new[] { first, second }.Select(dispatcher => Task.Run(async () =>
        {
            await start.Task;
            var rounds = new List<OutboxDispatchResult>();
            while (await dispatcher.DispatchOnceAsync() is { Claimed: > 0 } result)
            {
                rounds.Add(result);
            }
            return rounds;
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(running);

        Assert.Equal(orders.Count, results.SelectMany(r => r).Sum(r => r.Sent));
        foreach (var order in orders)
        {
            Assert.Single(Smtp.MessagesTo(order.BuyerEmail));
        }
        Assert.All(await MessagesAsync(orders), m => Assert.NotNull(m.SentAt));
    }

    [Fact]
    public async Task A_refused_recipient_is_given_up_at_once_and_not_retried()
    {
        await server.ClearOutboxAsync();
        var eventId = await server.PublishedEventAsync("Soirée soufie");
        var order = await server.BuyAsync(eventId, 1, emailPrefix: SmtpServer.RejectedPrefix);
        var clock = NotificationServer.Clock();
        var dispatcher = server.Dispatcher(clock);

        Assert.Equal(new OutboxDispatchResult(1, 0, 0, 1), await dispatcher.DispatchOnceAsync());
        var message = await MessageAsync($"confirmation:{order.OrderId}");
        Assert.Equal(1, message.Attempts);
        Assert.NotNull(message.FailedAt);
        Assert.Null(message.SentAt);
        Assert.False(string.IsNullOrWhiteSpace(message.LastError));

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await dispatcher.DispatchOnceAsync()).Claimed);
        Assert.Empty(Smtp.MessagesTo(order.BuyerEmail));
        Assert.Equal(1, (await MessageAsync($"confirmation:{order.OrderId}")).Attempts);
    }

    [Fact]
    public async Task A_partial_refund_before_delivery_leaves_the_refunded_ticket_out_of_the_confirmation_and_sends_the_refund_notice()
    {
        await server.ClearOutboxAsync();
        var eventId = await server.PublishedEventAsync("Concert de Sfax");
        var order = await server.BuyAsync(eventId, 2);
        Guid refunded;
        await using (var db = await server.Contexts.CreateDbContextAsync())
        {
            var tracked = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == order.OrderId);
            refunded = await db.Tickets.Where(t => t.OrderId == order.OrderId).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
            await OrderBook.RecordRefundAsync(db, tracked, new Money(30_000, Currency.Tnd), [refunded], restock: false, null, null,
                "Changed plans", DateTimeOffset.UtcNow, AuditSource.System, default);
        }

        var clock = NotificationServer.Clock();
        Assert.Equal(new OutboxDispatchResult(2, 2, 0, 0), await server.Dispatcher(clock).DispatchOnceAsync());

        var emails = Smtp.MessagesTo(order.BuyerEmail);
        Assert.Equal(2, emails.Count);
        var confirmation = emails.Single(m => m.Subject?.StartsWith("Your tickets", StringComparison.Ordinal) == true);
        var image = Assert.Single(confirmation.BodyParts.OfType<MimePart>(), p => p.ContentId is not null);
        Assert.NotEqual(TicketEmails.QrContentId(refunded), image.ContentId);
        var notice = emails.Single(m => m.Subject == $"Refund of order {order.Number} (Concert de Sfax)");
        Assert.Contains("We have refunded 30.000 TND", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("Changed plans", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_of_an_unknown_kind_is_given_up_and_says_why()
    {
        await server.ClearOutboxAsync();
        var id = Guid.NewGuid();
        await using (var db = await server.Contexts.CreateDbContextAsync())
        {
            OrderBook.Enqueue(db, DateTimeOffset.UtcNow.AddMinutes(-1), "webhook.partner-ping", new { Id = id }, $"ping:{id}");
            await db.SaveChangesAsync();
        }

        Assert.Equal(new OutboxDispatchResult(1, 0, 0, 1), await server.Dispatcher(NotificationServer.Clock()).DispatchOnceAsync());
        var message = await MessageAsync($"ping:{id}");
        Assert.NotNull(message.FailedAt);
        Assert.Contains("webhook.partner-ping", message.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_are_queued_once_even_when_schedulers_run_repeatedly_and_concurrently_then_delivered_with_the_tickets()
    {
        await server.ClearOutboxAsync();
        var eventId = await server.PublishedEventAsync("Nuits musicales", days: 20);
        var order = await server.BuyAsync(eventId, 2);
        var clock = NotificationServer.Clock();
        var dispatcher = server.Dispatcher(clock);
        // The confirmation goes out first, as it would right after the payment.
        Assert.Equal(1, (await dispatcher.DispatchOnceAsync()).Sent);

        var scheduler = server.Scheduler(clock, dispatcher);
        Assert.Equal(0, await scheduler.RunOnceAsync());
        await using (var db = await server.Contexts.CreateDbContextAsync())
        {
            var startsAt = await db.Events.Where(e => e.Id == order.EventId).Select(e => e.StartsAt).SingleAsync();
            clock.SetUtcNow(startsAt.AddHours(-12));
        }

        var other = server.Scheduler(clock, dispatcher);
        var first = await Task.WhenAll(scheduler.RunOnceAsync(), other.RunOnceAsync());
        Assert.Equal(1, first.Sum());
        Assert.Equal(0, await scheduler.RunOnceAsync());
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await other.RunOnceAsync());

        var reminder = await MessageAsync(Reminders.Key(order.OrderId));
        Assert.Equal(OrderBook.ReminderEmail, reminder.Kind);
        Assert.Equal(new OutboxDispatchResult(1, 1, 0, 0), await dispatcher.DispatchOnceAsync());

        var emails = Smtp.MessagesTo(order.BuyerEmail);
        Assert.Equal(2, emails.Count);
        var email = emails.Single(m => m.Subject == "Reminder: Nuits musicales is coming up");
        Assert.Equal(2, email.BodyParts.OfType<MimePart>().Count(p => p.ContentId is not null));
        Assert.Equal(0, await scheduler.RunOnceAsync());
    }

    [Fact]
    public async Task A_message_claimed_by_a_dispatcher_that_died_is_delivered_by_another_after_the_lease()
    {
        await server.ClearOutboxAsync();
        var eventId = await server.PublishedEventAsync("Festival de Hammamet");
        var order = await server.BuyAsync(eventId, 1);
        var clock = NotificationServer.Clock();
        var lease = TimeSpan.FromMinutes(5);
        // An instance claims the message and dies before delivering it.
        await using (var db = await server.Contexts.CreateDbContextAsync())
        {
            Assert.Single(await OutboxStore.ClaimDueAsync(db, clock.GetUtcNow(), 10, clock.GetUtcNow() + lease));
        }

        var survivor = server.Dispatcher(clock, o => o.Lease = lease);
        Assert.Equal(0, (await survivor.DispatchOnceAsync()).Claimed);
        clock.Advance(lease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await survivor.DispatchOnceAsync()).Claimed);
        Assert.Empty(Smtp.MessagesTo(order.BuyerEmail));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(new OutboxDispatchResult(1, 1, 0, 0), await survivor.DispatchOnceAsync());
        Assert.Single(Smtp.MessagesTo(order.BuyerEmail));
        Assert.Equal(0, (await survivor.DispatchOnceAsync()).Claimed);
    }

    [Fact]
    public async Task The_running_dispatcher_delivers_at_start_and_at_once_when_nudged_without_waiting_for_its_poll()
    {
        await server.ClearOutboxAsync();
        var eventId = await server.PublishedEventAsync("Soirée jazz");
        var before = await server.BuyAsync(eventId, 1);
        // The fake clock never moves, so the dispatcher's poll never fires: only the start and the nudge deliver. It is
        // set a minute ahead so that what the server queues meanwhile (at real time) is due.
        var dispatcher = server.Dispatcher(NotificationServer.Clock(ahead: TimeSpan.FromMinutes(1)), o => o.PollInterval = TimeSpan.FromHours(1));
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await Smtp.WaitForMessageToAsync(before.BuyerEmail, TimeSpan.FromSeconds(20));

            var after = await server.BuyAsync(eventId, 1);
            dispatcher.Nudge();
            await Smtp.WaitForMessageToAsync(after.BuyerEmail, TimeSpan.FromSeconds(20));
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
            dispatcher.Dispose();
        }
    }

    [Fact]
    public void AddTickrNotifications_registers_the_dispatcher_and_scheduler_and_runs_them_only_when_enabled()
    {
        static ServiceCollection Services(bool? enabled)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Tickr:Notifications:PollInterval"] = "00:00:02",
                ["Tickr:Notifications:MaxAttempts"] = "5",
            };
            if (enabled is { } value)
            {
                settings["Tickr:Notifications:Enabled"] = value ? "true" : "false";
            }
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection();
            services.AddTickrNotifications(configuration);
            services.AddTickrNotifications(configuration);
            return services;
        }

        var on = Services(enabled: null);
        Assert.Equal(2, on.Count(d => d.ServiceType == typeof(IHostedService)));
        Assert.Single(on, d => d.ServiceType == typeof(OutboxDispatcher));
        Assert.Single(on, d => d.ServiceType == typeof(ReminderScheduler));
        var options = on.BuildServiceProvider().GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(2), options.PollInterval);
        Assert.Equal(5, options.RetryPolicy.MaxAttempts);

        var off = Services(enabled: false);
        Assert.DoesNotContain(off, d => d.ServiceType == typeof(IHostedService));
        Assert.Single(off, d => d.ServiceType == typeof(OutboxDispatcher));

        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tickr:Notifications:BatchSize"] = "0" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddTickrNotifications(bad));
        Assert.Contains("Tickr:Notifications:BatchSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_resolves_the_notification_services_it_needs()
    {
        // The server registers the database, the email sender and the event keys the dispatcher depends on.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(server.Contexts);
        services.AddSingleton(server.Services.GetRequiredService<Tickr.Domain.Notifications.IEmailSender>());
        services.AddSingleton(server.Services.GetRequiredService<Tickr.Graph.Ticketing.EventKeys>());
        services.AddTickrNotifications(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        var dispatcher = provider.GetRequiredService<OutboxDispatcher>();
        Assert.Same(dispatcher, provider.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single());
        Assert.NotNull(provider.GetServices<IHostedService>().OfType<ReminderScheduler>().Single());
    }

    private async Task<OutboxMessage> MessageAsync(string deduplicationKey)
    {
        await using var db = await server.Contexts.CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.DeduplicationKey == deduplicationKey);
    }

    private async Task<List<OutboxMessage>> MessagesAsync(IEnumerable<PaidOrder> orders)
    {
        var keys = orders.Select(o => $"confirmation:{o.OrderId}").ToList();
        await using var db = await server.Contexts.CreateDbContextAsync();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.DeduplicationKey!)).ToListAsync();
        Assert.Equal(keys.Count, messages.Count);
        return messages;
    }

    private async Task<EventSigningKey> PublicKeyAsync(Guid eventId)
    {
        await using var db = await server.Contexts.CreateDbContextAsync();
        var stored = await db.EventSigningKeys.AsNoTracking().SingleAsync(k => k.EventId == eventId);
        return EventSigningKey.ImportPublicKey(stored.PublicKey);
    }

    private static async Task<string> DecodeAsync(MimePart image)
    {
        using var content = new MemoryStream();
        await image.Content!.DecodeToAsync(content);
        var (text, _, _) = QrDecoder.DecodePng(content.ToArray());
        Assert.NotNull(text);
        return text;
    }
}
