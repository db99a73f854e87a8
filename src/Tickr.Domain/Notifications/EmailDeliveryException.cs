namespace Tickr.Domain.Notifications;

/// <summary>
/// An <see cref="IEmailSender"/> could not hand a message over. <see cref="IsPermanent"/> tells a retrying caller (the
/// outbox) whether trying the same message again can ever succeed: false for an unreachable, slow or refusing server
/// (retry with backoff), true when the message itself is refused (an invalid or rejected address, a message the server
/// will not take).
/// </summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException()
    {
    }

    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EmailDeliveryException(string message, bool isPermanent, Exception? innerException = null)
        : base(message, innerException)
    {
        IsPermanent = isPermanent;
    }

    /// <summary>True when sending this same message again will fail again.</summary>
    public bool IsPermanent { get; }
}
