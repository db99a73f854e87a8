using System.Text.RegularExpressions;
using Tickr.Domain.Common;
using Tickr.Domain.Notifications;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Email;
using Tickr.Graph.Tests.Ticketing;

namespace Tickr.Graph.Tests.Email;

public sealed partial class TicketEmailsTests : IDisposable
{
    private const string Hostile = "<script>alert('x')</script>";
    private static readonly TicketEmailEvent Event = new(
        "Nuit du Malouf", "Théâtre municipal", "Tunis", new DateTimeOffset(2027, 7, 14, 19, 0, 0, TimeSpan.Zero), "Africa/Tunis");

    private static readonly Money Fifty = Money.FromMajor(50, Currency.Tnd);

    private readonly EventSigningKey _key = EventSigningKey.Create();

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Every_cid_in_the_confirmation_html_is_an_inline_png_attachment_whose_QR_decodes_to_the_tickets_token()
    {
        var tickets = Tickets(3);

        var message = Confirmation(tickets);

        var cids = CidReference().Matches(message.HtmlBody!).Select(m => m.Groups[1].Value).ToList();
        var attachments = message.Attachments!;
        Assert.Equal(3, cids.Count);
        Assert.Equal(cids, attachments.Select(a => a.ContentId));
        Assert.All(attachments, a => Assert.True(a.IsInline));
        Assert.All(attachments, a => Assert.Equal("image/png", a.ContentType));
        Assert.Equal(3, attachments.Select(a => a.FileName).Distinct().Count());
        foreach (var (ticket, attachment) in tickets.Zip(attachments))
        {
            Assert.Equal(TicketEmails.QrContentId(ticket.TicketId), attachment.ContentId);
            Assert.Equal(ticket.Token, QrDecoder.DecodePng(attachment.Content).Text);
            Assert.True(_key.Verify(ticket.Token).IsValid);
        }
    }

    [Fact]
    public void User_text_is_html_encoded_everywhere_it_appears()
    {
        var hostileEvent = Event with { Name = "Gala " + Hostile, Venue = "Salle \"A\" & <b>B</b>", City = "<i>Sfax</i>" };
        var claims = new TicketClaims(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1);
        var message = TicketEmails.OrderConfirmation(
            "buyer@example.tn", "Eve " + Hostile, hostileEvent, "<order>",
            [new TicketEmailLine("VIP " + Hostile, 1, Fifty, Fifty)], Fifty,
            [new TicketEmailTicket(claims.TicketId, "<img src=x onerror=alert(1)>", _key.Sign(claims), "<u>type</u>")]);

        var html = message.HtmlBody!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>B</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<u>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<order>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Salle &quot;A&quot; &amp; &lt;b&gt;B&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        // The only tags are the template's own: every <img> is a cid: QR code.
        Assert.All(Regex.Matches(html, "<img [^>]*>").Select(m => m.Value), tag => Assert.Contains("src=\"cid:ticket-", tag, StringComparison.Ordinal));
        // The text body is text: names appear as typed.
        Assert.Contains("Eve " + Hostile, message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_show_three_decimals_for_TND_and_the_start_time_is_the_events_local_time()
    {
        var message = TicketEmails.OrderConfirmation(
            "buyer@example.tn", "Nadia", Event, "TKR-1",
            [new TicketEmailLine("Normal", 2, Fifty, Fifty * 2), new TicketEmailLine("VIP", 1, Money.FromDecimal(120.5m, Currency.Tnd), Money.FromDecimal(120.5m, Currency.Tnd))],
            Money.FromDecimal(220.5m, Currency.Tnd), Tickets(1));

        foreach (var body in new[] { message.TextBody, message.HtmlBody! })
        {
            Assert.Contains("50.000 TND", body, StringComparison.Ordinal);
            Assert.Contains("100.000 TND", body, StringComparison.Ordinal);
            Assert.Contains("120.500 TND", body, StringComparison.Ordinal);
            Assert.Contains("220.500 TND", body, StringComparison.Ordinal);
            // 19:00 UTC is 20:00 in Tunis (UTC+1, no daylight saving).
            Assert.Contains("14 July 2027, 20:00 (Africa/Tunis)", body, StringComparison.Ordinal);
        }
        Assert.Contains("2 × Normal @ 50.000 TND = 100.000 TND", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_French_locale_gets_the_French_text_and_date()
    {
        var message = Confirmation(Tickets(1), "fr-TN");

        Assert.Equal("Vos billets pour Nuit du Malouf (commande TKR-1)", message.Subject);
        Assert.Contains("Bonjour Nadia,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("14 juillet 2027, 20:00", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"fr\"", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reminder_names_the_event_and_carries_the_tickets_again()
    {
        var tickets = Tickets(2);

        var message = TicketEmails.Reminder("buyer@example.tn", "Nadia", Event, tickets);

        Assert.Equal("Reminder: Nuit du Malouf is coming up", message.Subject);
        Assert.Contains("20:00 (Africa/Tunis)", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(tickets.Select(t => TicketEmails.QrContentId(t.TicketId)), message.Attachments!.Select(a => a.ContentId));
        Assert.Equal(2, CidReference().Matches(message.HtmlBody!).Count);
    }

    [Fact]
    public void The_refund_notice_states_the_amount_and_encodes_the_reason()
    {
        var message = TicketEmails.RefundNotice("buyer@example.tn", "Nadia", "Nuit du Malouf", "TKR-1", Fifty, "Event " + Hostile);

        Assert.Equal("Refund of order TKR-1 (Nuit du Malouf)", message.Subject);
        Assert.Contains("We have refunded 50.000 TND for your order TKR-1", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("50.000 TND", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", message.HtmlBody, StringComparison.Ordinal);
        Assert.Null(message.Attachments);
    }

    private EmailMessage Confirmation(IReadOnlyList<TicketEmailTicket> tickets, string? locale = null) =>
        TicketEmails.OrderConfirmation(
            "buyer@example.tn", "Nadia", Event, "TKR-1",
            [new TicketEmailLine("Normal", tickets.Count, Fifty, Fifty * tickets.Count)], Fifty * tickets.Count, tickets, locale);

    private List<TicketEmailTicket> Tickets(int count)
    {
        var eventId = Guid.NewGuid();
        return Enumerable.Range(1, count)
            .Select(i => new TicketClaims(eventId, Guid.NewGuid(), Guid.NewGuid(), 1))
            .Select((c, i) => new TicketEmailTicket(c.TicketId, $"Holder {i + 1}", _key.Sign(c), "Normal"))
            .ToList();
    }

    [GeneratedRegex("src=\"cid:([^\"]+)\"")]
    private static partial Regex CidReference();
}
