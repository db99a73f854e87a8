using MimeKit;
using MimeKit.Utils;
using Tickr.Domain.Notifications;

namespace Tickr.Graph.Email;

/// <summary>
/// Turns an <see cref="EmailMessage"/> into the MIME message every adapter sends (the pickup folder and SMTP write the
/// same bytes): <c>multipart/alternative</c> of the text and HTML bodies; inline parts (a <c>ContentId</c>) in a
/// <c>multipart/related</c> with the HTML; other attachments in an outer <c>multipart/mixed</c>.
/// </summary>
public static class EmailMime
{
    /// <summary>Builds the message from the configured sender, dated now.</summary>
    /// <exception cref="ParseException">The sender, the recipient or an attachment's content type is invalid.</exception>
    public static MimeMessage Build(EmailMessage message, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Build(message, options.From, DateTimeOffset.UtcNow);
    }

    /// <summary>Builds the message from <paramref name="from"/> (<c>Name &lt;address&gt;</c> or a bare address), dated <paramref name="date"/>.</summary>
    /// <exception cref="ParseException">The sender, the recipient or an attachment's content type is invalid.</exception>
    public static MimeMessage Build(EmailMessage message, string from, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(from);
        var sender = MailboxAddress.Parse(from);
        var mime = new MimeMessage
        {
            // A subject is one line: a line break in composed text must not start a header of its own.
            Subject = OneLine(message.Subject),
            Date = date,
            MessageId = MimeUtils.GenerateMessageId(sender.Domain is { Length: > 0 } domain ? domain : "tickr.local"),
        };
        mime.From.Add(sender);
        mime.To.Add(MailboxAddress.Parse(message.To));

        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var attachment in message.Attachments ?? [])
        {
            var contentType = ContentType.Parse(attachment.ContentType);
            // Inline parts belong to the HTML; without HTML there is nothing to show them in, so they become attachments.
            var part = attachment.IsInline && message.HtmlBody is not null
                ? body.LinkedResources.Add(attachment.FileName, attachment.Content, contentType)
                : body.Attachments.Add(attachment.FileName, attachment.Content, contentType);
            if (attachment.ContentId is { } contentId)
            {
                part.ContentId = contentId;
            }
        }
        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>
    /// <see cref="Build(EmailMessage, string, DateTimeOffset)"/> for an adapter: an invalid address or content type is an
    /// <see cref="EmailDeliveryException"/> that no retry can fix.
    /// </summary>
    internal static MimeMessage BuildForDelivery(EmailMessage message, string from, DateTimeOffset date)
    {
        try
        {
            return Build(message, from, date);
        }
        catch (ParseException e)
        {
            throw new EmailDeliveryException($"The message \"{message.Subject}\" cannot be sent as it is (an address or content type is invalid): {e.Message}", isPermanent: true, e);
        }
    }

    private static string OneLine(string text) =>
        text.Contains('\r', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal)
            ? string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : text;
}
