namespace Tickr.Domain.Notifications;

/// <summary>
/// A transactional email as Tickr composes it: one recipient, a subject, a plain-text body and optionally an HTML
/// alternative. Transport details (sender address, SMTP, retries) belong to the adapter.
/// </summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="TextBody">The plain-text body; always present, so every mail client can show the message.</param>
/// <param name="HtmlBody">An HTML alternative of the same content, or null.</param>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null);
