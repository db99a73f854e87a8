namespace Tickr.Domain.Notifications;

/// <summary>
/// A transactional email as Tickr composes it: one recipient, a subject, a plain-text body, optionally an HTML
/// alternative and files. Transport details (sender address, SMTP, retries) belong to the adapter.
/// </summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="TextBody">The plain-text body; always present, so every mail client can show the message.</param>
/// <param name="HtmlBody">An HTML alternative of the same content, or null.</param>
/// <param name="Attachments">
/// Files sent with the message, or null. Those with a <see cref="EmailAttachment.ContentId"/> are inline parts of the
/// HTML body (<c>&lt;img src="cid:…"&gt;</c>); the others are ordinary attachments.
/// </param>
public sealed record EmailMessage(
    string To,
    string Subject,
    string TextBody,
    string? HtmlBody = null,
    IReadOnlyList<EmailAttachment>? Attachments = null);

/// <summary>A file carried by an <see cref="EmailMessage"/>.</summary>
/// <param name="FileName">The name mail clients show and save it under, e.g. <c>ticket-1.png</c>.</param>
/// <param name="ContentType">Its MIME type, e.g. <c>image/png</c>.</param>
/// <param name="Content">Its bytes.</param>
/// <param name="ContentId">
/// Set for an inline part the HTML body refers to as <c>cid:</c> + this id (e.g. <c>ticket-…@tickr</c>, without angle
/// brackets); null for an ordinary attachment.
/// </param>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content, string? ContentId = null)
{
    /// <summary>True for an inline part of the HTML body.</summary>
    public bool IsInline => ContentId is not null;
}
