namespace Tickr.Domain.Notifications;

/// <summary>
/// Sends transactional emails (account confirmation, password reset, tickets). The port the use cases depend on; the
/// server provides the adapter (a pickup folder until SMTP is configured).
/// </summary>
public interface IEmailSender
{
    /// <summary>
    /// Hands the message over for delivery; throws when it could not be accepted (adapters throw
    /// <see cref="EmailDeliveryException"/>, which says whether a retry can help).
    /// </summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
