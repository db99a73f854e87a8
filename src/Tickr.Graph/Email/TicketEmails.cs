using System.Globalization;
using System.Net;
using System.Text;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Notifications;
using Tickr.Graph.Ticketing;

namespace Tickr.Graph.Email;

/// <summary>The event as the ticket emails show it.</summary>
/// <param name="Name">The event's title.</param>
/// <param name="Venue">The venue's name.</param>
/// <param name="City">The venue's city, or null.</param>
/// <param name="StartsAt">When it starts (any offset: it is shown in <paramref name="TimeZone"/>).</param>
/// <param name="TimeZone">The event's IANA time zone, e.g. <c>Africa/Tunis</c>.</param>
public sealed record TicketEmailEvent(string Name, string Venue, string? City, DateTimeOffset StartsAt, string TimeZone);

/// <summary>One line of an order: a ticket type, how many, at what price.</summary>
public sealed record TicketEmailLine(string TicketTypeName, int Quantity, Money UnitPrice, Money Total);

/// <summary>One ticket of an order: its id, holder, signed token (<see cref="Tickr.Domain.Ticketing.TicketToken"/>) and type.</summary>
public sealed record TicketEmailTicket(Guid TicketId, string HolderName, string Token, string? TicketTypeName = null);

/// <summary>
/// Composes the emails of an order's life: the confirmation with every ticket's QR code, the reminder before the event,
/// the refund notice. Plain data in, an <see cref="EmailMessage"/> out (the outbox stores and sends it). Each QR code is
/// an inline PNG (<c>cid:</c>) so it shows without loading remote images; the text body carries each ticket's code as
/// text for clients that show no HTML. All user-supplied text is HTML-encoded. English, or French for a <c>fr</c> locale.
/// </summary>
public static class TicketEmails
{
    /// <summary>The order confirmation: the order's lines and total, then one section per ticket with its QR code.</summary>
    public static EmailMessage OrderConfirmation(
        string buyerEmail,
        string buyerName,
        TicketEmailEvent @event,
        string orderNumber,
        IReadOnlyList<TicketEmailLine> lines,
        Money total,
        IReadOnlyList<TicketEmailTicket> tickets,
        string? locale = null)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(tickets);
        var t = Texts.For(locale);
        var when = When(@event, t);
        var subject = string.Format(t.Culture, t.ConfirmationSubject, orderNumber, @event.Name);

        var text = new StringBuilder()
            .AppendLine(string.Format(t.Culture, t.Greeting, buyerName)).AppendLine()
            .AppendLine(string.Format(t.Culture, t.ConfirmationIntro, orderNumber)).AppendLine()
            .AppendLine(@event.Name).AppendLine(when).AppendLine(Where(@event)).AppendLine();
        foreach (var line in lines)
        {
            text.AppendLine(string.Create(t.Culture, $"{line.Quantity} × {line.TicketTypeName} @ {line.UnitPrice} = {line.Total}"));
        }
        text.AppendLine(string.Create(t.Culture, $"{t.Total}: {total}")).AppendLine();

        var html = Open(t);
        html.Append("<p>").Append(Encode(string.Format(t.Culture, t.Greeting, buyerName))).Append("</p>")
            .Append("<p>").Append(Encode(string.Format(t.Culture, t.ConfirmationIntro, orderNumber))).Append("</p>");
        AppendEvent(html, @event, when);
        html.Append("<table style=\"border-collapse:collapse;margin:16px 0\">");
        foreach (var line in lines)
        {
            html.Append("<tr><td style=\"padding:4px 12px 4px 0\">").Append(line.Quantity.ToString(CultureInfo.InvariantCulture))
                .Append(" × ").Append(Encode(line.TicketTypeName))
                .Append("</td><td style=\"padding:4px 12px;text-align:right\">").Append(Encode(line.UnitPrice.ToString()))
                .Append("</td><td style=\"padding:4px 0 4px 12px;text-align:right\">").Append(Encode(line.Total.ToString())).Append("</td></tr>");
        }
        html.Append("<tr><td colspan=\"2\" style=\"padding:8px 12px 4px 0;border-top:1px solid #ccc\"><strong>").Append(Encode(t.Total))
            .Append("</strong></td><td style=\"padding:8px 0 4px 12px;border-top:1px solid #ccc;text-align:right\"><strong>")
            .Append(Encode(total.ToString())).Append("</strong></td></tr></table>");

