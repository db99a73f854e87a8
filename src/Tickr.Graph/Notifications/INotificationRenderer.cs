using Tickr.Data.Notifications;
using Tickr.Domain.Notifications;

namespace Tickr.Graph.Notifications;

/// <summary>
/// Turns outbox messages of some kinds into the email to send, at delivery time (so the email shows the data as it is
/// then: the current ticket versions, the current holder). Register implementations as
/// <c>INotificationRenderer</c> singletons; the dispatcher picks the one that lists a message's kind.
/// </summary>
public interface INotificationRenderer
{
    /// <summary>The <see cref="OutboxMessage.Kind"/>s this renderer handles.</summary>
    IReadOnlyCollection<string> Kinds { get; }

    /// <summary>
    /// The email for <paramref name="message"/>, or null when there is nothing to send any more (e.g. a reminder for
    /// an order refunded meanwhile): the message is then recorded as done. Throws
    /// <see cref="NotificationRenderException"/> for a message that cannot be rendered; any other exception counts as
    /// a transient failure (retried).
    /// </summary>
    Task<EmailMessage?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>A message that cannot be rendered (malformed payload, vanished order…); <see cref="IsPermanent"/> by default.</summary>
public sealed class NotificationRenderException : Exception
{
    public NotificationRenderException()
    {
    }

    public NotificationRenderException(string message)
        : base(message)
    {
    }

    public NotificationRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NotificationRenderException(string message, bool isPermanent, Exception? innerException = null)
        : base(message, innerException)
    {
        IsPermanent = isPermanent;
    }

    /// <summary>True (the default) when rendering this message again will fail again.</summary>
    public bool IsPermanent { get; } = true;
}
