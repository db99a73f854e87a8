using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Tickr.Domain.Common;
using Tickr.Domain.Notifications;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Email;
using Tickr.Graph.Tests.Ticketing;
using Tickr.Testing.Smtp;

namespace Tickr.Graph.Tests.Email;

/// <summary>The SMTP adapter against a real SMTP server process (aiosmtpd): what arrives is what a mail client gets.</summary>
public sealed class SmtpEmailSenderTests(SmtpServer smtp) : IClassFixture<SmtpServer>, IDisposable
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(15);
    private readonly EventSigningKey _key = EventSigningKey.Create();

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task An_order_confirmation_arrives_with_its_text_html_and_one_inline_QR_per_ticket_that_decodes_to_a_valid_token()
    {
        var to = Recipient();
        var eventId = Guid.NewGuid();
        var typeId = Guid.NewGuid();
        var tickets = Enumerable.Range(1, 2)
            .Select(i => new TicketClaims(eventId, Guid.NewGuid(), typeId, 1))
            .Select((claims, i) => new TicketEmailTicket(claims.TicketId, $"Holder {i + 1}", _key.Sign(claims), "Normal"))
            .ToList();
        var price = Money.FromMajor(50, Currency.Tnd);
        var message = TicketEmails.OrderConfirmation(
            to, "Nadia Ben Ali",
            new TicketEmailEvent("Nuit du Malouf", "Théâtre municipal", "Tunis", new DateTimeOffset(2027, 7, 14, 19, 0, 0, TimeSpan.Zero), "Africa/Tunis"),
            "TKR-2027-000042",
            [new TicketEmailLine("Normal", 2, price, price * 2)],
            price * 2,
            tickets);

        await Sender().SendAsync(message);
        var received = await smtp.WaitForMessageToAsync(to, Arrival);

        Assert.Equal("Your tickets for Nuit du Malouf (order TKR-2027-000042)", received.Subject);
        Assert.Equal("no-reply@tickr.test", received.From.Mailboxes.Single().Address);
        Assert.Equal(to, received.To.Mailboxes.Single().Address);
        Assert.Contains("Thank you for your order TKR-2027-000042", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("100.000 TND", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("Théâtre municipal, Tunis", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("100.000 TND", received.HtmlBody, StringComparison.Ordinal);

        var images = received.BodyParts.OfType<MimePart>().Where(p => p.ContentId is not null).ToList();
        Assert.Equal(2, images.Count);
        foreach (var (ticket, image) in tickets.Zip(images))
        {
            Assert.Equal("image/png", image.ContentType.MimeType);
            Assert.Equal(TicketEmails.QrContentId(ticket.TicketId), image.ContentId);
            Assert.Contains($"src=\"cid:{image.ContentId}\"", received.HtmlBody, StringComparison.Ordinal);
            Assert.Contains(ticket.Token, received.TextBody, StringComparison.Ordinal);

            using var content = new MemoryStream();
            await image.Content!.DecodeToAsync(content);
            var (text, _, _) = QrDecoder.DecodePng(content.ToArray());
            var verification = TicketToken.Verify(text, _key.Key);
            Assert.True(verification.IsValid, verification.Status.ToString());
            Assert.Equal(ticket.TicketId, verification.Claims.TicketId);
        }

        // The inline images live with the HTML in multipart/related, inside the text/HTML alternative.
        var alternative = Assert.IsType<MultipartAlternative>(received.Body);
        Assert.Equal("text/plain", alternative[0].ContentType.MimeType);
        var related = Assert.IsType<MultipartRelated>(alternative[1]);
        Assert.Equal("text/html", related.Root!.ContentType.MimeType);
    }

    [Fact]
    public async Task A_plain_message_as_the_account_emails_send_it_arrives_unchanged()
    {
        var to = Recipient();

        await Sender().SendAsync(new EmailMessage(to, "Confirm your Tickr email address", "Token:\nabc-123\n", "<p>Token: <code>abc-123</code></p>"));
        var received = await smtp.WaitForMessageToAsync(to, Arrival);

        Assert.Equal("Confirm your Tickr email address", received.Subject);
        Assert.Equal("Token:\nabc-123\n", received.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains("<code>abc-123</code>", received.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(received.Attachments);
    }

    [Fact]
    public async Task With_the_server_down_sending_fails_fast_with_a_transient_error_and_succeeds_once_it_is_back()
    {
        var to = Recipient();
        var message = new EmailMessage(to, "Retry me", "body");
        await smtp.StopAsync();
        try
        {
            var watch = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => Sender(TimeSpan.FromSeconds(2)).SendAsync(message));
            Assert.False(error.IsPermanent);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
            Assert.Empty(smtp.MessagesTo(to));
        }
        finally
        {
            await smtp.StartAsync();
        }

        // What the outbox does next: try again.
        await Sender().SendAsync(message);
        Assert.Equal("Retry me", (await smtp.WaitForMessageToAsync(to, Arrival)).Subject);
    }

    [Fact]
    public async Task A_server_that_accepts_the_connection_but_never_answers_fails_after_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        var accepting = AcceptForeverAsync(silent, accepted);
        try
        {
            var sender = Sender(TimeSpan.FromSeconds(1), ((IPEndPoint)silent.LocalEndpoint).Port);
            var watch = Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(new EmailMessage(Recipient(), "Hung", "body")));

            Assert.False(error.IsPermanent);
            Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(6));
        }
        finally
        {
            silent.Stop();
            await accepting;
            accepted.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Cancelling_stops_a_send_waiting_on_a_hung_server()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        var accepting = AcceptForeverAsync(silent, accepted);
        try
        {
            var sender = Sender(TimeSpan.FromSeconds(60), ((IPEndPoint)silent.LocalEndpoint).Port);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var watch = Stopwatch.StartNew();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(new EmailMessage(Recipient(), "Hung", "body"), cancel.Token));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        }
        finally
        {
            silent.Stop();
            await accepting;
            accepted.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_with_550_is_a_permanent_failure()
    {
        var to = SmtpServer.RejectedPrefix + "-" + Recipient();

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => Sender().SendAsync(new EmailMessage(to, "Nobody home", "body")));

        Assert.True(error.IsPermanent);
        var command = Assert.IsType<MailKit.Net.Smtp.SmtpCommandException>(error.InnerException);
        Assert.Equal(550, (int)command.StatusCode);
        Assert.Empty(smtp.MessagesTo(to));
    }

    [Fact]
    public async Task An_invalid_recipient_address_is_a_permanent_failure()
    {
        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => Sender().SendAsync(new EmailMessage("not an address", "Hello", "body")));

        Assert.True(error.IsPermanent);
    }

    [Fact]
    public void Invalid_settings_are_refused_naming_the_key()
    {
        var options = Options(TimeSpan.FromSeconds(1), smtp.Port);
        options.Smtp.Port = 70_000;
        var error = Assert.Throws<InvalidOperationException>(() => new SmtpEmailSender(options, TimeProvider.System, NullLogger<SmtpEmailSender>.Instance));
        Assert.Contains("Tickr:Email:Smtp:Port", error.Message, StringComparison.Ordinal);

        options = Options(TimeSpan.Zero, smtp.Port);
        error = Assert.Throws<InvalidOperationException>(() => new SmtpEmailSender(options, TimeProvider.System, NullLogger<SmtpEmailSender>.Instance));
        Assert.Contains("Tickr:Email:Smtp:Timeout", error.Message, StringComparison.Ordinal);
    }

    private SmtpEmailSender Sender(TimeSpan? timeout = null, int? port = null) =>
        new(Options(timeout ?? TimeSpan.FromSeconds(10), port ?? smtp.Port), TimeProvider.System, NullLogger<SmtpEmailSender>.Instance);

    private static EmailOptions Options(TimeSpan timeout, int port) => new()
    {
        From = "Tickr <no-reply@tickr.test>",
        Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, Timeout = timeout },
    };

    private static string Recipient() => $"buyer-{Guid.NewGuid():N}@example.tn";

    private static async Task AcceptForeverAsync(TcpListener listener, List<TcpClient> accepted)
    {
        try
        {
            while (true)
            {
                accepted.Add(await listener.AcceptTcpClientAsync());
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}