        var attachments = AppendTickets(text, html, tickets, t);
        text.AppendLine(t.ShowAtEntrance);
        html.Append("<p>").Append(Encode(t.ShowAtEntrance)).Append("</p>");
        return new EmailMessage(buyerEmail, subject, text.ToString(), Close(html), attachments);
    }

    /// <summary>The reminder sent the day before the event, with the tickets again (when given).</summary>
    public static EmailMessage Reminder(
        string email,
        string name,
        TicketEmailEvent @event,
        IReadOnlyList<TicketEmailTicket> tickets,
        string? locale = null)
    {
        var t = Texts.For(locale);
        return TicketsMessage(email, name, @event, tickets, t, t.ReminderSubject, t.ReminderIntro);
    }

    /// <summary>
    /// To the new holder of a transferred ticket: the event and the ticket's QR code (the previous holder's code no
    /// longer admits anyone).
    /// </summary>
    public static EmailMessage TicketTransferred(
        string email,
        string name,
        TicketEmailEvent @event,
        IReadOnlyList<TicketEmailTicket> tickets,
        string? locale = null)
    {
        var t = Texts.For(locale);
        return TicketsMessage(email, name, @event, tickets, t, t.TransferSubject, t.TransferIntro);
    }

    private static EmailMessage TicketsMessage(
        string email, string name, TicketEmailEvent @event, IReadOnlyList<TicketEmailTicket> tickets, Texts t, string subjectFormat, string introFormat)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(tickets);
        var when = When(@event, t);
        var subject = string.Format(t.Culture, subjectFormat, @event.Name);

        var text = new StringBuilder()
            .AppendLine(string.Format(t.Culture, t.Greeting, name)).AppendLine()
            .AppendLine(string.Format(t.Culture, introFormat, @event.Name)).AppendLine()
            .AppendLine(@event.Name).AppendLine(when).AppendLine(Where(@event)).AppendLine();
        var html = Open(t);
        html.Append("<p>").Append(Encode(string.Format(t.Culture, t.Greeting, name))).Append("</p>")
            .Append("<p>").Append(Encode(string.Format(t.Culture, introFormat, @event.Name))).Append("</p>");
        AppendEvent(html, @event, when);

        var attachments = AppendTickets(text, html, tickets, t);
        text.AppendLine(t.ShowAtEntrance);
        html.Append("<p>").Append(Encode(t.ShowAtEntrance)).Append("</p>");
        return new EmailMessage(email, subject, text.ToString(), Close(html), attachments);
    }

    /// <summary>The refund notice: how much, for which order, and that the refunded tickets no longer admit anyone.</summary>
    public static EmailMessage RefundNotice(
        string email,
        string name,
        string eventName,
        string orderNumber,
        Money amount,
        string? reason = null,
        string? locale = null)
    {
        var t = Texts.For(locale);
        var subject = string.Format(t.Culture, t.RefundSubject, orderNumber, eventName);
        var intro = string.Format(t.Culture, t.RefundIntro, amount, orderNumber, eventName);

        var text = new StringBuilder()
            .AppendLine(string.Format(t.Culture, t.Greeting, name)).AppendLine()
            .AppendLine(intro).AppendLine();
        var html = Open(t);
        html.Append("<p>").Append(Encode(string.Format(t.Culture, t.Greeting, name))).Append("</p>")
            .Append("<p>").Append(Encode(intro)).Append("</p>");
        if (!string.IsNullOrWhiteSpace(reason))
        {
            text.AppendLine(string.Create(t.Culture, $"{t.Reason}: {reason}")).AppendLine();
            html.Append("<p>").Append(Encode(t.Reason)).Append(": ").Append(Encode(reason)).Append("</p>");
        }
        text.AppendLine(t.RefundDetails);
        html.Append("<p>").Append(Encode(t.RefundDetails)).Append("</p>");
        return new EmailMessage(email, subject, text.ToString(), Close(html));
    }

    /// <summary>The <c>Content-ID</c> of a ticket's QR image (the HTML shows it as <c>cid:</c> + this id).</summary>
    public static string QrContentId(Guid ticketId) => $"ticket-{ticketId:N}@tickr";

    /// <summary>A short reference people can read out at the door: the first 8 hex digits of the ticket id.</summary>
    public static string ShortReference(Guid ticketId) => ticketId.ToString("N")[..8].ToUpperInvariant();

    private static List<EmailAttachment> AppendTickets(StringBuilder text, StringBuilder html, IReadOnlyList<TicketEmailTicket> tickets, Texts t)
    {
        var attachments = new List<EmailAttachment>(tickets.Count);
        for (var i = 0; i < tickets.Count; i++)
        {
            var ticket = tickets[i];
            var reference = ShortReference(ticket.TicketId);
            var heading = string.Format(t.Culture, t.TicketHeading, i + 1, tickets.Count, reference);
            var contentId = QrContentId(ticket.TicketId);
            attachments.Add(new EmailAttachment($"ticket-{reference}.png", TicketQrCode.PngContentType, TicketQrCode.Png(ticket.Token), contentId));

            text.AppendLine(heading)
                .AppendLine(string.Create(t.Culture, $"{t.Holder}: {ticket.HolderName}"));
            if (ticket.TicketTypeName is { } type)
            {
                text.AppendLine(string.Create(t.Culture, $"{t.Type}: {type}"));
            }
            text.AppendLine(string.Create(t.Culture, $"{t.Code}: {ticket.Token}")).AppendLine();

            html.Append("<div style=\"border:1px solid #ddd;border-radius:8px;padding:16px;margin:16px 0;text-align:center\">")
                .Append("<p style=\"margin:0 0 8px\"><strong>").Append(Encode(heading)).Append("</strong></p>")
                .Append("<p style=\"margin:0 0 8px\">").Append(Encode(ticket.HolderName));
            if (ticket.TicketTypeName is { } typeName)
            {
                html.Append(" · ").Append(Encode(typeName));
            }
            html.Append("</p>")
                .Append("<img src=\"cid:").Append(Encode(contentId)).Append("\" width=\"240\" height=\"240\" alt=\"")
                .Append(Encode(string.Format(t.Culture, t.QrAlt, reference))).Append("\" style=\"display:block;margin:0 auto\">")
                .Append("</div>");
        }
        return attachments;
    }

    private static StringBuilder Open(Texts t) =>
        new StringBuilder("<!DOCTYPE html><html lang=\"").Append(t.Language).Append("\"><head><meta charset=\"utf-8\"></head>")
            .Append("<body style=\"font-family:Arial,Helvetica,sans-serif;color:#222;max-width:560px;margin:0 auto;padding:16px\">");

    private static string Close(StringBuilder html) => html.Append("</body></html>").ToString();

    private static void AppendEvent(StringBuilder html, TicketEmailEvent @event, string when) =>
        html.Append("<h2 style=\"margin:16px 0 4px\">").Append(Encode(@event.Name)).Append("</h2>")
            .Append("<p style=\"margin:0\">").Append(Encode(when)).Append("<br>").Append(Encode(Where(@event))).Append("</p>");

    private static string Where(TicketEmailEvent @event) =>
        string.IsNullOrWhiteSpace(@event.City) ? @event.Venue : @event.Venue + ", " + @event.City;

    /// <summary>"Saturday 14 July 2027, 20:00 (Africa/Tunis)": the wall-clock time where the event happens.</summary>
    private static string When(TicketEmailEvent @event, Texts t)
    {
        var local = @event.StartsAt;
        try
        {
            local = EventTimeZone.ToLocal(@event.StartsAt, @event.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            // An unknown zone shows the instant with the offset it came with rather than failing the email.
        }
        return local.ToString(t.DateFormat, t.Culture) + " (" + @event.TimeZone + ")";
    }

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    private sealed record Texts(
        string Language,
        CultureInfo Culture,
        string DateFormat,
        string Greeting,
        string ConfirmationSubject,
        string ConfirmationIntro,
        string Total,
        string TicketHeading,
        string Holder,
        string Type,
        string Code,
        string QrAlt,
        string ShowAtEntrance,
        string ReminderSubject,
        string ReminderIntro,
        string RefundSubject,
        string RefundIntro,
        string Reason,
        string RefundDetails,
        string TransferSubject,
        string TransferIntro)
    {
        private static readonly Texts English = new(
            "en", CultureOrInvariant("en-GB"), "dddd d MMMM yyyy, HH:mm",
            "Hello {0},",
            "Your tickets for {1} (order {0})",
            "Thank you for your order {0}. Your tickets are below.",
            "Total",
            "Ticket {0} of {1} · {2}",
            "Holder", "Type", "Ticket code",
            "QR code of ticket {0}",
            "Show each ticket's QR code at the entrance, on your phone or printed. Each code admits one person once.",
            "Reminder: {0} is coming up",
            "{0} starts soon. Your tickets are below.",
            "Refund of order {0} ({1})",
            "We have refunded {0} for your order {1} ({2}).",
            "Reason",
            "The refund reaches your card within a few business days. The refunded tickets no longer admit anyone.",
            "A ticket for {0} was transferred to you",
            "A ticket for {0} was transferred to you. Here it is: the previous holder's code no longer works.");

        private static readonly Texts French = new(
            "fr", CultureOrInvariant("fr-FR"), "dddd d MMMM yyyy, HH:mm",
            "Bonjour {0},",
            "Vos billets pour {1} (commande {0})",
            "Merci pour votre commande {0}. Vos billets sont ci-dessous.",
            "Total",
            "Billet {0} sur {1} · {2}",
            "Titulaire", "Type", "Code du billet",
            "QR code du billet {0}",
            "Présentez le QR code de chaque billet à l'entrée, sur votre téléphone ou imprimé. Chaque code est valable pour une personne, une fois.",
            "Rappel : {0} approche",
            "{0} commence bientôt. Vos billets sont ci-dessous.",
            "Remboursement de la commande {0} ({1})",
            "Nous avons remboursé {0} pour votre commande {1} ({2}).",
            "Motif",
            "Le remboursement arrive sur votre carte sous quelques jours ouvrés. Les billets remboursés ne sont plus valables.",
            "Un billet pour {0} vous a été transféré",
            "Un billet pour {0} vous a été transféré. Le voici : le code de l'ancien titulaire n'est plus valable.");

        public static Texts For(string? locale) =>
            locale is not null && locale.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French : English;

        private static CultureInfo CultureOrInvariant(string name)
        {
            try
            {
                return CultureInfo.GetCultureInfo(name);
            }
            catch (CultureNotFoundException)
            {
                return CultureInfo.InvariantCulture;
            }
        }
    }
}
