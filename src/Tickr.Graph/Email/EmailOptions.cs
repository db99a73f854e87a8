namespace Tickr.Graph.Email;

/// <summary>
/// Email settings (<c>Tickr:Email:*</c>). With <c>Tickr:Email:Smtp:Host</c> set, messages go to that SMTP server;
/// otherwise they are written to a pickup folder.
/// </summary>
public sealed class EmailOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Tickr:Email";

    /// <summary>The public address of the web app, used to build links in emails (<c>Tickr:PublicUrl</c>).</summary>
    public const string PublicUrlKey = "Tickr:PublicUrl";

    /// <summary>The folder .eml files are written to; relative paths are under the content root (default <c>data/mail</c>).</summary>
    public string PickupDirectory { get; set; } = Path.Combine("data", "mail");

    /// <summary>The sender of every message.</summary>
    public string From { get; set; } = "Tickr <no-reply@tickr.local>";

    /// <summary>The SMTP server (<c>Tickr:Email:Smtp:*</c>); unused while its host is empty.</summary>
    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>How the connection to the SMTP server is secured (<c>Tickr:Email:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>TLS from the first byte on port 465; elsewhere STARTTLS when the server offers it, plain text otherwise.</summary>
    Auto,

    /// <summary>Plain text (a relay on the same host or a private network only).</summary>
    None,

    /// <summary>STARTTLS, required: refuse to send when the server does not offer it (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS, port 465).</summary>
    SslOnConnect,
}

/// <summary>The SMTP server email is delivered to (<c>Tickr:Email:Smtp:*</c>).</summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = EmailOptions.Section + ":Smtp";

    /// <summary>The server's host name or address; empty means no SMTP (the pickup folder is used).</summary>
    public string? Host { get; set; }

    /// <summary>The port; 0 (the default) picks the usual one for <see cref="Security"/>: 465 for SslOnConnect, 25 for None, 587 otherwise.</summary>
    public int Port { get; set; }

    /// <summary>The user name to authenticate with; empty means no authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>The password that goes with <see cref="UserName"/>.</summary>
    public string? Password { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>How long one network step (connecting, each command, the message data) may take; 30 s by default.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when a host is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary><see cref="Port"/>, or the usual port of <see cref="Security"/> when it is 0.</summary>
    public int EffectivePort => Port != 0 ? Port : Security switch
    {
        SmtpSecurity.SslOnConnect => 465,
        SmtpSecurity.None => 25,
        _ => 587,
    };

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the configuration key that is wrong.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"{Section}:Port must be between 1 and 65535 (or 0 for the default), not {Port}.");
        }
        if (Timeout <= TimeSpan.Zero || Timeout.TotalMilliseconds > int.MaxValue)
        {
            throw new InvalidOperationException($"{Section}:Timeout must be positive (e.g. 00:00:30), not {Timeout}.");
        }
        if (!Enum.IsDefined(Security))
        {
            throw new InvalidOperationException($"{Section}:Security must be Auto, None, StartTls or SslOnConnect.");
        }
        if (!string.IsNullOrEmpty(UserName) && Password is null)
        {
            throw new InvalidOperationException($"{Section}:UserName is set without {Section}:Password.");
        }
    }
}
