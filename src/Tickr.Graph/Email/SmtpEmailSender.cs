using System.Globalization;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Tickr.Domain.Notifications;

namespace Tickr.Graph.Email;

/// <summary>
/// Delivers email to an SMTP server (<c>Tickr:Email:Smtp:*</c>) with MailKit: one connection per message (connect,
/// authenticate when a user name is set, send, quit). Every failure before the server accepted the message is an
/// <see cref="EmailDeliveryException"/>; the caller (the outbox) records it and retries unless it is permanent. Each
/// network step is bounded by <see cref="SmtpOptions.Timeout"/>, so an unreachable or hung server fails instead of
/// hanging. A failure after acceptance (while quitting) is only logged: the message was delivered, and a retry would
/// send it twice.
/// </summary>
public sealed partial class SmtpEmailSender : IEmailSender
{
    private readonly SmtpOptions _smtp;
    private readonly string _from;
    private readonly TimeProvider _clock;
    private readonly ILogger<SmtpEmailSender> _logger;

    public SmtpEmailSender(EmailOptions options, TimeProvider clock, ILogger<SmtpEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Smtp.IsConfigured)
        {
            throw new InvalidOperationException($"{SmtpOptions.Section}:Host is not set.");
        }
        options.Smtp.Validate();
        _ = MailboxAddress.Parse(options.From);
        _smtp = options.Smtp;
        _from = options.From;
        _clock = clock;
        _logger = logger;
    }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = EmailMime.BuildForDelivery(message, _from, _clock.GetUtcNow());
        var host = _smtp.Host!.Trim();
        var port = _smtp.EffectivePort;

        using var client = new SmtpClient { Timeout = (int)_smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(host, port, SocketOptions(_smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(_smtp.UserName))
            {
                await client.AuthenticateAsync(_smtp.UserName, _smtp.Password ?? "", cancellationToken);
            }
            await client.SendAsync(mime, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SmtpCommandException e)
        {
            // 5xx on the sender, a recipient or the message: the server refuses this message and will again.
            var permanent = (int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted
                or SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.MessageNotAccepted;
            throw Failure(message, host, port, e, permanent);
        }
        catch (Exception e) when (e is not EmailDeliveryException)
        {
            // Unreachable, timed out, TLS or authentication refused, protocol error: the server or the configuration,
            // not the message. Retrying later can succeed.
            throw Failure(message, host, port, e, permanent: false);
        }

        LogSent(_logger, message.Subject, host, port);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogQuitFailed(_logger, host, port, e);
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private EmailDeliveryException Failure(EmailMessage message, string host, int port, Exception e, bool permanent)
    {
        LogFailed(_logger, message.Subject, host, port, permanent, e);
        return new EmailDeliveryException(
            string.Create(CultureInfo.InvariantCulture, $"SMTP delivery of \"{message.Subject}\" through {host}:{port} failed: {e.Message}"),
            permanent, e);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email \"{Subject}\" accepted by {Host}:{Port}.")]
    private static partial void LogSent(ILogger logger, string subject, string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email \"{Subject}\" not delivered through {Host}:{Port} (permanent: {Permanent}).")]
    private static partial void LogFailed(ILogger logger, string subject, string host, int port, bool permanent, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "QUIT to {Host}:{Port} failed after the message was accepted.")]
    private static partial void LogQuitFailed(ILogger logger, string host, int port, Exception exception);
}
