using Tickr.Domain.Notifications;

namespace Tickr.Graph.Email;

/// <summary>
/// Delivers email by writing each message as an RFC 5322 <c>.eml</c> file into a pickup folder: what the server does
/// while no SMTP server is configured (development, tests, demos). Any mail client opens the files. Each file is
/// written under a temporary name and then renamed, so a reader never sees half a message. The MIME message is the one
/// <see cref="EmailMime"/> builds, byte for byte what the SMTP adapter would send.
/// </summary>
public sealed partial class PickupDirectoryEmailSender : IEmailSender
{
    private readonly string _directory;
    private readonly string _from;
    private readonly TimeProvider _clock;
    private readonly ILogger<PickupDirectoryEmailSender> _logger;

    public PickupDirectoryEmailSender(string directory, string from, TimeProvider clock, ILogger<PickupDirectoryEmailSender> logger)
    {
        _directory = directory;
        _from = from;
        _ = MimeKit.MailboxAddress.Parse(from);
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The folder the messages are written to.</summary>
    public string Directory => _directory;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = _clock.GetUtcNow();
        var mime = EmailMime.BuildForDelivery(message, _from, now);

        System.IO.Directory.CreateDirectory(_directory);
        var name = $"{now:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(_directory, name + ".tmp");
        var final = Path.Combine(_directory, name + ".eml");
        await using (var stream = File.Create(temporary))
        {
            await mime.WriteToAsync(stream, cancellationToken);
        }
        File.Move(temporary, final);
        LogWritten(_logger, message.Subject, final);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email \"{Subject}\" written to {Path} (no SMTP server configured).")]
    private static partial void LogWritten(ILogger logger, string subject, string path);
}
